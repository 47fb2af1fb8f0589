package dev.lockstep.cosim;

import dev.lockstep.fabric.TernaryLane;
import dev.lockstep.rtl.RtlSources;
import java.util.List;
import java.util.Map;

/**
 * Co-simulation of one ternary lane: Java {@link TernaryLane} against {@code ternary_lane.v}. The
 * schema is the RTL's port list; signals read {@code ternary_lane.<port>}.
 */
public final class LaneCosim {
    public static final CosimSchema SCHEMA = new CosimSchema("ternary_lane",
            List.of(new SignalSpec("rst", 1), new SignalSpec("en", 1), new SignalSpec("clear", 1),
                    new SignalSpec("hints", 32), new SignalSpec("weight", 2), new SignalSpec("trit_in", 2)),
            List.of(new SignalSpec("acc", 32), new SignalSpec("skip_count", 32), new SignalSpec("active_cycles", 32),
                    new SignalSpec("overflow", 1)));

    private LaneCosim() {}

    /** Runs {@code cycles} random cycles from {@code seed} with the default model cache. */
    public static CosimResult run(long cycles, long seed, CosimOptions options) {
        return LockstepRunner.run(harness(seed), cycles, options);
    }

    public static RtlDesign design() {
        return new RtlDesign("ternary_lane", Map.of("ternary_lane.v", RtlSources.ternaryLane()), "clk", "rst");
    }

    /** The random stimulus of {@code seed} against a fresh Java lane. */
    public static CosimHarness harness(long seed) {
        return new CosimHarness(SCHEMA, design(), stimulus(seed), model(new TernaryLane()), seed);
    }

    /**
     * Seeded random lane stimulus: reset, enable, clear, every op (NOP, ADD and unknown ones too),
     * BIAS_EN, ZERO_SKIP, pool ops, and the illegal code 11 on weight and input.
     */
    public static Stimulus stimulus(long seed) {
        FabricStimulus s = new FabricStimulus(seed);
        return (cycle, in) -> {
            s.advance();
            in[0] = s.reset() ? 1 : 0;
            in[1] = s.enable() ? 1 : 0;
            in[2] = s.clear() ? 1 : 0;
            in[3] = s.hints() & 0xFFFF_FFFFL;
            in[4] = s.weight();
            in[5] = s.input();
        };
    }

    /** Adapts a Java lane to {@link #SCHEMA}. */
    public static CosimModel model(TernaryLane lane) {
        return new CosimModel() {
            @Override
            public void apply(long[] in) {
                lane.setReset(in[0] != 0);
                lane.setEnable(in[1] != 0);
                lane.setClear(in[2] != 0);
                lane.setHints((int) in[3]);
                lane.setWeight((int) in[4]);
                lane.setInput((int) in[5]);
            }

            @Override
            public void step() {
                lane.evaluate();
                lane.commit();
            }

            @Override
            public void sample(long[] out) {
                out[0] = lane.accumulator() & 0xFFFF_FFFFL;
                out[1] = lane.skipCount() & 0xFFFF_FFFFL;
                out[2] = lane.activeCycles() & 0xFFFF_FFFFL;
                out[3] = lane.overflow() ? 1 : 0;
            }
        };
    }
}

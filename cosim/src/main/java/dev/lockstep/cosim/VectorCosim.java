package dev.lockstep.cosim;

import dev.lockstep.fabric.VectorEngine;
import dev.lockstep.rtl.RtlSources;
import dev.lockstep.sim.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * Co-simulation of the N-lane vector engine: Java {@link VectorEngine} against the Chisel-emitted
 * {@code vector_engine} (over {@code ternary_lane.v}). Signals carry the emitted port names, e.g.
 * {@code vector_engine.io_acc_3}.
 *
 * <p>Input order: reset, io_en, io_clear, io_hints, io_lane_count, io_lane_mask, io_weight_0..N-1,
 * io_trit_in_0..N-1. Output order: io_acc_i, io_skip_count_i, io_active_cycles_i (each for i = 0..N-1),
 * io_overflow, io_cycle_count, io_utilization.
 */
public final class VectorCosim {
    private static final int FIXED_INPUTS = 6;

    private VectorCosim() {}

    public static CosimResult run(int lanes, long cycles, long seed, CosimOptions options) {
        return LockstepRunner.run(harness(lanes, seed), cycles, options);
    }

    public static RtlDesign design(int lanes) {
        return new RtlDesign("vector_engine", RtlSources.vectorEngine(lanes), "clock", "reset");
    }

    public static CosimSchema schema(int lanes) {
        List<SignalSpec> in = new ArrayList<>(List.of(new SignalSpec("reset", 1), new SignalSpec("io_en", 1),
                new SignalSpec("io_clear", 1), new SignalSpec("io_hints", 32), new SignalSpec("io_lane_count", 16),
                new SignalSpec("io_lane_mask", lanes)));
        for (int i = 0; i < lanes; i++) {
            in.add(new SignalSpec("io_weight_" + i, 2));
        }
        for (int i = 0; i < lanes; i++) {
            in.add(new SignalSpec("io_trit_in_" + i, 2));
        }
        List<SignalSpec> out = new ArrayList<>();
        for (String name : List.of("io_acc_", "io_skip_count_", "io_active_cycles_")) {
            for (int i = 0; i < lanes; i++) {
                out.add(new SignalSpec(name + i, 32));
            }
        }
        out.add(new SignalSpec("io_overflow", lanes));
        out.add(new SignalSpec("io_cycle_count", 32));
        out.add(new SignalSpec("io_utilization", 32));
        return new CosimSchema("vector_engine", in, out);
    }

    public static CosimHarness harness(int lanes, long seed) {
        return new CosimHarness(schema(lanes), design(lanes), stimulus(lanes, seed), model(new VectorEngine(lanes)), seed);
    }

    /**
     * The lane stimulus per lane, plus lane_count (0, N, inside, just above N, any 16-bit value), lane
     * mask (all, random, one lane, none) and weight broadcast in the hints.
     */
    public static Stimulus stimulus(int lanes, long seed) {
        FabricStimulus s = new FabricStimulus(seed);
        SplitMix64 rng = s.rng();
        long all = lanes == 64 ? -1L : (1L << lanes) - 1;
        long[] laneCount = {lanes};
        long[] laneMask = {all};
        return (cycle, in) -> {
            s.advance();
            if (rng.oneIn(400)) {
                int pick = rng.nextInt(20);
                laneCount[0] = pick < 2 ? 0
                        : pick < 7 ? lanes
                        : pick < 14 ? 1 + rng.nextInt(lanes)
                        : pick < 17 ? lanes + 1 + rng.nextInt(5)
                        : rng.nextInt(0x10000);
            }
            if (rng.oneIn(400)) {
                int pick = rng.nextInt(10);
                laneMask[0] = pick < 4 ? all : pick < 8 ? rng.nextLong() & all : pick < 9 ? 1L << rng.nextInt(lanes) : 0;
            }
            in[0] = s.reset() ? 1 : 0;
            in[1] = s.enable() ? 1 : 0;
            in[2] = s.clear() ? 1 : 0;
            in[3] = s.hints() & 0xFFFF_FFFFL;
            in[4] = laneCount[0];
            in[5] = laneMask[0];
            for (int i = 0; i < lanes; i++) {
                in[FIXED_INPUTS + i] = s.weight();
                in[FIXED_INPUTS + lanes + i] = s.input();
            }
        };
    }

    /** Adapts a Java vector engine to {@link #schema(int)}. */
    public static CosimModel model(VectorEngine engine) {
        int n = engine.lanes();
        return new CosimModel() {
            @Override
            public void apply(long[] in) {
                engine.setReset(in[0] != 0);
                engine.setEnable(in[1] != 0);
                engine.setClear(in[2] != 0);
                engine.setHints((int) in[3]);
                engine.setLaneCount((int) in[4]);
                engine.setLaneMask(in[5]);
                for (int i = 0; i < n; i++) {
                    engine.setWeight(i, (int) in[FIXED_INPUTS + i]);
                    engine.setInput(i, (int) in[FIXED_INPUTS + n + i]);
                }
            }

            @Override
            public void step() {
                engine.evaluate();
                engine.commit();
            }

            @Override
            public void sample(long[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = engine.accumulator(i) & 0xFFFF_FFFFL;
                    out[n + i] = engine.skipCount(i) & 0xFFFF_FFFFL;
                    out[2 * n + i] = engine.activeCycles(i) & 0xFFFF_FFFFL;
                }
                out[3 * n] = engine.overflowMask();
                out[3 * n + 1] = engine.cycleCount() & 0xFFFF_FFFFL;
                out[3 * n + 2] = engine.utilization() & 0xFFFF_FFFFL;
            }
        };
    }
}

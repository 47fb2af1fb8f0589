package dev.lockstep.cosim;

import dev.lockstep.fabric.top.AxiMaster;
import dev.lockstep.fabric.top.FabricTop;
import dev.lockstep.rtl.RtlSources;
import dev.lockstep.sim.random.SplitMix64;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Co-simulation of the whole fabric top: Java {@link FabricTop} against {@code fabric_top.v} (4 tiles
 * x 15 lanes), driven only through its AXI4-Lite and AXI4-Stream pins by random frames
 * ({@link FabricFrameProgram}) played by an {@link AxiMaster} with random stalls. Every output pin
 * is compared every cycle; results and counters, which have no pins of their own (4 x 15 x 32-bit
 * results would not fit the harness's 64-bit signals), are compared through the AXI reads after each
 * frame: a wrong result shows as an {@code s_axi_rdata} divergence.
 *
 * <p>The master reacts to the Java top's outputs (ready, bvalid, rvalid, STATUS); both sides get the
 * same pins, so an RTL that answers differently diverges on that output at that cycle. Because the
 * program depends only on the seed and the Java model, {@link #cyclesFor} finds the length of N
 * frames by running the Java side alone first.
 */
public final class FabricCosim {
    private static final int RESET_CYCLES = 2;

    private FabricCosim() {}

    public static CosimSchema schema() {
        return new CosimSchema("fabric_top", List.of(
                new SignalSpec("rst", 1),
                new SignalSpec("s_axi_awvalid", 1), new SignalSpec("s_axi_awaddr", 32),
                new SignalSpec("s_axi_wvalid", 1), new SignalSpec("s_axi_wdata", 32),
                new SignalSpec("s_axi_bready", 1),
                new SignalSpec("s_axi_arvalid", 1), new SignalSpec("s_axi_araddr", 32),
                new SignalSpec("s_axi_rready", 1),
                new SignalSpec("s_axis_tvalid", 1), new SignalSpec("s_axis_tdata", 32),
                new SignalSpec("s_axis_tlast", 1)),
                List.of(new SignalSpec("s_axi_awready", 1), new SignalSpec("s_axi_wready", 1),
                        new SignalSpec("s_axi_bvalid", 1), new SignalSpec("s_axi_bresp", 2),
                        new SignalSpec("s_axi_arready", 1), new SignalSpec("s_axi_rvalid", 1),
                        new SignalSpec("s_axi_rdata", 32), new SignalSpec("s_axi_rresp", 2),
                        new SignalSpec("s_axis_tready", 1), new SignalSpec("busy", 1), new SignalSpec("done", 1)));
    }

    public static RtlDesign design() {
        return RtlDesign.of("fabric_top", RtlSources.fabricTop());
    }

    /** {@code frames} random frames of {@code seed} in lockstep with the RTL. */
    public static CosimResult run(int frames, long seed, CosimOptions options) {
        return LockstepRunner.run(harness(frames, seed), cyclesFor(frames, seed), options);
    }

    /** The cycles {@code frames} frames of {@code seed} take, found by running the Java side alone. */
    public static long cyclesFor(int frames, long seed) {
        return javaAlone(frames, seed).cycles;
    }

    public static CosimHarness harness(int frames, long seed) {
        Session s = new Session(frames, seed);
        return new CosimHarness(schema(), design(), s::stimulus, s.model(), seed);
    }

    /** The program's coverage counters after {@code frames} frames of {@code seed} (for tests and reports). */
    static FabricFrameProgram program(int frames, long seed) {
        return javaAlone(frames, seed).program;
    }

    private static Session javaAlone(int frames, long seed) {
        return runJavaAlone(new Session(frames, seed));
    }

    private static Session runJavaAlone(Session s) {
        long[] in = new long[schema().inputs().size()];
        while (!s.finished()) {
            s.stimulus(s.cycles, in);
            s.apply(in);
            s.top.step();
            s.cycles++;
        }
        return s;
    }

    /**
     * Plays {@code script} (AXI transactions, queued once after reset on a master without stalls) on
     * a fresh Java top and on the RTL in lockstep; {@code top} is the Java side, left as the run ends
     * so a test can check what the reads returned (on both sides, when the run has no divergence).
     */
    public static CosimResult runScript(Consumer<AxiMaster> script, FabricTop top, CosimOptions options) {
        long cycles = runJavaAlone(new Session(new FabricTop(), script)).cycles;
        Session s = new Session(top, script);
        return LockstepRunner.run(new CosimHarness(schema(), design(), s::stimulus, s.model(), 0), cycles, options);
    }

    /**
     * The input pins of {@code frames} frames of {@code seed}, recorded from the Java side alone, three
     * longs per cycle (flags, awaddr:wdata, araddr:tdata): an open-loop copy of the run, so the RTL can be
     * driven without the Java model (benchmarks).
     */
    public static long[] record(int frames, long seed) {
        Session s = new Session(frames, seed);
        long[] in = new long[schema().inputs().size()];
        long[] packed = new long[1 << 16];
        int n = 0;
        while (!s.finished()) {
            s.stimulus(s.cycles, in);
            s.apply(in);
            s.top.step();
            s.cycles++;
            if (n + 3 > packed.length) {
                packed = Arrays.copyOf(packed, packed.length * 2);
            }
            packed[n++] = in[0] | in[1] << 1 | in[3] << 2 | in[5] << 3 | in[6] << 4 | in[8] << 5 | in[9] << 6 | in[11] << 7;
            packed[n++] = in[2] << 32 | in[4];
            packed[n++] = in[7] << 32 | in[10];
        }
        return Arrays.copyOf(packed, n);
    }

    /** A harness replaying a {@link #record recording} into a fresh Java top and the RTL. */
    public static CosimHarness replayHarness(long[] recording, long seed) {
        Session s = new Session(0, seed);
        Stimulus replay = (cycle, in) -> {
            int i = (int) (3 * cycle);
            long flags = recording[i];
            in[0] = flags & 1;
            in[1] = flags >>> 1 & 1;
            in[2] = recording[i + 1] >>> 32;
            in[3] = flags >>> 2 & 1;
            in[4] = recording[i + 1] & 0xFFFF_FFFFL;
            in[5] = flags >>> 3 & 1;
            in[6] = flags >>> 4 & 1;
            in[7] = recording[i + 2] >>> 32;
            in[8] = flags >>> 5 & 1;
            in[9] = flags >>> 6 & 1;
            in[10] = recording[i + 2] & 0xFFFF_FFFFL;
            in[11] = flags >>> 7 & 1;
        };
        return new CosimHarness(schema(), design(), replay, s.model(), seed);
    }

    /** One run's Java top and master, and what feeds the master; the stimulus reads the top, the model steps it. */
    private static final class Session {
        private final FabricTop top;
        private final AxiMaster master;
        private final BooleanSupplier feed;
        private final FabricFrameProgram program;
        private boolean more = true;
        private long cycles;

        /** Random frames of {@code seed}. */
        Session(int frames, long seed) {
            top = new FabricTop();
            SplitMix64 rng = new SplitMix64(seed);
            master = new AxiMaster(new SplitMix64(rng.nextLong()));
            program = new FabricFrameProgram(rng, master, top.tiles(), top.lanes());
            feed = () -> {
                if (program.frames() >= frames) {
                    return false;
                }
                program.queueFrame();
                return true;
            };
        }

        /** A fixed script, queued once on a master without stalls. */
        Session(FabricTop top, Consumer<AxiMaster> script) {
            this.top = top;
            master = new AxiMaster();
            program = null;
            feed = () -> {
                script.accept(master);
                return false;
            };
        }

        boolean finished() {
            return master.quiet() && !more;
        }

        void stimulus(long cycle, long[] in) {
            if (cycle < RESET_CYCLES) {
                Arrays.fill(in, 0);
                in[0] = 1;
                return;
            }
            if (master.quiet() && more) {
                more = feed.getAsBoolean();
            }
            master.next(top);
            in[0] = 0;
            in[1] = bit(master.awvalid());
            in[2] = master.awaddr() & 0xFFFF_FFFFL;
            in[3] = bit(master.wvalid());
            in[4] = master.wdata() & 0xFFFF_FFFFL;
            in[5] = bit(master.bready());
            in[6] = bit(master.arvalid());
            in[7] = master.araddr() & 0xFFFF_FFFFL;
            in[8] = bit(master.rready());
            in[9] = bit(master.tvalid());
            in[10] = master.tdata() & 0xFFFF_FFFFL;
            in[11] = bit(master.tlast());
        }

        void apply(long[] in) {
            top.setReset(in[0] != 0);
            top.setWriteChannels(in[1] != 0, (int) in[2], in[3] != 0, (int) in[4], in[5] != 0);
            top.setReadChannels(in[6] != 0, (int) in[7], in[8] != 0);
            top.setStream(in[9] != 0, (int) in[10], in[11] != 0);
        }

        CosimModel model() {
            return new CosimModel() {
                @Override
                public void apply(long[] inputs) {
                    Session.this.apply(inputs);
                }

                @Override
                public void step() {
                    top.step();
                }

                @Override
                public void sample(long[] out) {
                    out[0] = bit(top.awready());
                    out[1] = bit(top.wready());
                    out[2] = bit(top.bvalid());
                    out[3] = top.bresp();
                    out[4] = bit(top.arready());
                    out[5] = bit(top.rvalid());
                    out[6] = top.rdata() & 0xFFFF_FFFFL;
                    out[7] = 0;
                    out[8] = bit(top.tready());
                    out[9] = bit(top.busy());
                    out[10] = bit(top.done());
                }
            };
        }

        private static long bit(boolean b) {
            return b ? 1 : 0;
        }
    }
}

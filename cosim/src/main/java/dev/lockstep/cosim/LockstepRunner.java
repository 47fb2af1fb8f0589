package dev.lockstep.cosim;

import java.time.Duration;
import java.util.List;

/**
 * Runs a Java model and its RTL in lockstep and compares every output every cycle.
 *
 * <p>Cycle convention: cycles are numbered from 0. For cycle c the stimulus produces the inputs, both
 * sides receive them, both take one rising edge, and the outputs sampled after that edge are the
 * outputs "of cycle c". So a register loaded at the edge of cycle c shows its new value in cycle c,
 * and the first cycle's inputs (typically reset) act on the first edge.
 *
 * <p>Values wider than their signal are cut to the declared width on both sides (inputs before they
 * are applied, Java outputs before comparison), as a port of that width would.
 */
public final class LockstepRunner {
    private LockstepRunner() {}

    /** {@link #run(ModelBuilder, CosimHarness, long, CosimOptions)} with the default builder and cache. */
    public static CosimResult run(CosimHarness harness, long cycles, CosimOptions options) {
        return run(ModelBuilder.defaults(), harness, cycles, options);
    }

    public static CosimResult run(ModelBuilder builder, CosimHarness harness, long cycles, CosimOptions options) {
        if (cycles < 0) {
            throw new IllegalArgumentException("cycles must be >= 0, got " + cycles);
        }
        long setupStart = System.nanoTime();
        BuiltModel built = builder.build(harness.rtl());
        try (VerilatedModel model = VerilatedModel.load(built)) {
            RtlSide rtl = new RtlSide(model, harness.schema());
            Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
            TraceRecorder recorder = options.traceDir() == null ? null : new TraceRecorder(options.traceDir(), harness.schema());
            try {
                return loop(harness, rtl, recorder, cycles, options, setup, built.fromCache());
            } finally {
                if (recorder != null) {
                    recorder.close();
                }
            }
        }
    }

    private static CosimResult loop(CosimHarness h, RtlSide rtl, TraceRecorder recorder, long cycles,
                                    CosimOptions options, Duration setup, boolean fromCache) {
        CosimSchema schema = h.schema();
        Stimulus stimulus = h.stimulus();
        CosimModel java = h.model();
        int nIn = schema.inputs().size();
        int nOut = schema.outputs().size();
        long[] inMask = masks(schema.inputs());
        long[] outMask = masks(schema.outputs());
        long[] in = new long[nIn];
        long[] exp = new long[nOut];
        long[] act = new long[nOut];
        CycleRing ring = new CycleRing(options.context() + 1 + options.after(), nIn, nOut);
        boolean continuing = options.continueAfterFirst();
        java.util.function.LongConsumer progress = options.progress();

        Divergence first = null;
        List<CycleRecord> window = null;
        long divergences = 0;
        long c = 0;
        long start = System.nanoTime();
        for (; c < cycles; c++) {
            stimulus.next(c, in);
            for (int i = 0; i < nIn; i++) {
                in[i] &= inMask[i];
            }
            rtl.apply(in);
            java.apply(in);
            java.step();
            rtl.tick();
            java.sample(exp);
            rtl.sample(act);
            boolean same = true;
            for (int i = 0; i < nOut; i++) {
                exp[i] &= outMask[i];
                same &= exp[i] == act[i];
            }
            ring.record(c, in, exp, act);
            if (progress != null && ((c + 1) & (CosimOptions.PROGRESS_INTERVAL - 1)) == 0) {
                progress.accept(c + 1);
            }
            if (recorder != null) {
                recorder.record(c, in, exp, act);
            }
            if (!same) {
                for (int i = 0; i < nOut; i++) {
                    if (exp[i] != act[i]) {
                        if (first == null) {
                            first = new Divergence(c, schema.outputPath(i), schema.outputs().get(i).width(), exp[i], act[i]);
                        }
                        if (continuing || c == first.cycle()) {
                            divergences++;
                        }
                    }
                }
            }
            if (first != null && window == null && c == first.cycle() + options.after()) {
                window = ring.snapshot();
                if (!continuing) {
                    c++;
                    break;
                }
            }
        }
        Duration loop = Duration.ofNanos(System.nanoTime() - start);
        if (first != null && window == null) {
            window = ring.snapshot(); // the run ended before the window was full
        }
        if (window == null) {
            window = List.of();
        }
        java.nio.file.Path vcd = null;
        if (first != null && options.vcdWindow() != null) {
            vcd = options.vcdWindow();
            VcdWindow.write(vcd, schema, window);
        }
        return new CosimResult(schema, h.seed(), c, divergences, first, window, vcd, setup, loop, fromCache);
    }

    /**
     * Drives the RTL alone with the harness's stimulus (no Java model, no comparison; outputs are
     * still read every cycle), to measure what the lockstep costs over Verilator by itself.
     *
     * @return the loop time, and an XOR of every output read (so the reads cannot be optimised away;
     *         also a cheap determinism check)
     */
    public static RtlAloneRun runRtlAlone(ModelBuilder builder, CosimHarness harness, long cycles) {
        CosimSchema schema = harness.schema();
        try (VerilatedModel model = VerilatedModel.load(builder.build(harness.rtl()))) {
            RtlSide rtl = new RtlSide(model, schema);
            Stimulus stimulus = harness.stimulus();
            long[] inMask = masks(schema.inputs());
            long[] in = new long[schema.inputs().size()];
            long[] out = new long[schema.outputs().size()];
            long checksum = 0;
            long start = System.nanoTime();
            for (long c = 0; c < cycles; c++) {
                stimulus.next(c, in);
                for (int i = 0; i < in.length; i++) {
                    in[i] &= inMask[i];
                }
                rtl.apply(in);
                rtl.tick();
                rtl.sample(out);
                for (long v : out) {
                    checksum = Long.rotateLeft(checksum, 1) ^ v;
                }
            }
            return new RtlAloneRun(cycles, Duration.ofNanos(System.nanoTime() - start), checksum);
        }
    }

    /** A run of the RTL alone: cycles, loop time, and a rolling XOR of every output value read. */
    public record RtlAloneRun(long cycles, Duration loop, long checksum) {
        public double cyclesPerSecond() {
            return loop.toNanos() == 0 ? Double.POSITIVE_INFINITY : cycles * 1e9 / loop.toNanos();
        }
    }

    private static long[] masks(List<SignalSpec> signals) {
        long[] m = new long[signals.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = signals.get(i).mask();
        }
        return m;
    }
}

package dev.lockstep.cosim;

import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records both sides as value-change traces, {@code java.trace} and {@code rtl.trace}, with identical
 * signal declarations (path = block, field = signal), so {@code lockstep trace diff} can compare them.
 * Each side records the inputs too (both see the same), then its own outputs; only changes are written.
 */
final class TraceRecorder implements AutoCloseable {
    static final String JAVA_FILE = "java.trace";
    static final String RTL_FILE = "rtl.trace";

    private final TraceWriter java;
    private final TraceWriter rtl;
    private final int nIn;
    private final int nOut;
    private final long[] lastIn;
    private final long[] lastJava;
    private final long[] lastRtl;
    private boolean first = true;

    TraceRecorder(Path dir, CosimSchema schema) {
        try {
            Files.createDirectories(dir);
            java = Traces.writeBinary(dir.resolve(JAVA_FILE));
            rtl = Traces.writeBinary(dir.resolve(RTL_FILE));
        } catch (IOException e) {
            throw new CosimException("cannot write traces in " + dir + ": " + e.getMessage(), e);
        }
        declare(java, schema);
        declare(rtl, schema);
        nIn = schema.inputs().size();
        nOut = schema.outputs().size();
        lastIn = new long[nIn];
        lastJava = new long[nOut];
        lastRtl = new long[nOut];
    }

    /** Ids are 0.. in declaration order: inputs first, then outputs, the same in both files. */
    private static void declare(TraceWriter w, CosimSchema schema) {
        for (List<SignalSpec> group : List.of(schema.inputs(), schema.outputs())) {
            for (SignalSpec s : group) {
                w.declare(schema.block(), s.name(), s.width());
            }
        }
    }

    void record(long cycle, long[] in, long[] exp, long[] act) {
        for (int i = 0; i < nIn; i++) {
            if (first || in[i] != lastIn[i]) {
                java.change(cycle, i, in[i]);
                rtl.change(cycle, i, in[i]);
                lastIn[i] = in[i];
            }
        }
        for (int i = 0; i < nOut; i++) {
            if (first || exp[i] != lastJava[i]) {
                java.change(cycle, nIn + i, exp[i]);
                lastJava[i] = exp[i];
            }
            if (first || act[i] != lastRtl[i]) {
                rtl.change(cycle, nIn + i, act[i]);
                lastRtl[i] = act[i];
            }
        }
        first = false;
    }

    @Override
    public void close() {
        try (TraceWriter j = java; TraceWriter r = rtl) {
            // try-with-resources closes both even if one fails
        } catch (IOException e) {
            throw new CosimException("cannot finish traces: " + e.getMessage(), e);
        }
    }
}

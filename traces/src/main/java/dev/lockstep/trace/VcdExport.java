package dev.lockstep.trace;

import java.io.IOException;
import java.nio.file.Path;

/** Exports the value changes of a trace within a cycle window as VCD, one time unit per cycle. */
public final class VcdExport {
    private VcdExport() {
    }

    public static void export(TraceReader in, Path out, long fromCycle, long toCycle) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}

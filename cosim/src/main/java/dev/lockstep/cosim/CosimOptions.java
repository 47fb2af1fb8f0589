package dev.lockstep.cosim;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * How a lockstep run reports.
 *
 * @param context            agreeing cycles kept before the first divergence (the report's table, the VCD window's lead-in)
 * @param after              cycles run past the first divergence to complete the VCD window (never beyond the requested cycles)
 * @param continueAfterFirst keep running to the end and count every divergent (cycle, signal)
 * @param traceDir           if not null, both sides are recorded there as binary value-change traces
 *                           {@code java.trace} and {@code rtl.trace}
 * @param vcdWindow          if not null and the run diverges, the VCD window is written to this file
 * @param progress           if not null, told the cycles done every {@link #PROGRESS_INTERVAL} cycles
 *                           (a terminal's progress line); never called when null
 */
public record CosimOptions(int context, int after, boolean continueAfterFirst, Path traceDir, Path vcdWindow,
                           LongConsumer progress) {
    /** Cycles between progress calls: a power of two, so the check is one AND on the hot path. */
    public static final long PROGRESS_INTERVAL = 1L << 20;

    public CosimOptions {
        if (context < 0 || after < 0) {
            throw new IllegalArgumentException("context and after must be >= 0, got " + context + " and " + after);
        }
    }

    public static CosimOptions defaults() {
        return new CosimOptions(8, 4, false, null, null, null);
    }

    public CosimOptions withContext(int cycles) {
        return new CosimOptions(cycles, after, continueAfterFirst, traceDir, vcdWindow, progress);
    }

    public CosimOptions withAfter(int cycles) {
        return new CosimOptions(context, cycles, continueAfterFirst, traceDir, vcdWindow, progress);
    }

    public CosimOptions continuing() {
        return new CosimOptions(context, after, true, traceDir, vcdWindow, progress);
    }

    public CosimOptions withTraceDir(Path dir) {
        return new CosimOptions(context, after, continueAfterFirst, dir, vcdWindow, progress);
    }

    public CosimOptions withProgress(LongConsumer listener) {
        return new CosimOptions(context, after, continueAfterFirst, traceDir, vcdWindow, listener);
    }

    public CosimOptions withVcdWindow(Path file) {
        return new CosimOptions(context, after, continueAfterFirst, traceDir, file, progress);
    }
}

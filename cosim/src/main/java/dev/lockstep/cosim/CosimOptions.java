package dev.lockstep.cosim;

import java.nio.file.Path;

/**
 * How a lockstep run reports.
 *
 * @param context            agreeing cycles kept before the first divergence (the report's table, the VCD window's lead-in)
 * @param after              cycles run past the first divergence to complete the VCD window (never beyond the requested cycles)
 * @param continueAfterFirst keep running to the end and count every divergent (cycle, signal)
 * @param traceDir           if not null, both sides are recorded there as binary value-change traces
 *                           {@code java.trace} and {@code rtl.trace}
 * @param vcdWindow          if not null and the run diverges, the VCD window is written to this file
 */
public record CosimOptions(int context, int after, boolean continueAfterFirst, Path traceDir, Path vcdWindow) {
    public CosimOptions {
        if (context < 0 || after < 0) {
            throw new IllegalArgumentException("context and after must be >= 0, got " + context + " and " + after);
        }
    }

    public static CosimOptions defaults() {
        return new CosimOptions(8, 4, false, null, null);
    }

    public CosimOptions withContext(int cycles) {
        return new CosimOptions(cycles, after, continueAfterFirst, traceDir, vcdWindow);
    }

    public CosimOptions withAfter(int cycles) {
        return new CosimOptions(context, cycles, continueAfterFirst, traceDir, vcdWindow);
    }

    public CosimOptions continuing() {
        return new CosimOptions(context, after, true, traceDir, vcdWindow);
    }

    public CosimOptions withTraceDir(Path dir) {
        return new CosimOptions(context, after, continueAfterFirst, dir, vcdWindow);
    }

    public CosimOptions withVcdWindow(Path file) {
        return new CosimOptions(context, after, continueAfterFirst, traceDir, file);
    }
}

package dev.lockstep.fabric.telemetry;

/**
 * Throughput in GOPS under the original's convention: one MAC counts as 2 operations (tfmbs.md 5,
 * "peak throughput convention"; 15 lanes at 250 MHz give 7.5 GOPS). A zero-skipped MAC still takes its
 * lane-cycle, so achieved GOPS counts every MAC of the shape, skipped or not.
 */
public final class Throughput {
    /** Operations per MAC. */
    public static final int OPS_PER_MAC = 2;

    private Throughput() {
    }

    /** The peak: every lane does one MAC per cycle. */
    public static double peakGops(int lanes, double clockHz) {
        return lanes * clockHz * OPS_PER_MAC / 1e9;
    }

    /** What a kernel achieved: its MACs over the time its cycles take at {@code clockHz}. */
    public static double achievedGops(KernelTelemetry t, double clockHz) {
        if (t.cycles() == 0) {
            return 0;
        }
        return (double) t.totalOps() * OPS_PER_MAC * clockHz / t.cycles() / 1e9;
    }
}

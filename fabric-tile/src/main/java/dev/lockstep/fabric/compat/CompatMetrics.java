package dev.lockstep.fabric.compat;

/**
 * The metrics the original C emulator reports after a kernel ({@code fabric_metrics_t}, tfmbs.md 5), with
 * its quirks kept: residency hits and misses are cumulative over the instance's life, the cost adds the
 * cumulative misses, broadcasts are always 0, and after an LSTM {@code cycles} and {@code lanesUsed} are
 * whatever the previous kernel left. Not the intended telemetry (see
 * {@link dev.lockstep.fabric.telemetry.KernelTelemetry}).
 *
 * @param kernel            the emulator's kernel name: GEMV, LSTM, LSTM-P, ATTN, CONV3D
 * @param fabricCost        1·active + 5·reads + 8·writes + 2·broadcasts + 6·cumulative misses, ×0.7 if FUSED
 */
public record CompatMetrics(String kernel, long totalOps, long zeroSkips, long memReads, long memWrites,
                            long broadcasts, long residencyHits, long residencyMisses, long cycles,
                            int lanesUsed, double fabricCost) {
    public long activeOps() {
        return totalOps - zeroSkips;
    }

    /** active_ops / total_ops. */
    public double semanticEfficiency() {
        return totalOps == 0 ? 0 : (double) activeOps() / totalOps;
    }

    /** active_ops / fabric_cost. */
    public double economicEfficiency() {
        return fabricCost == 0 ? 0 : activeOps() / fabricCost;
    }

    /** zero_skips / total_ops, which the emulator's own "Skip Ratio" field never reports (it prints 0.0 %). */
    public double zeroSkipFraction() {
        return totalOps == 0 ? 0 : (double) zeroSkips / totalOps;
    }
}

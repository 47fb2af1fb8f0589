package dev.lockstep.fabric.telemetry;

/**
 * The synthetic fabric cost of tfmbs.md 5: a weighted sum of a kernel's counters, scaled down when the
 * kernel is fused. A unitless figure of merit, not energy or time; {@link #PUBLISHED} holds the
 * original's fixed coefficients, which every reported cost in tfmbs.md 6 uses.
 */
public record CostModel(double perActiveOp, double perRead, double perWrite, double perBroadcast,
                        double perMiss, double fusedFactor) {
    /** 1 active + 5 reads + 8 writes + 2 broadcasts + 6 misses, x0.7 if fused. */
    public static final CostModel PUBLISHED = new CostModel(1, 5, 8, 2, 6, 0.7);

    /** The cost of one kernel's counters. */
    public double cost(KernelTelemetry t, boolean fused) {
        return cost(t.activeOps(), t.memReads(), t.memWrites(), t.broadcasts(), t.residencyMisses(), fused);
    }

    /** The cost from raw counters; the compat layer feeds it cumulative misses, as the original does. */
    public double cost(long activeOps, long reads, long writes, long broadcasts, long misses, boolean fused) {
        double c = perActiveOp * activeOps + perRead * reads + perWrite * writes + perBroadcast * broadcasts
                + perMiss * misses;
        return fused ? c * fusedFactor : c;
    }

    /** active_ops / cost, the paper's "fabric-normalised efficiency"; 0 when the cost is 0. */
    public double economicEfficiency(KernelTelemetry t, boolean fused) {
        double c = cost(t, fused);
        return c == 0 ? 0 : t.activeOps() / c;
    }
}

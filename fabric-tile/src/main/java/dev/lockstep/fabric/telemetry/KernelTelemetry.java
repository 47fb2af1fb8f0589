package dev.lockstep.fabric.telemetry;

/**
 * What one kernel did, counted for that kernel alone (never cumulative, unlike the original's
 * residency counters, tfmbs.md 5 and 8.19). Operations are multiply-accumulates: one weight trit
 * against one input trit. Memory reads and writes are bytes moved between fabric memory and the
 * tiles (PT-5 bytes for trit operands, 4 bytes per int32 result), as in the original's counters.
 *
 * @param totalOps        MACs the kernel's shape asks for
 * @param zeroSkips       MACs with a zero operand, which zero-skip gates (energy, not cycles)
 * @param memReads        bytes read from fabric memory
 * @param memWrites       bytes written to fabric memory, re-packing of rehydrated buffers included
 * @param broadcasts      weight-window broadcast writes
 * @param residencyHits   buffer accesses that found their block resident
 * @param residencyMisses buffer accesses that found their block evicted (each one re-packed)
 * @param cycles          fabric clock cycles the kernel occupied the tiles
 */
public record KernelTelemetry(long totalOps, long zeroSkips, long memReads, long memWrites, long broadcasts,
                              long residencyHits, long residencyMisses, long cycles) {
    public KernelTelemetry {
        if (totalOps < 0 || zeroSkips < 0 || zeroSkips > totalOps || memReads < 0 || memWrites < 0
                || broadcasts < 0 || residencyHits < 0 || residencyMisses < 0 || cycles < 0) {
            throw new IllegalArgumentException("inconsistent telemetry " + totalOpsSummary(totalOps, zeroSkips)
                    + ", reads " + memReads + ", writes " + memWrites + ", broadcasts " + broadcasts
                    + ", hits " + residencyHits + ", misses " + residencyMisses + ", cycles " + cycles);
        }
    }

    /** MACs with both operands nonzero: the ones that do work. */
    public long activeOps() {
        return totalOps - zeroSkips;
    }

    /** zero_skips / total_ops (0 for an empty kernel). */
    public double zeroSkipFraction() {
        return totalOps == 0 ? 0 : (double) zeroSkips / totalOps;
    }

    /** active_ops / total_ops, BENCHMARKS.md's definition (tfmbs.md 5); 0 for an empty kernel. */
    public double semanticEfficiency() {
        return totalOps == 0 ? 0 : (double) activeOps() / totalOps;
    }

    /** The same counters with extra residency traffic, as the device adds it around a kernel. */
    public KernelTelemetry withResidency(long hits, long misses, long repackWrites) {
        return new KernelTelemetry(totalOps, zeroSkips, memReads, memWrites + repackWrites, broadcasts,
                residencyHits + hits, residencyMisses + misses, cycles);
    }

    private static String totalOpsSummary(long total, long skips) {
        return "(total " + total + ", zero skips " + skips + ")";
    }
}

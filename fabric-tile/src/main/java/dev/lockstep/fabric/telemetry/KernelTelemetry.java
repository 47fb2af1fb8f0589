package dev.lockstep.fabric.telemetry;

import dev.lockstep.fabric.kernel.KernelStats;

/**
 * What one kernel did, counted for that kernel alone (never cumulative, unlike the original's
 * residency counters, tfmbs.md 5 and 8.19). Operations are multiply-accumulates: one weight trit
 * against one input trit. Memory reads and writes are BYTES moved between fabric memory and the
 * tiles, the unit of the original's counters and of the published cost coefficients: a tile bank word
 * is 3 PT-5 bytes, an int32 result 4 bytes. {@link #of(KernelStats, long)} is the one place the
 * kernels' bank-word counts become bytes.
 *
 * @param totalOps        MACs the lanes evaluated (the kernel's shape, plus padding lanes of a partly
 *                        filled tile when a kernel mapper ran it)
 * @param zeroSkips       MACs with a zero operand, which zero-skip gates (energy, not cycles)
 * @param memReads        bytes read from fabric memory into the tiles
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

    /** Bytes of one tile bank word: 24 bits, 3 PT-5 bytes of 5 trits. */
    public static final int BYTES_PER_BANK_WORD = 3;
    /** Bytes of one int32 result written back. */
    public static final int BYTES_PER_RESULT = 4;

    /**
     * A kernel mapper's counters as telemetry: every bank word the host loaded into a tile was read from
     * fabric memory (3 bytes; padding and per-pass reloads included, since they are moved), each of the
     * {@code outputs} results is written back (4 bytes), and the kernel occupies the tiles for its
     * START-to-DONE edges. SRAM reads by frames ({@link KernelStats#bankReads()}) stay inside the tile and
     * are not fabric-memory traffic. Residency counters are 0: the device adds them.
     */
    public static KernelTelemetry of(KernelStats s, long outputs) {
        return new KernelTelemetry(s.totalOps(), s.zeroSkips(), BYTES_PER_BANK_WORD * s.bankWrites(),
                BYTES_PER_RESULT * outputs, s.broadcasts(), 0, 0, s.edges());
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

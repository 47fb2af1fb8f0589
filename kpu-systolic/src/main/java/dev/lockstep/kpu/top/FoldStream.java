package dev.lockstep.kpu.top;

import dev.lockstep.kpu.systolic.FoldPlan;

/**
 * The folds one compute tile's output-stationary array has started, across COMPUTE instructions, so
 * the next instruction's first fold can follow the previous one's last fold as closely as the
 * folds inside one instruction follow each other (docs/systolic.md, "Consecutive folds"): a fold
 * starts no earlier than
 * <ul>
 * <li>max(T, R) after the previous fold's start (the rows stream one fold at a time; the drain
 *     chain must empty), and</li>
 * <li>T + R + C - 2 after the start of the fold before that, whose accumulator bank it reuses (the
 *     banks alternate fold by fold, so fold f + 2 takes fold f's bank once fold f has drained).</li>
 * </ul>
 * Inside an instruction the folds keep its own period ({@link FoldPlan#period()}), so the
 * instruction's duration from its start is {@link FoldPlan#cycles()} as before; only the gap between
 * instructions shrinks, from the previous one's whole fill and drain to these two rules. Whether
 * the next instruction may start at all is the executor's business: one that accumulates into the
 * buffer the previous one writes still waits for its completion (a real read-after-write).
 * All times are array cycles.
 */
final class FoldStream {
    /** The edge from which the latest fold's bank is free again. */
    private long lastBankFree;
    /** The same for the fold before it (the bank the next fold takes). */
    private long beforeBankFree;
    /** When the next fold may start as far as the row streams and the drain chain go. */
    private long streamFree;

    /** The first cycle at or after {@code earliest} at which a compute of plan {@code p} may start; books its folds. */
    long start(FoldPlan p, long earliest) {
        long s = Math.max(earliest, Math.max(streamFree, beforeBankFree));
        if (p.folds() > 1) {
            // its second fold takes the bank of the latest fold so far
            s = Math.max(s, lastBankFree - p.period());
        }
        long span = (long) p.streamed() + p.rows() + p.cols() - 2;
        long lastFold = s + (p.folds() - 1) * p.period();
        if (p.folds() > 1) {
            beforeBankFree = lastFold - p.period() + span;
        } else {
            beforeBankFree = lastBankFree;
        }
        lastBankFree = lastFold + span;
        streamFree = lastFold + Math.max(p.streamed(), p.rows());
        return s;
    }

    /** When the array can take the next instruction's first fold (the tile's queue is free again). */
    long releaseCycle() {
        return streamFree;
    }
}

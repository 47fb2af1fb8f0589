package dev.lockstep.fabric;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lockstep.fabric.TritCode.ILLEGAL;
import static dev.lockstep.fabric.TritCode.MINUS;
import static dev.lockstep.fabric.TritCode.PLUS;
import static dev.lockstep.fabric.TritCode.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lane semantics of docs/lane.md, each expected value derived by hand next to it. */
class TernaryLaneTest {
    private TernaryLane lane;

    @BeforeEach
    void resetLane() {
        lane = new TernaryLane();
        lane.setReset(true);
        edge();
        lane.setReset(false);
    }

    private void edge() {
        lane.evaluate();
        lane.commit();
    }

    /** One enabled edge with these operands. */
    private void compute(int hints, int w, int x) {
        lane.setHints(hints);
        lane.setWeight(w);
        lane.setInput(x);
        lane.setEnable(true);
        edge();
        lane.setEnable(false);
    }

    private void clearFrame(int hints) {
        lane.setHints(hints);
        lane.setClear(true);
        edge();
        lane.setClear(false);
    }

    @Test
    void dotAccumulatesSignFlipProducts() {
        // (+1)(+1) + (-1)(-1) + (+1)(-1) + (-1)(+1) + (-1)(-1) = 1 + 1 - 1 - 1 + 1 = 1
        compute(Hints.OP_DOT, PLUS, PLUS);
        compute(Hints.OP_DOT, MINUS, MINUS);
        compute(Hints.OP_DOT, PLUS, MINUS);
        compute(Hints.OP_DOT, MINUS, PLUS);
        compute(Hints.OP_DOT, MINUS, MINUS);
        assertEquals(1, lane.accumulator());
        assertEquals(5, lane.activeCycles());
        assertEquals(0, lane.skipCount(), "ZERO_SKIP is off, so nothing is counted");
    }

    @Test
    void everyAccumulatingOpAddsTheProduct() {
        // tfmbs.md 2.2: DOT, CONV2D, TGEMM, CONV3D, LSTM, ATTN all do acc += p; six edges of -1.
        for (int op : new int[] {Hints.OP_DOT, Hints.OP_CONV2D, Hints.OP_TGEMM, Hints.OP_CONV3D, Hints.OP_LSTM,
                Hints.OP_ATTN}) {
            compute(op, PLUS, MINUS);
        }
        assertEquals(-6, lane.accumulator());
    }

    @Test
    void registersChangeOnlyAtCommit() {
        lane.setHints(Hints.OP_DOT);
        lane.setWeight(PLUS);
        lane.setInput(PLUS);
        lane.setEnable(true);
        lane.evaluate();
        assertEquals(0, lane.accumulator(), "evaluate alone must not move a register");
        assertEquals(0, lane.activeCycles());
        lane.commit();
        assertEquals(1, lane.accumulator());
        assertEquals(1, lane.activeCycles());
    }

    @Test
    void disabledLaneHoldsEverything() {
        compute(Hints.OP_DOT | Hints.ZERO_SKIP, PLUS, ZERO); // acc 0, skip 1, active 1
        lane.setWeight(PLUS);
        lane.setInput(PLUS);
        lane.setEnable(false);
        edge();
        edge();
        assertEquals(0, lane.accumulator());
        assertEquals(1, lane.skipCount());
        assertEquals(1, lane.activeCycles());
    }

    @Test
    void zeroSkipCountsZeroOperandsOnlyWhenEnabled() {
        int hints = Hints.OP_TGEMM | Hints.ZERO_SKIP;
        compute(hints, ZERO, PLUS);  // w zero: skip 1
        compute(hints, PLUS, ZERO);  // x zero: skip 2
        compute(hints, ZERO, ZERO);  // both: skip 3 (one count per edge)
        compute(hints, MINUS, PLUS); // no zero: acc -1
        assertEquals(3, lane.skipCount());
        assertEquals(4, lane.activeCycles());
        assertEquals(-1, lane.accumulator());
        compute(Hints.OP_TGEMM, ZERO, PLUS); // ZERO_SKIP off: not counted
        assertEquals(3, lane.skipCount());
    }

    @Test
    void illegalCodeIsZeroInProductAndSkipTest() {
        // The original gives +1 for w=01,x=11 and never counts 11 as zero (tfmbs.md 2.1);
        // Lockstep reads 11 as 0 on both sides.
        int hints = Hints.OP_DOT | Hints.ZERO_SKIP;
        compute(hints, PLUS, ILLEGAL);
        compute(hints, MINUS, ILLEGAL);
        compute(hints, ILLEGAL, PLUS);
        compute(hints, ILLEGAL, ILLEGAL);
        assertEquals(0, lane.accumulator());
        assertEquals(4, lane.skipCount());
        compute(Hints.OP_MUL, ILLEGAL, MINUS); // MUL loads p = 0 * -1 = 0 over a deposited value
        assertEquals(0, lane.accumulator());
    }

    @Test
    void overflowUpwardWrapsAndSticks() {
        // tfmbs.md 7 vector 5: +1 on 0x7FFFFFFF gives 0x80000000 with the flag set.
        lane.depositAccumulator(0x7FFFFFFF);
        compute(Hints.OP_DOT, PLUS, PLUS);
        assertEquals(0x80000000, lane.accumulator());
        assertTrue(lane.overflow());
        compute(Hints.OP_DOT, PLUS, MINUS); // back to 0x7FFFFFFF: that add overflows too
        compute(Hints.OP_DOT, MINUS, PLUS); // 0x7FFFFFFE, no overflow, flag stays
        assertEquals(0x7FFFFFFE, lane.accumulator());
        assertTrue(lane.overflow(), "overflow is sticky");
    }

    @Test
    void overflowDownwardWraps() {
        // tfmbs.md 7 vector 5: -1 on 0x80000000 gives 0x7FFFFFFF with the flag set.
        lane.depositAccumulator(0x80000000);
        compute(Hints.OP_DOT, MINUS, PLUS);
        assertEquals(0x7FFFFFFF, lane.accumulator());
        assertTrue(lane.overflow());
    }

    @Test
    void noOverflowOneStepShortOfTheEdge() {
        lane.depositAccumulator(0x7FFFFFFE);
        compute(Hints.OP_DOT, PLUS, PLUS); // 0x7FFFFFFF, still representable
        assertEquals(0x7FFFFFFF, lane.accumulator());
        assertFalse(lane.overflow());
    }

    @Test
    void skippedAccumulateCannotOverflow() {
        lane.depositAccumulator(0x7FFFFFFF);
        compute(Hints.OP_DOT | Hints.ZERO_SKIP, PLUS, ZERO); // adds 0
        assertEquals(0x7FFFFFFF, lane.accumulator());
        assertFalse(lane.overflow());
    }

    @Test
    void poolAverageAddsWithTheSameOverflowRule() {
        lane.depositAccumulator(0x7FFFFFFF);
        compute(Hints.pool(Hints.POOL_AVG), MINUS, MINUS); // +1 at the top
        assertEquals(0x80000000, lane.accumulator());
        assertTrue(lane.overflow());
    }

    @Test
    void mulLoadsTheProductAndIgnoresSkip() {
        int hints = Hints.OP_MUL | Hints.ZERO_SKIP;
        compute(hints, MINUS, PLUS);
        assertEquals(-1, lane.accumulator()); // sign-extended -1 = 0xFFFFFFFF
        compute(hints, MINUS, MINUS);
        assertEquals(1, lane.accumulator());
        // x = 0 is a skip, but MUL still loads p = 0 (the mock would have held 1: tfmbs.md 2.9).
        compute(hints, PLUS, ZERO);
        assertEquals(0, lane.accumulator());
        assertEquals(1, lane.skipCount());
        assertFalse(lane.overflow(), "MUL never adds, so never overflows");
    }

    @Test
    void poolMaxAndMinFollowTestPhase6() {
        // test_phase6: inputs -1, 0, +1, 0, -1 with w = +1 give MAX = 1 and MIN = -1.
        int[] inputs = {MINUS, ZERO, PLUS, ZERO, MINUS};
        clearFrame(Hints.pool(Hints.POOL_MAX));
        assertEquals(Integer.MIN_VALUE, lane.accumulator(), "clear loads INT_MIN for MAX");
        for (int x : inputs) {
            compute(Hints.pool(Hints.POOL_MAX), PLUS, x);
        }
        assertEquals(1, lane.accumulator());

        clearFrame(Hints.pool(Hints.POOL_MIN));
        assertEquals(Integer.MAX_VALUE, lane.accumulator(), "clear loads INT_MAX for MIN");
        for (int x : inputs) {
            compute(Hints.pool(Hints.POOL_MIN), PLUS, x);
        }
        assertEquals(-1, lane.accumulator());
    }

    @Test
    void poolMaxOfAllMinusOnesIsMinusOne() {
        // tfmbs.md 7 vector 4 (mock): MAX with w = +1, x = -1 from INT_MIN gives -1.
        clearFrame(Hints.pool(Hints.POOL_MAX));
        compute(Hints.pool(Hints.POOL_MAX), PLUS, MINUS);
        assertEquals(-1, lane.accumulator());
    }

    @Test
    void poolIgnoresSkip() {
        int hints = Hints.pool(Hints.POOL_MAX) | Hints.ZERO_SKIP;
        clearFrame(hints);
        compute(hints, PLUS, ZERO); // skipped, yet max(INT_MIN, 0) = 0 is taken
        assertEquals(0, lane.accumulator());
        assertEquals(1, lane.skipCount());
    }

    @Test
    void poolHoldAndUnimplementedOpsHoldButCount() {
        lane.depositAccumulator(7);
        compute(Hints.pool(Hints.POOL_HOLD), PLUS, PLUS);
        compute(Hints.OP_NOP, PLUS, PLUS);
        compute(Hints.OP_ADD, PLUS, PLUS);
        compute(0xFF, PLUS, PLUS);
        assertEquals(7, lane.accumulator());
        assertEquals(4, lane.activeCycles());
    }

    @Test
    void clearStartsAFrameWithoutComputing() {
        compute(Hints.OP_DOT | Hints.ZERO_SKIP, PLUS, ZERO);
        lane.depositAccumulator(0x7FFFFFFF);
        compute(Hints.OP_DOT, PLUS, PLUS); // overflow set, acc 0x80000000
        lane.setWeight(PLUS);
        lane.setInput(PLUS);
        lane.setEnable(true); // clear wins over enable: no compute on this edge
        clearFrame(Hints.OP_DOT);
        assertEquals(0, lane.accumulator());
        assertEquals(0, lane.skipCount());
        assertEquals(0, lane.activeCycles());
        assertFalse(lane.overflow());
    }

    @Test
    void biasEnCarriesTheAccumulatorAcrossClear() {
        // test_kernels LSTM: with BIAS_EN the second run adds to the first.
        int hints = Hints.OP_LSTM | Hints.BIAS_EN;
        compute(hints, PLUS, PLUS);
        compute(hints, PLUS, PLUS); // acc 2
        clearFrame(hints);
        assertEquals(2, lane.accumulator());
        assertEquals(0, lane.activeCycles(), "counters still clear");
        compute(hints, MINUS, MINUS);
        assertEquals(3, lane.accumulator());
        clearFrame(Hints.OP_LSTM); // without BIAS_EN
        assertEquals(0, lane.accumulator());
    }

    @Test
    void biasEnKeepsPoolAccumulatorInsteadOfLoadingExtreme() {
        lane.depositAccumulator(5);
        clearFrame(Hints.pool(Hints.POOL_MAX) | Hints.BIAS_EN);
        assertEquals(5, lane.accumulator());
    }

    @Test
    void resetWinsOverClearAndEnable() {
        lane.depositAccumulator(-9);
        compute(Hints.OP_DOT | Hints.ZERO_SKIP, ZERO, PLUS);
        lane.depositAccumulator(0x80000000);
        compute(Hints.OP_DOT, MINUS, PLUS); // overflow
        lane.setHints(Hints.pool(Hints.POOL_MAX) | Hints.BIAS_EN);
        lane.setReset(true);
        lane.setClear(true);
        lane.setEnable(true);
        lane.setWeight(PLUS);
        lane.setInput(PLUS);
        edge();
        // Reset loads 0 even though clear (MAX would give INT_MIN, BIAS_EN would keep) and enable are high.
        assertEquals(0, lane.accumulator());
        assertEquals(0, lane.skipCount());
        assertEquals(0, lane.activeCycles());
        assertFalse(lane.overflow());
    }

    @Test
    void portsKeepOnlyTwoBitsOfACode() {
        compute(Hints.OP_DOT, 0b101, 0b110); // low bits 01 (+1) and 10 (-1): p = -1
        assertEquals(-1, lane.accumulator());
    }
}

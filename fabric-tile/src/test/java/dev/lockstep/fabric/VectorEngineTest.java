package dev.lockstep.fabric;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lockstep.fabric.TritCode.MINUS;
import static dev.lockstep.fabric.TritCode.PLUS;
import static dev.lockstep.fabric.TritCode.ZERO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Vector engine semantics of docs/lane.md and the golden vectors of tfmbs.md section 7. */
class VectorEngineTest {
    private static final int LANES = 15;
    private VectorEngine engine;

    @BeforeEach
    void resetEngine() {
        engine = new VectorEngine(LANES);
        engine.setReset(true);
        edge();
        engine.setReset(false);
        engine.setLaneCount(15);
        engine.setLaneMask(0x7FFF);
    }

    private void edge() {
        engine.evaluate();
        engine.commit();
    }

    private void clearFrame(int hints) {
        engine.setHints(hints);
        engine.setClear(true);
        edge();
        engine.setClear(false);
    }

    /** One enabled edge on 24-bit PT-5 words for weights and inputs. */
    private void computeWords(int hints, int weightWord, int inputWord) {
        engine.setHints(hints);
        for (int i = 0; i < LANES; i++) {
            engine.setWeight(i, Pt5.laneCode(weightWord, i));
            engine.setInput(i, Pt5.laneCode(inputWord, i));
        }
        engine.setEnable(true);
        edge();
        engine.setEnable(false);
    }

    private int[] accumulators() {
        int[] a = new int[engine.lanes()];
        for (int i = 0; i < a.length; i++) {
            a[i] = engine.accumulator(i);
        }
        return a;
    }

    private int[] skipCounts() {
        int[] a = new int[engine.lanes()];
        for (int i = 0; i < a.length; i++) {
            a[i] = engine.skipCount(i);
        }
        return a;
    }

    @Test
    void pt5HelperMatchesTheReferenceExamples() {
        // tfmbs.md 1.5: 0xC8 under A is (-1, 0, +1, +1, -1); 0xC4 is (+1, -1, 0, +1, -1).
        int[] c8 = {MINUS, ZERO, PLUS, PLUS, MINUS};
        int[] c4 = {PLUS, MINUS, ZERO, PLUS, MINUS};
        for (int t = 0; t < 5; t++) {
            assertEquals(c8[t], Pt5.laneCode(0xC8, t));
            assertEquals(c4[t], Pt5.laneCode(0xC4, t));
            assertEquals(MINUS, Pt5.laneCode(0xF2, t)); // 0xF2 is all -1
            assertEquals(PLUS, Pt5.laneCode(0x79, t)); // 0x79 is all +1
        }
        assertEquals(PLUS, Pt5.laneCode(0x790000, 10)); // lane 10 reads byte 2, digit 0
    }

    @Test
    void goldenVector1() {
        // tfmbs.md 7 vector 1: W0 = 0x0000C4, X0 = 0x000079, D = 1, hints 0x00060001 (DOT + ZERO_SKIP).
        // Lanes 0..4: w = (+1,-1,0,+1,-1), x = +1; lanes 5..14: w = x = 0.
        clearFrame(0x00060001);
        computeWords(0x00060001, 0x0000C4, 0x000079);
        assertArrayEquals(new int[] {1, -1, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, accumulators());
        // skips = 1 on lane 2 (w = 0) and lanes 5..14 (both 0), 0 elsewhere
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, skipCounts());
        for (int i = 0; i < LANES; i++) {
            assertEquals(1, engine.activeCycles(i), "active on lane " + i);
        }
        assertEquals(1, engine.cycleCount());
        assertEquals(15, engine.utilization());
        assertEquals(0, engine.overflowMask());
    }

    @Test
    void goldenVector2LaneCountTwo() {
        // tfmbs.md 7 vector 2: W0 = X0 = 0x000079, hints 0x00060006 (TGEMM), lane_count 2 -> [1, 1, 0 x 13].
        // Lanes 2..4 also see +1 * +1 but are beyond lane_count.
        engine.setLaneCount(2);
        clearFrame(0x00060006);
        computeWords(0x00060006, 0x000079, 0x000079);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, accumulators());
        assertEquals(1, engine.activeCycles(1));
        assertEquals(0, engine.activeCycles(2));
        assertEquals(1, engine.cycleCount());
        assertEquals(2, engine.utilization()); // 2 enabled lanes x 1 cycle
    }

    @Test
    void goldenVector3ThreeWordFramePerTile() {
        // tfmbs.md 7 vector 3, one tile: weights {0x797979 (+1), 0xF2F2F2 (-1), 0xC4C4C4 (+1,-1,0,+1,-1 x3)}
        // (byte 3 of the 32-bit words is ignored), inputs all 0x797979 (+1), hints 0x20006, D = 3.
        // Per lane: +1 - 1 + pattern = pattern. Skips: lanes 2, 7, 12 (w = 0) once each.
        // CYCLES = 3; UTIL = 15 lanes x 3 cycles = 45 per tile (the reference's 180 is over 4 tiles).
        clearFrame(0x20006);
        computeWords(0x20006, 0x79797979 & 0xFFFFFF, 0x797979);
        computeWords(0x20006, 0x00F2F2F2, 0x797979);
        computeWords(0x20006, 0x00C4C4C4, 0x797979);
        assertArrayEquals(new int[] {1, -1, 0, 1, -1, 1, -1, 0, 1, -1, 1, -1, 0, 1, -1}, accumulators());
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0}, skipCounts());
        assertEquals(3, engine.cycleCount());
        assertEquals(45, engine.utilization());
    }

    @Test
    void weightBroadcastGivesEveryLaneLaneZerosWeight() {
        // tb_tgemm test 2: W = 0x02 (lane 0 = digit 2 = -1, others 0) with hints 0xE0006 (WEIGHT_BRDCST).
        // With all inputs +1 every lane computes (-1)(+1) = -1.
        clearFrame(0xE0006);
        computeWords(0xE0006, 0x000002, 0x797979);
        int[] allMinusOne = new int[LANES];
        java.util.Arrays.fill(allMinusOne, -1);
        assertArrayEquals(allMinusOne, accumulators());

        // With inputs only on lanes 0..4, lanes 5..14 see x = 0: 0, not the -1 tb_tgemm expected
        // on lane 14 (tfmbs.md 7 notes that expectation is wrong).
        clearFrame(0xE0006);
        computeWords(0xE0006, 0x000002, 0x000079);
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, accumulators());

        // Without broadcast only lane 0 has a non-zero weight.
        clearFrame(0x60006);
        computeWords(0x60006, 0x000002, 0x797979);
        assertArrayEquals(new int[] {-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, accumulators());
    }

    @Test
    void laneMaskAndLaneCountBothGate() {
        // mask 0b1011 with lane_count 3: lanes 0 and 1 enabled (lane 2 masked off, lane 3 beyond count).
        engine.setLaneMask(0b1011);
        engine.setLaneCount(3);
        clearFrame(Hints.OP_DOT);
        computeWords(Hints.OP_DOT, 0x797979, 0x797979);
        computeWords(Hints.OP_DOT, 0x797979, 0x797979);
        assertArrayEquals(new int[] {2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, accumulators());
        assertEquals(2, engine.cycleCount());
        assertEquals(4, engine.utilization()); // 2 lanes x 2 cycles
    }

    @Test
    void zeroEnabledLanesStillCountCycles() {
        // cycle_count counts enabled edges of the engine, utilization counts lanes: 1 and 0.
        engine.setLaneCount(0);
        clearFrame(Hints.OP_DOT);
        computeWords(Hints.OP_DOT, 0x797979, 0x797979);
        assertEquals(1, engine.cycleCount());
        assertEquals(0, engine.utilization());
        assertEquals(0, engine.accumulator(0));
    }

    @Test
    void laneCountAboveLanesEnablesAll() {
        engine.setLaneCount(100);
        clearFrame(Hints.OP_DOT);
        computeWords(Hints.OP_DOT, 0x797979, 0xF2F2F2);
        assertEquals(-1, engine.accumulator(14));
        assertEquals(15, engine.utilization());
    }

    @Test
    void disabledEdgesChangeNothing() {
        clearFrame(Hints.OP_DOT);
        computeWords(Hints.OP_DOT, 0x797979, 0x797979);
        engine.setEnable(false);
        edge();
        edge();
        assertEquals(1, engine.accumulator(0));
        assertEquals(1, engine.cycleCount());
        assertEquals(15, engine.utilization());
    }

    @Test
    void clearZeroesCountersAndBiasEnKeepsAccumulators() {
        int hints = Hints.OP_LSTM | Hints.BIAS_EN;
        clearFrame(hints);
        computeWords(hints, 0x797979, 0x797979); // every lane 1
        engine.depositAccumulator(3, 0x7FFFFFFF);
        computeWords(hints, 0x797979, 0x797979); // lanes 2, lane 3 overflows to 0x80000000
        assertEquals(1L << 3, engine.overflowMask());
        clearFrame(hints);
        assertEquals(2, engine.accumulator(0));
        assertEquals(0x80000000, engine.accumulator(3));
        assertEquals(0, engine.activeCycles(0));
        assertEquals(0, engine.overflowMask());
        assertEquals(0, engine.cycleCount());
        assertEquals(0, engine.utilization());
        clearFrame(Hints.pool(Hints.POOL_MIN)); // no BIAS_EN: MIN's identity INT_MAX everywhere
        assertEquals(Integer.MAX_VALUE, engine.accumulator(0));
        assertEquals(Integer.MAX_VALUE, engine.accumulator(14));
    }

    @Test
    void resetWinsOverClearAndEnable() {
        clearFrame(Hints.OP_DOT);
        computeWords(Hints.OP_DOT, 0x797979, 0x797979);
        engine.setHints(Hints.pool(Hints.POOL_MAX));
        engine.setReset(true);
        engine.setClear(true);
        engine.setEnable(true);
        edge();
        assertEquals(0, engine.accumulator(0)); // not INT_MIN: reset beats clear
        assertEquals(0, engine.activeCycles(0));
        assertEquals(0, engine.cycleCount());
        assertEquals(0, engine.utilization());
    }

    @Test
    void clearWinsOverEnable() {
        clearFrame(Hints.OP_DOT);
        computeWords(Hints.OP_DOT, 0x797979, 0x797979);
        engine.setEnable(true);
        clearFrame(Hints.OP_DOT); // clear and enable on the same edge: no compute, counters 0
        assertEquals(0, engine.accumulator(0));
        assertEquals(0, engine.cycleCount());
        assertEquals(0, engine.utilization());
    }

    @Test
    void sixtyFourLanesUseTheTopBit() {
        VectorEngine wide = new VectorEngine(64);
        wide.setReset(true);
        wide.evaluate();
        wide.commit();
        wide.setReset(false);
        wide.setHints(Hints.OP_DOT);
        wide.setLaneCount(64);
        wide.setLaneMask(1L << 63 | 1L);
        wide.setWeight(63, PLUS);
        wide.setInput(63, MINUS);
        wide.setWeight(0, PLUS);
        wide.setInput(0, PLUS);
        wide.depositAccumulator(63, 0x80000000);
        wide.setEnable(true);
        wide.evaluate();
        wide.commit();
        assertEquals(0x7FFFFFFF, wide.accumulator(63)); // -1 on INT_MIN wraps
        assertEquals(1L << 63, wide.overflowMask());
        assertEquals(1, wide.accumulator(0));
        assertEquals(2, wide.utilization());
    }

    @Test
    void laneCountOutsideOneToSixtyFourIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VectorEngine(0));
        assertEquals("vector engine lanes must be in 1..64, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VectorEngine(65));
    }
}

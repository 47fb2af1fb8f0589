package dev.lockstep.kpu.vector;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cycle formulas by hand, and the lane order of reductions. */
class VectorEngineTest {
    private static final VectorEngine REF = VectorEngine.reference();
    private static final VectorEngine SERIAL = new VectorEngine(8, 3, 2, Reduction.SERIAL);

    @Test
    void elementwiseMatchesTheReferenceEstimate() {
        // kpu.md 2.5: estimate_cycles(32, 64) = 32 * ceil(64/8) + 3 = 259.
        assertEquals(259, REF.elementwiseCycles(32, 64, false));
        // Through the SFU table: + pipeline depth 2.
        assertEquals(261, REF.elementwiseCycles(32, 64, true));
        // 2 x 8 RELU: 2 * 1 + 3 = 5 (kpu.md 2.5, [meas] "estimate 5").
        assertEquals(5, new BiasActivation(1f, null, Lut.of(Activation.RELU)).cycles(REF, 2, 8));
        // ceil(65/8) = 9 beats.
        assertEquals(9, REF.beats(65));
    }

    @Test
    void combineCycles() {
        assertEquals(3, Reduction.TREE.combineCycles(8));  // 8 -> 4 -> 2 -> 1
        assertEquals(3, Reduction.TREE.combineCycles(5));  // 5 -> 3 -> 2 -> 1
        assertEquals(0, Reduction.TREE.combineCycles(1));
        assertEquals(7, Reduction.SERIAL.combineCycles(8));
    }

    @Test
    void rowOperationCyclesByHand() {
        // Row of 64 on W=8, depth 3, sfu 2, tree (combine 3): B = 8.
        // softmax = 3*8 + 3*3 + 2*3 + 2*2 = 24 + 9 + 6 + 4 = 43 per row.
        assertEquals(43, new Softmax().cycles(REF, 1, 64));
        assertEquals(4 * 43, new Softmax().cycles(REF, 4, 64));
        // layernorm = 3*8 + 3*3 + 2*3 + 2 = 41.
        assertEquals(41, new LayerNorm(null, null, 0f).cycles(REF, 1, 64));
        // rmsnorm = 2*8 + 2*3 + 3 + 2 = 27.
        assertEquals(27, new RmsNorm(null, 0f).cycles(REF, 1, 64));
        // Serial combine (7): softmax = 24 + 9 + 14 + 4 = 51; rmsnorm = 16 + 6 + 7 + 2 = 31.
        assertEquals(51, new Softmax().cycles(SERIAL, 1, 64));
        assertEquals(31, new RmsNorm(null, 0f).cycles(SERIAL, 1, 64));
        // Elementwise add on 3 x 10: 3 * ceil(10/8) + 3 = 9.
        assertEquals(9, new Elementwise(Elementwise.Kind.ADD, new float[30]).cycles(REF, 3, 10));
    }

    @Test
    void reductionOrderDecidesTheFloatSum() {
        float[] a = {1e8f, 1f, -1e8f, 1f};
        VectorEngine tree4 = new VectorEngine(4, 3, 2, Reduction.TREE);
        VectorEngine serial4 = new VectorEngine(4, 3, 2, Reduction.SERIAL);
        // Tree: (1e8 + 1) + (-1e8 + 1) = 1e8 + -1e8 = 0 (1e8 + 1 rounds to 1e8: the fp32 ulp there is 8).
        assertEquals(0f, tree4.sum(a, 0, 4));
        // Serial: ((1e8 + 1) + -1e8) + 1 = (1e8 - 1e8) + 1 = 1.
        assertEquals(1f, serial4.sum(a, 0, 4));
        // Two lanes: lane 0 = 1e8 + -1e8 = 0, lane 1 = 1 + 1 = 2; 0 + 2 = 2.
        assertEquals(2f, new VectorEngine(2, 3, 2, Reduction.TREE).sum(a, 0, 4));
        assertEquals(-1f, REF.max(new float[] {-3f, -1f, -2f}, 0, 3));
        assertEquals(25f, REF.sumOfSquares(new float[] {9f, 3f, 4f}, 1, 2));
    }

    @Test
    void badEngineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VectorEngine(0, 3, 2, Reduction.TREE));
    }
}

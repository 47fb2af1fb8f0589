package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TernaryGemmTest {
    private static FabricSession[] bothFidelities(int tiles) {
        return new FabricSession[] {new FabricSession(new PeBackend(tiles)), new FabricSession(new TileBackend(tiles))};
    }

    @Test
    void gemvMatchesPlainProductAtBothFidelitiesSparseAndDense() {
        SplitMix64 random = new SplitMix64(11);
        int[][] shapes = {{1, 1, 1}, {15, 7, 1}, {100, 10, 2}, {61, 33, 4}, {257, 129, 3}, {60, 1000, 4}};
        for (int[] shape : shapes) {
            for (int zeros : new int[] {0, 33, 90}) {
                int[][] w = RandomTernary.matrix(random, shape[0], shape[1], zeros);
                int[] x = RandomTernary.vector(random, shape[1], zeros);
                int[] expected = Reference.matVec(w, x);
                FabricSession[] s = bothFidelities(shape[2]);
                assertArrayEquals(expected, TernaryGemm.gemv(s[0], w, x), "pe " + java.util.Arrays.toString(shape));
                assertArrayEquals(expected, TernaryGemm.gemv(s[1], w, x), "tile " + java.util.Arrays.toString(shape));
                assertEquals(s[0].stats(), s[1].stats(), "stats pe == tile");
                // Every row is one lane over every column; with LANE_COUNT trimming a lone tile, only
                // padding lanes of a partly filled tile add ops, and those have w = 0, so they skip.
                assertEquals(Reference.zeroPairs(w, x), s[1].stats().zeroSkips() - (s[1].stats().totalOps()
                        - (long) shape[0] * shape[1]));
            }
        }
    }

    @Test
    void statsOfASmallGemvByHand() {
        // R = 100, C = 10 on 2 tiles of 15 lanes: 30 rows a pass, passes of 30, 30, 30, 10 rows.
        // Frames 4, each D = 10: cycles 40, edges 4 x (10 + 3) = 52. Ops: 3 passes x 2 tiles x 15 x 10
        // + 1 tile x LANE_COUNT 10 x 10 = 1000. Reads: 2 banks x 10 words x 2 tiles x 4 frames = 160.
        // Writes: weights 3 x 2 x 10 + 1 x 10 = 70, inputs once per tile 2 x 10 = 20: 90.
        // With all-zero x every op skips.
        int[][] w = new int[100][10];
        int[] x = new int[10];
        FabricSession s = new FabricSession(new TileBackend(2));
        TernaryGemm.gemv(s, w, x);
        assertEquals(new KernelStats(1000, 1000, 0, 160, 90, 0, 40, 52, 4), s.stats());
    }

    @Test
    void columnsBeyondTheBankAccumulateWithBiasEnable() {
        // C = 5000 > 4096: frames of 4096 and 904 words, the second with BIAS_EN; 20 rows on one tile
        // make 2 passes, so 4 frames and 2 x 5000 cycles.
        SplitMix64 random = new SplitMix64(12);
        int[][] w = RandomTernary.matrix(random, 20, 5000, 30);
        int[] x = RandomTernary.vector(random, 5000, 30);
        FabricSession[] s = bothFidelities(1);
        assertArrayEquals(Reference.matVec(w, x), TernaryGemm.gemv(s[0], w, x));
        assertArrayEquals(Reference.matVec(w, x), TernaryGemm.gemv(s[1], w, x));
        assertEquals(s[0].stats(), s[1].stats());
        assertEquals(4, s[1].stats().frames());
        assertEquals(10_000, s[1].stats().cycles());
    }

    @Test
    void gemmIsOneGemvPerColumnOfX() {
        SplitMix64 random = new SplitMix64(13);
        int[][] w = RandomTernary.matrix(random, 70, 40, 40);
        int[][] columns = RandomTernary.matrix(random, 5, 40, 40);
        FabricSession[] s = bothFidelities(2);
        int[][] expected = Reference.matMul(w, columns);
        for (FabricSession session : s) {
            int[][] y = new TernaryGemm(session).gemm(w, columns, Hints.OP_TGEMM | Hints.ZERO_SKIP, null);
            for (int r = 0; r < 70; r++) {
                assertArrayEquals(expected[r], y[r], session.backend().fidelity() + " row " + r);
            }
        }
        assertEquals(s[0].stats(), s[1].stats());
        // 70 rows on 30 per pass: 3 passes x 5 columns = 15 frames of 40 cycles.
        assertEquals(15, s[1].stats().frames());
        assertEquals(600, s[1].stats().cycles());
    }
}

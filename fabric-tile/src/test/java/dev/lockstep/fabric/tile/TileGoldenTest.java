package dev.lockstep.fabric.tile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden vectors of tfmbs.md section 7 and the kernels of its test_kernels, run through a whole Tile:
 * load words, START, step until DONE. PT-5 words are decoded by hand (mapping A: digit 0 -> 0,
 * 1 -> +1, 2 -> -1; lane j = digit j mod 5 of byte j / 5).
 */
class TileGoldenTest {
    /** 0x79 = 121 = 1 + 1*3 + 1*9 + 1*27 + 1*81: digits 1,1,1,1,1 = trits +1 on lanes 0..4. */
    static final int PLUS5 = 0x79;
    /** 0xF2 = 242 = 2 * (1+3+9+27+81): digits 2,2,2,2,2 = trits -1 on lanes 0..4. */
    static final int MINUS5 = 0xF2;

    /** Runs a started frame to DONE and returns the number of edges taken, START's edge included. */
    static int runFrame(Tile tile) {
        tile.start();
        int edges = 0;
        do {
            tile.step();
            edges++;
        } while (!tile.done() && edges < 1_000_000);
        return edges;
    }

    static int[] results(Tile tile) {
        int[] r = new int[tile.lanes()];
        for (int i = 0; i < r.length; i++) {
            r[i] = tile.result(i);
        }
        return r;
    }

    static int[] skips(Tile tile) {
        int[] r = new int[tile.lanes()];
        for (int i = 0; i < r.length; i++) {
            r[i] = tile.skipCount(i);
        }
        return r;
    }

    static int[] active(Tile tile) {
        int[] r = new int[tile.lanes()];
        for (int i = 0; i < r.length; i++) {
            r[i] = tile.activeCycles(i);
        }
        return r;
    }

    @Test
    void goldenVector1DotWithZeroSkip() {
        // W0 = 0xC4 = 196: 196 = 65*3 + 1, 65 = 21*3 + 2, 21 = 7*3 + 0, 7 = 2*3 + 1, 2
        //   -> digits 1,2,0,1,2 -> w = +1,-1,0,+1,-1 on lanes 0..4, 0 on lanes 5..14.
        // X0 = 0x79 -> +1 on lanes 0..4, 0 on 5..14. Products: 1,-1,0,1,-1, then 0 x 10.
        Tile tile = new Tile();
        tile.loadWeight(0, 0xC4);
        tile.loadInput(0, 0x79);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setHints(0x00060001); // DOT | ZERO_SKIP | FREE_NEG
        runFrame(tile);
        assertArrayEquals(new int[] {1, -1, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
        // Skip where w or x is 0: lane 2 (w = 0) and lanes 5..14 (both 0).
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, skips(tile));
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, active(tile));
        assertEquals(1, tile.cycles());
        assertEquals(15, tile.utilization()); // 15 lanes x 1 compute cycle
        assertEquals(0, tile.overflowMask());
    }

    @Test
    void goldenVector2TgemmLaneCountTwo() {
        // W0 = X0 = 0x79: +1 on lanes 0..4; only lanes 0 and 1 run (LANE_COUNT 2): 1*1 = 1 there.
        Tile tile = new Tile();
        tile.loadWeight(0, PLUS5);
        tile.loadInput(0, PLUS5);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setLaneCount(2);
        tile.setHints(0x00060006); // TGEMM | ZERO_SKIP | FREE_NEG
        runFrame(tile);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, skips(tile));
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, active(tile));
        assertEquals(1, tile.cycles());
        assertEquals(2, tile.utilization()); // 2 lanes x 1 cycle
    }

    @Test
    void goldenVector4PoolMaxStartsFromIntMin() {
        // W = 0x79 (+1 on 0..4), X = 0xF2 (-1 on 0..4): products -1 on lanes 0..4, max(INT_MIN, -1) = -1.
        // Lanes 5..14: product 0, max(INT_MIN, 0) = 0. The RTL from reset would give 0 on 0..4 (ref 7.4).
        Tile tile = new Tile();
        tile.loadWeight(0, PLUS5);
        tile.loadInput(0, MINUS5);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setHints(0x05); // POOL, pool_op 00 MAX
        runFrame(tile);
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
    }

    @Test
    void lstmBiasEnCarriesAccumulatorsAcrossFrames() {
        // test_kernels LSTM: a second BIAS_EN frame adds to the first. Each frame: +1 x +1 on lanes 0..4.
        Tile tile = new Tile();
        tile.loadWeight(0, PLUS5);
        tile.loadInput(0, PLUS5);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setHints(0x08 | 0x10000); // LSTM | BIAS_EN
        runFrame(tile);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
        runFrame(tile);
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
        // Counters are per frame even under BIAS_EN: one cycle, one active edge per lane.
        assertEquals(1, tile.cycles());
        assertEquals(1, tile.activeCycles(0));
        // Without BIAS_EN the next frame starts from 0 again.
        tile.setHints(0x08);
        runFrame(tile);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
    }

    /** Words at {@code hits} hold +1 x +1 on lanes 0..4, every other word +1 x -1: a wrong read shows. */
    private static Tile tileWithMarkedWords(int words, int... hits) {
        Tile tile = new Tile();
        for (int a = 0; a < words; a++) {
            tile.loadWeight(a, PLUS5);
            tile.loadInput(a, MINUS5);
        }
        for (int a : hits) {
            tile.loadInput(a, PLUS5);
        }
        return tile;
    }

    @Test
    void conv2dStrideThreeWithS2ReadsEverySixthWord() {
        // CONV2D, hints[21:20] = 1 -> s = 2; STRIDE 3 -> step 3 x 2 = 6: words 0, 6, 12 -> 1+1+1 = 3.
        // (Reading 0, 3, 6 would give 1-1+1 = 1.)
        Tile tile = tileWithMarkedWords(16, 0, 6, 12);
        tile.setDepth(3);
        tile.setStride(3);
        tile.setHints(0x04 | 1 << 20);
        runFrame(tile);
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
        assertEquals(3, tile.cycles());
    }

    @Test
    void conv3dWithS2ReadsWordFourD() {
        // test_kernels: CONV3D with s = 2 uses input word 4d: step = 1 x 2^2 = 4: words 0, 4, 8.
        // Here both banks read 4d (one shared address, ref 2.4); the mock strides the inputs only.
        Tile tile = tileWithMarkedWords(12, 0, 4, 8);
        tile.setDepth(3);
        tile.setStride(1);
        tile.setHints(0x07 | 1 << 20);
        runFrame(tile);
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
    }

    @Test
    void baseOffsetsTheFrame() {
        // BASE 5, STRIDE 2, DEPTH 3: words 5, 7, 9 -> 3; any other word would subtract.
        Tile tile = tileWithMarkedWords(12, 5, 7, 9);
        tile.setBase(5);
        tile.setDepth(3);
        tile.setStride(2);
        tile.setHints(0x01);
        runFrame(tile);
        assertEquals(3, tile.result(0));
        assertEquals(3, tile.cycles());
        assertTrue(tile.done());
    }

    @Test
    void cyclesCountWhateverTheTileMaskAndUtilizationDoesNot() {
        // Mock test_multi_tile: a masked tile computes nothing (results stay 0) yet CYCLES = D,
        // while UTILIZATION counts enabled lanes of enabled tiles only: 0 here, 15 x 10 when enabled.
        Tile tile = tileWithMarkedWords(10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        tile.setDepth(10);
        tile.setStride(1);
        tile.setHints(0x01);
        tile.setTileEnabled(false);
        runFrame(tile);
        assertEquals(0, tile.result(0));
        assertEquals(0, tile.activeCycles(0));
        assertEquals(10, tile.cycles());
        assertEquals(0, tile.utilization());
        tile.setTileEnabled(true);
        runFrame(tile);
        assertEquals(10, tile.result(0));
        assertEquals(10, tile.cycles());
        assertEquals(150, tile.utilization());
    }

    @Test
    void laneMaskLeavesMaskedLanesIdle() {
        // LANE_MASK 0b10101 on +1 x +1 words: lanes 0, 2, 4 give 1; lanes 1, 3 idle at 0. UTIL 3 x 1.
        Tile tile = tileWithMarkedWords(1, 0);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setHints(0x01);
        tile.setLaneMask(0b10101);
        runFrame(tile);
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(tile));
        assertEquals(3, tile.utilization());
    }
}

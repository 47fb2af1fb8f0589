package dev.lockstep.kpu.systolic;

import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The transaction-level closed form equals the register-level array, cycle for cycle: every R, C in
 * 2..16, one random M, N, K in 1..200 per array size (fixed seed), the six dataflow x overlap
 * combinations taken in turn (each meets about 37 array sizes) to keep the run short.
 */
class TileEqualsPeTest {

    @Test
    void closedFormCyclesEqualRegisterLevelForEveryArraySize() {
        SplitMix64 rng = new SplitMix64(0x5157_011C);
        int checkedResults = 0;
        for (int r = 2; r <= 16; r++) {
            for (int c = 2; c <= 16; c++) {
                int m = 1 + rng.nextInt(200);
                int n = 1 + rng.nextInt(200);
                int k = 1 + rng.nextInt(200);
                DType dtype = DType.values()[rng.nextInt(DType.values().length)];
                Matmul p = Matmul.random(m, n, k, dtype, rng.nextLong());
                boolean withResult = rng.oneIn(8);   // the product itself is covered in PeMatmulTest; sample it here
                int combo = (r * 17 + c) % 6;
                Dataflow d = Dataflow.values()[combo / 2];
                Overlap o = Overlap.values()[combo % 2];
                MatmulRun pe = PeMatmul.run(p, r, c, d, o);
                MatmulRun tile = TileMatmul.run(p, r, c, d, o, withResult);
                String what = d + " " + o + " " + m + "x" + n + "x" + k + " on " + r + "x" + c;
                assertEquals(pe.cycles(), tile.cycles(), what);
                assertEquals(pe.folds(), tile.folds(), what);
                if (withResult) {
                    assertArrayEquals(pe.c(), tile.c(), what + " " + dtype);
                    checkedResults++;
                }
            }
        }
        // About one array size in eight also compares C (225 / 8 ~ 28 runs).
        assertEquals(true, checkedResults > 10, "results compared in " + checkedResults + " runs");
    }

    @Test
    void scalesimTotalsFollowTheV2Formula() {
        // conventions.md with hand-derived numbers: OS 16x16, M=N=K=64: folds 4*4 = 16, per fold
        // 64+16+16-2 = 94, Total Cycles = 16*94 - 1 = 1503. WS 8x8, M=100, N=20, K=50: Sr=K=50 -> 7,
        // Sc=N=20 -> 3, T=100, per fold 16+8+100-2 = 122, total 21*122 - 1 = 2561.
        assertEquals(1503, new FoldPlan(16, 16, Dataflow.OS, Overlap.SCALESIM, 64, 64, 64).scalesimTotalCycles());
        assertEquals(2561, new FoldPlan(8, 8, Dataflow.WS, Overlap.SCALESIM, 100, 20, 50).scalesimTotalCycles());
        // IS 8x8, same layer: Sr=K=50 -> 7, Sc=M=100 -> 13, T=N=20, per fold 16+8+20-2 = 42: 91*42-1 = 3821.
        assertEquals(3821, new FoldPlan(8, 8, Dataflow.IS, Overlap.SCALESIM, 100, 20, 50).scalesimTotalCycles());
    }
}

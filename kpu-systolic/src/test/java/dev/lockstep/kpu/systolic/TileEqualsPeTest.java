package dev.lockstep.kpu.systolic;

import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction-level closed form equals the register-level array, cycle for cycle: every R, C in
 * 2..16, every dataflow with both overlap modes, each on its own random M, N, K in 1..200 (fixed seed).
 */
class TileEqualsPeTest {

    @Test
    void closedFormCyclesEqualRegisterLevelForEveryArraySizeDataflowAndOverlap() {
        SplitMix64 rng = new SplitMix64(0x5157_011C);
        int runs = 0;
        int checkedResults = 0;
        for (int r = 2; r <= 16; r++) {
            for (int c = 2; c <= 16; c++) {
                for (Dataflow d : Dataflow.values()) {
                    for (Overlap o : Overlap.values()) {
                        int m = 1 + rng.nextInt(200);
                        int n = 1 + rng.nextInt(200);
                        int k = 1 + rng.nextInt(200);
                        // Cycles do not depend on the operand type; the types' arithmetic is PeMatmulTest's.
                        DType dtype = rng.oneIn(16) ? DType.values()[rng.nextInt(DType.values().length)] : DType.INT8;
                        Matmul p = Matmul.random(m, n, k, dtype, rng.nextLong());
                        boolean withResult = rng.oneIn(8);   // the product itself is covered in PeMatmulTest; sample it here
                        MatmulRun pe = PeMatmul.run(p, r, c, d, o);
                        MatmulRun tile = TileMatmul.run(p, r, c, d, o, withResult);
                        String what = d + " " + o + " " + m + "x" + n + "x" + k + " on " + r + "x" + c;
                        assertEquals(pe.cycles(), tile.cycles(), what);
                        assertEquals(pe.folds(), tile.folds(), what);
                        runs++;
                        if (withResult) {
                            assertArrayEquals(pe.c(), tile.c(), what + " " + dtype);
                            checkedResults++;
                        }
                    }
                }
            }
        }
        assertEquals(15 * 15 * 3 * 2, runs);
        // About one run in eight also compares C (1350 / 8 ~ 169 runs).
        assertTrue(checkedResults > 100, "results compared in " + checkedResults + " runs");
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

    @Test
    void shortStreamsOnSmallArraysExhaustively() {
        // Short T is where the period is set by the bank-reuse and drain/preload bounds rather than by T;
        // a period below them would corrupt a bank and show as a wrong product here. Every R, C in 1..6
        // and T in 1..9, with 3 x 3 folds (the last partial) so fold f + 2 reuses fold f's bank.
        long seed = 11;
        for (int r = 1; r <= 6; r++) {
            for (int c = 1; c <= 6; c++) {
                for (int t = 1; t <= 9; t++) {
                    for (Dataflow d : Dataflow.values()) {
                        int rowsSpan = 2 * r + 1;
                        int colsSpan = 2 * c + 1;
                        int m = d == Dataflow.OS ? rowsSpan : d == Dataflow.WS ? t : colsSpan;
                        int n = d == Dataflow.IS ? t : colsSpan;
                        int k = d == Dataflow.OS ? t : rowsSpan;
                        DType dtype = (t & 1) == 0 ? DType.INT16 : DType.FP32;
                        Matmul p = Matmul.random(m, n, k, dtype, seed++);
                        for (Overlap o : Overlap.values()) {
                            MatmulRun pe = PeMatmul.run(p, r, c, d, o);
                            MatmulRun tile = TileMatmul.run(p, r, c, d, o, true);
                            String what = d + " " + o + " " + dtype + " " + m + "x" + n + "x" + k + " on " + r + "x" + c;
                            assertArrayEquals(tile.c(), pe.c(), what);
                            assertEquals(tile.cycles(), pe.cycles(), what);
                        }
                    }
                }
            }
        }
    }
}

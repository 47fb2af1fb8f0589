package dev.lockstep.kpu.systolic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PeMatmulTest {

    private static int kBlock(Dataflow d, int rows, int k) {
        return d == Dataflow.OS ? k : rows;    // OS keeps all of K in one PE; WS/IS fold K over the rows
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyDataflowAndOverlapMatchesThePlainProduct(DType dtype) {
        int[][] shapes = {{1, 1, 1}, {5, 7, 3}, {9, 4, 13}, {16, 3, 2}, {3, 17, 9}, {12, 12, 30}};
        int[][] arrays = {{2, 2}, {4, 3}, {3, 5}, {1, 4}};
        long seed = 1;
        for (int[] s : shapes) {
            for (int[] ar : arrays) {
                Matmul p = Matmul.random(s[0], s[1], s[2], dtype, seed++);
                for (Dataflow d : Dataflow.values()) {
                    long[] expected = Reference.product(p, kBlock(d, ar[0], s[2]));
                    for (Overlap o : Overlap.values()) {
                        MatmulRun run = PeMatmul.run(p, ar[0], ar[1], d, o);
                        String what = dtype + " " + d + " " + o + " " + s[0] + "x" + s[1] + "x" + s[2] + " on " + ar[0] + "x" + ar[1];
                        assertArrayEquals(expected, run.c(), what);
                        // A valid operand MACs in every PE of its row, padding columns included (times 0):
                        // per fold rows-used x C x T, summed over folds = Sr x colFolds x C x T.
                        long sr = d == Dataflow.OS ? s[0] : s[2];
                        long sc = d == Dataflow.IS ? s[0] : s[1];
                        long t = d == Dataflow.OS ? s[2] : d == Dataflow.WS ? s[0] : s[1];
                        long colFolds = (sc + ar[1] - 1) / ar[1];
                        assertEquals(sr * colFolds * ar[1] * t, run.macs(), what);
                    }
                }
            }
        }
    }

    @Test
    void oneFoldTakesTPlusTwoRPlusCMinusTwoEdges() {
        // 4 x 4 array, one fold each. OS: M=4, N=4, K=10: T=10, compute T+R+C-2 = 16, drain R = 4 -> 20.
        // WS: K=4, N=4, M=10: T=10, preload R = 4, then T+R+C-2 = 16 -> 20. IS: K=4, M=4, N=10 -> 20.
        assertEquals(20, PeMatmul.run(Matmul.random(4, 4, 10, DType.INT8, 3), 4, 4, Dataflow.OS, Overlap.NATIVE).cycles());
        assertEquals(20, PeMatmul.run(Matmul.random(10, 4, 4, DType.INT8, 3), 4, 4, Dataflow.WS, Overlap.NATIVE).cycles());
        assertEquals(20, PeMatmul.run(Matmul.random(4, 10, 4, DType.INT8, 3), 4, 4, Dataflow.IS, Overlap.NATIVE).cycles());
        // 2 x 3 array, OS, M=2, N=3, K=1: T+R+C-2 = 1+2+3-2 = 4, + R = 6.
        assertEquals(6, PeMatmul.run(Matmul.random(2, 3, 1, DType.INT8, 3), 2, 3, Dataflow.OS, Overlap.NATIVE).cycles());
    }

    @Test
    void scalesimModeReproducesScaleSimV2Totals() {
        // conventions.md: folds = ceil(Sr/R) * ceil(Sc/C); per fold OS T+R+C-2, WS/IS 2R+C+T-2;
        // Total Cycles = folds * per-fold - 1. Lockstep's OS count adds the last fold's drain (R).
        // OS on 4x4, M=10, N=6, K=5: folds 3*2 = 6, per fold 5+4+4-2 = 11, total 65; pe edges 66 + 4 = 70.
        assertEquals(70, PeMatmul.run(Matmul.random(10, 6, 5, DType.INT8, 4), 4, 4, Dataflow.OS, Overlap.SCALESIM).cycles());
        // WS on 4x4, M=7, N=9, K=6: Sr=K=6 -> 2 row folds, Sc=N=9 -> 3 column folds, T=M=7;
        // per fold 8+4+7-2 = 17; total 6*17-1 = 101; pe edges 102.
        assertEquals(102, PeMatmul.run(Matmul.random(7, 9, 6, DType.INT8, 4), 4, 4, Dataflow.WS, Overlap.SCALESIM).cycles());
        // IS on 3x5, M=11, N=4, K=7: Sr=K=7 -> 3, Sc=M=11 -> 3, T=N=4; per fold 6+5+4-2 = 13;
        // total 9*13-1 = 116; pe edges 117.
        assertEquals(117, PeMatmul.run(Matmul.random(11, 4, 7, DType.INT8, 4), 3, 5, Dataflow.IS, Overlap.SCALESIM).cycles());
    }

    @Test
    void nativeModeOverlapsFolds() {
        // OS on 4x4, M=8, N=8, K=32: 4 folds, T=32 >= R and >= (T+R+C-2)/2 = 19, so period = T = 32:
        // 3*32 + (32+8+4-2) = 96 + 42 = 138 (SCALE-Sim mode: 4*38 + 4 = 156).
        assertEquals(138, PeMatmul.run(Matmul.random(8, 8, 32, DType.INT8, 5), 4, 4, Dataflow.OS, Overlap.NATIVE).cycles());
        assertEquals(156, PeMatmul.run(Matmul.random(8, 8, 32, DType.INT8, 5), 4, 4, Dataflow.OS, Overlap.SCALESIM).cycles());
        // OS on 4x4, M=8, N=4, K=2: 2 folds; period max(2, 4, ceil((2+4+4-2)/2) = 4) = 4: 4 + (2+8+4-2) = 16.
        assertEquals(16, PeMatmul.run(Matmul.random(8, 4, 2, DType.INT8, 5), 4, 4, Dataflow.OS, Overlap.NATIVE).cycles());
        // WS on 4x4, M=3, N=8, K=4: 2 folds, T=3; period max(3, 4, ceil((3+8+4-3)/2) = 6) = 6:
        // 6 + (3+8+4-2) = 19.
        assertEquals(19, PeMatmul.run(Matmul.random(3, 8, 4, DType.INT8, 5), 4, 4, Dataflow.WS, Overlap.NATIVE).cycles());
    }

    @Test
    void floatSumsFollowTheDocumentedOrder() {
        // A = [1, 1, 1e8, -1e8] (1 x 4), B = all ones (4 x 1); 1e8 is exact in fp32 and its ulp is 8.
        // OS, one sum in ascending k: 1, 2, 1e8 + 2 rounds to 1e8, then 0. Exact arithmetic would give 2.
        // WS on 2 rows: K folds [1, 1] -> 2 and [1e8, -1e8] -> 0, added in fold order: 2.
        int one = Float.floatToRawIntBits(1f);
        Matmul p = new Matmul(1, 1, 4, DType.FP32,
                new int[] {one, one, Float.floatToRawIntBits(1e8f), Float.floatToRawIntBits(-1e8f)},
                new int[] {one, one, one, one});
        assertEquals(0f, Float.intBitsToFloat((int) PeMatmul.run(p, 1, 1, Dataflow.OS, Overlap.NATIVE).c()[0]));
        assertEquals(2f, Float.intBitsToFloat((int) PeMatmul.run(p, 2, 1, Dataflow.WS, Overlap.NATIVE).c()[0]));
        assertEquals(2f, Float.intBitsToFloat((int) TileMatmul.run(p, 2, 1, Dataflow.WS, Overlap.NATIVE, true).c()[0]));
    }

    @Test
    void clockedEvaluateThenCommitSamplesPinsAtEvaluate() {
        // Driving through Clocked (evaluate, commit) gives the same product as step(), even when the
        // pins are scribbled on between the two phases: commit uses what evaluate sampled.
        SystolicArray viaStep = new SystolicArray(3, 3, Dataflow.OS, DType.INT8);
        SystolicArray viaClocked = new SystolicArray(3, 3, Dataflow.OS, DType.INT8);
        for (int e = 0; e < 12; e++) {
            for (SystolicArray arr : new SystolicArray[] {viaStep, viaClocked}) {
                for (int i = 0; i < 3; i++) {
                    arr.setWest(i, e * 3 + i, e < 6, 0);
                    arr.setNorth(i, e - i);
                }
            }
            viaStep.step();
            viaClocked.evaluate();
            for (int i = 0; i < 3; i++) {
                viaClocked.setWest(i, 99, true, 1);
            }
            viaClocked.commit();
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(viaStep.accumulator(i, j, 0), viaClocked.accumulator(i, j, 0));
                assertEquals(0, viaClocked.accumulator(i, j, 1));
            }
        }
        assertEquals(viaStep.macs(), viaClocked.macs());
    }
}

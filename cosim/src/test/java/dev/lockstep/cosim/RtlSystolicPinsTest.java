package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.Matmul;
import dev.lockstep.kpu.systolic.MatmulRun;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.systolic.PeMatmul;
import org.junit.jupiter.api.Test;

/**
 * `kpu matmul --fidelity rtl`: the feeder that drives the Java array drives the generated
 * systolic_array through {@link RtlSystolicPins}, and the RTL gives the product, the cycles and the
 * MACs of the Java array (its twin, proven so pin for pin by SystolicArrayCosimTest) on shapes with
 * several folds, partial edge folds, both overlap modes and IS on WS hardware.
 */
class RtlSystolicPinsTest {

    private static void rtlEqualsPe(int m, int n, int k, int rows, int cols, Dataflow dataflow, Overlap overlap,
                                    long seed, long expectedFolds) {
        Matmul p = Matmul.random(m, n, k, DType.INT8, seed);
        MatmulRun pe = PeMatmul.run(p, rows, cols, dataflow, overlap);
        MatmulRun rtl;
        try (RtlSystolicPins array = RtlSystolicPins.open(rows, cols, dataflow == Dataflow.OS ? Dataflow.OS : Dataflow.WS)) {
            rtl = PeMatmul.run(p, array, dataflow, overlap, null);
        }
        String what = dataflow + " " + overlap + " " + m + "x" + n + "x" + k + " on " + rows + "x" + cols;
        assertEquals(expectedFolds, rtl.folds(), what);
        assertEquals(pe.cycles(), rtl.cycles(), what);
        assertEquals(pe.macs(), rtl.macs(), what);
        assertArrayEquals(pe.c(), rtl.c(), what);
    }

    @Test
    void outputStationaryOnSeveralFolds() {
        // OS folds ceil(M/R) * ceil(N/C): 10x7 on 4x4 -> 3 * 2 = 6 (the last row and column folds partial).
        rtlEqualsPe(10, 7, 9, 4, 4, Dataflow.OS, Overlap.NATIVE, 1, 6);
        rtlEqualsPe(10, 7, 9, 4, 4, Dataflow.OS, Overlap.SCALESIM, 2, 6);
        // 20x17 on 8x8 -> 3 * 3 = 9, K = 3 shorter than the array (period set by the drain bound).
        rtlEqualsPe(20, 17, 3, 8, 8, Dataflow.OS, Overlap.NATIVE, 3, 9);
    }

    @Test
    void weightStationaryOnSeveralFolds() {
        // WS folds ceil(K/R) * ceil(N/C): K=9, N=7 on 4x4 -> 3 * 2 = 6, partial sums of 3 K-folds added.
        rtlEqualsPe(5, 7, 9, 4, 4, Dataflow.WS, Overlap.NATIVE, 4, 6);
        rtlEqualsPe(5, 7, 9, 4, 4, Dataflow.WS, Overlap.SCALESIM, 5, 6);
        // K=20, N=12 on 8x8 -> 3 * 2 = 6.
        rtlEqualsPe(11, 12, 20, 8, 8, Dataflow.WS, Overlap.NATIVE, 6, 6);
    }

    @Test
    void inputStationaryRunsOnWeightStationaryHardware() {
        // IS folds ceil(K/R) * ceil(M/C): K=6, M=9 on 4x4 -> 2 * 3 = 6.
        rtlEqualsPe(9, 5, 6, 4, 4, Dataflow.IS, Overlap.NATIVE, 7, 6);
    }

    @Test
    void refusesAnArrayOfTheWrongHardwareOrSize() {
        try (RtlSystolicPins os = RtlSystolicPins.open(4, 4, Dataflow.OS)) {
            assertThrows(IllegalArgumentException.class,
                    () -> PeMatmul.run(Matmul.random(2, 2, 2, DType.INT8, 1), os, Dataflow.WS, Overlap.NATIVE, null));
        }
        assertThrows(IllegalArgumentException.class, () -> RtlSystolicPins.open(SystolicCosim.MAX_SIDE + 1, 2, Dataflow.OS));
        assertThrows(IllegalArgumentException.class, () -> RtlSystolicPins.open(2, 2, Dataflow.IS));
    }
}

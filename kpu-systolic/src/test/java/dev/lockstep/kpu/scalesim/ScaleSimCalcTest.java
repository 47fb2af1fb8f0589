package dev.lockstep.kpu.scalesim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COMPUTE_REPORT numbers against hand derivations from the formulas of conventions.md (SCALE-Sim v2 section).
 * The percentage strings are those formulas evaluated in CPython's float arithmetic: int / int rounded once,
 * per-fold figures averaged with sum() (Neumaier in 3.12+), printed with str().
 *
 * <p>AlexNet layers as shipped in examples/alexnet.csv (padding folded into the IFMAP size):
 * Conv1 227x227, 11x11, 3 ch, 96 filters, stride 4: ofmap ceil((227-11+4)/4) = 55, M = 3025, N = 96, K = 363.
 * Conv2 31x31, 5x5, 96 ch, 256 filters: ofmap 27, M = 729, N = 256, K = 2400.
 * Conv3 15x15, 3x3, 256 ch, 384 filters: ofmap 13, M = 169, N = 384, K = 2304.
 * Conv4 15x15, 3x3, 384 ch, 384 filters: M = 169, N = 384, K = 3456.
 * Conv5 15x15, 3x3, 384 ch, 256 filters: M = 169, N = 256, K = 3456.
 */
class ScaleSimCalcTest {
    private static final TopologyLayer CONV1 = new TopologyLayer("Conv1", 227, 227, 11, 11, 3, 96, 4, 4);
    private static final TopologyLayer CONV2 = new TopologyLayer("Conv2", 31, 31, 5, 5, 96, 256, 1, 1);
    private static final TopologyLayer CONV3 = new TopologyLayer("Conv3", 15, 15, 3, 3, 256, 384, 1, 1);
    private static final TopologyLayer CONV4 = new TopologyLayer("Conv4", 15, 15, 3, 3, 384, 384, 1, 1);
    private static final TopologyLayer CONV5 = new TopologyLayer("Conv5", 15, 15, 3, 3, 384, 256, 1, 1);
    private static final List<TopologyLayer> ALEXNET = List.of(CONV1, CONV2, CONV3, CONV4, CONV5);

    private static ScaleSimConfig array(int rows, int cols, ScaleSimDataflow df) {
        return new ScaleSimConfig("t", rows, cols, 64, 64, 64, 0, 10000000, 20000000, df, List.of(10L), 1, false);
    }

    private static void assertRow(ComputeRow r, long total, String overall, String mapping, String compute) {
        assertEquals(total, r.totalCycles(), "Total Cycles");
        assertEquals(0, r.stallCycles(), "Stall Cycles");
        assertEquals(overall, PythonFloat.repr(r.overallUtilPercent()), "Overall Util %");
        assertEquals(mapping, PythonFloat.repr(r.mappingEfficiencyPercent()), "Mapping Efficiency %");
        assertEquals(compute, PythonFloat.repr(r.computeUtilPercent()), "Compute Util %");
    }

    @Test
    void loweringOfAlexNet() {
        long[][] mnk = {{3025, 96, 363}, {729, 256, 2400}, {169, 384, 2304}, {169, 384, 3456}, {169, 256, 3456}};
        for (int i = 0; i < 5; i++) {
            TopologyLayer l = ALEXNET.get(i);
            assertEquals(mnk[i][0], l.m(), l.name() + " M");
            assertEquals(mnk[i][1], l.n(), l.name() + " N");
            assertEquals(mnk[i][2], l.k(), l.name() + " K");
        }
    }

    @Test
    void conv1OutputStationary32x32() {
        // os: Sr = M = 3025 -> ceil(3025/32) = 95 row folds (94 full, one of 17 rows); Sc = N = 96 -> 3 column
        // folds; T = K = 363. One fold: T + R + C - 2 = 363 + 62 = 425 cycles; 285 folds; total 285 * 425 - 1.
        // Overall: 100 * 3025*96*363 / (121124 * 1024) = 10541520000 / 124030976.
        // Mapping: (3 * 94 * 1 + 3 * 17/32) / 285 = 283.59375 / 285 = 0.99506578947...
        // Compute: each fold's mapping * 363 / 425, so mapping mean * 363/425 = 0.849903...
        ComputeRow r = ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.OS), CONV1);
        assertEquals(95, r.rowFolds());
        assertEquals(3, r.colFolds());
        assertEquals(425, r.cyclesPerFold());
        assertRow(r, 121124, "84.99102675770285", "99.50657894736842", "84.99032507739938");
    }

    @Test
    void conv1WeightStationary32x32() {
        // ws: Sr = K = 363 -> 12 row folds (11 full, one of 11 rows); Sc = N = 96 -> 3; T = M = 3025.
        // One fold: 2R + C + T - 2 = 64 + 32 + 3025 - 2 = 3119; 36 folds; total 36 * 3119 - 1 = 112283.
        // Mapping: (3 * 11 + 3 * 11/32) / 36 = 34.03125 / 36 = 0.9453125.
        // Compute (quirk): divisor 2R + 2C + T - 3 = 3150, so 0.9453125 * 3025 / 3150 = 0.907800...
        ComputeRow r = ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.WS), CONV1);
        assertEquals(3119, r.cyclesPerFold());
        assertRow(r, 112283, "91.68309650614964", "94.53125", "90.78000992063492");
    }

    @Test
    void conv1InputStationary32x32() {
        // is: Sr = K = 363 -> 12 row folds (last 11 rows); Sc = M = 3025 -> 95 (last 17 columns); T = N = 96.
        // One fold: 64 + 32 + 96 - 2 = 190; 1140 folds; total 1140 * 190 - 1 = 216599.
        // Mapping: (11/12 + 11/384)(94/95 + 17/3040) = 0.94531... * 0.99506... = 0.940648...
        // Compute: divisor 64 + 64 + 96 - 3 = 221: 0.9406481... * 96 / 221 = 0.408607...
        ComputeRow r = ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.IS), CONV1);
        assertRow(r, 216599, "47.527703844431414", "94.06481291118422", "40.86073321028817");
    }

    @Test
    void conv2InEveryDataflow() {
        // os: Sr = 729 -> 23 folds (last 25 rows), Sc = 256 -> 8, T = 2400; fold 2462; total 184 * 2462 - 1.
        assertRow(ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.OS), CONV2),
                453007, "96.5547993739611", "99.04891304347827", "96.55458623247273");
        // ws: Sr = 2400 -> 75 full folds, Sc = 256 -> 8, T = 729; fold 64 + 32 + 727 = 823; total 600 * 823 - 1.
        // Every fold is full, so mapping is exactly 100; compute 729 / (64 + 64 + 729 - 3 = 854).
        assertRow(ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.WS), CONV2),
                493799, "88.57855119188171", "100.0", "85.36299765807962");
        // is: Sr = 2400 -> 75, Sc = 729 -> 23, T = 256; fold 64 + 32 + 254 = 350; total 1725 * 350 - 1.
        assertRow(ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.IS), CONV2),
                603749, "72.4473249645134", "99.04891304347827", "66.55255049640533");
    }

    @Test
    void conv3To5InEveryDataflow() {
        // os: Sr = 169 -> 6 folds (last 9 rows): mapping (5 + 9/32)/6 = 0.88020833...; fold T + 62.
        ScaleSimConfig os = array(32, 32, ScaleSimDataflow.OS);
        assertRow(ScaleSimCalc.layer(os, CONV3), 72 * 2366 - 1, "85.7147888770832", "88.02083333333334", "85.71428571428572");
        assertRow(ScaleSimCalc.layer(os, CONV4), 72 * 3518 - 1, "86.46992637043763", "88.02083333333334", "86.46958499147243");
        assertRow(ScaleSimCalc.layer(os, CONV5), 48 * 3518 - 1, "86.47009706093105", "88.02083333333334", "86.46958499147243");
        // ws: K = 2304 or 3456 fill 72 or 108 full row folds, N fills 12 or 8 column folds, T = 169:
        // fold 64 + 32 + 167 = 263, compute 169 / (128 + 166 = 294) = 0.574829...
        ScaleSimConfig ws = array(32, 32, ScaleSimDataflow.WS);
        assertRow(ScaleSimCalc.layer(ws, CONV3), 864 * 263 - 1, "64.2588379226426", "100.0", "57.48299319727891");
        assertRow(ScaleSimCalc.layer(ws, CONV4), 1296 * 263 - 1, "64.25874365917846", "100.0", "57.48299319727891");
        assertRow(ScaleSimCalc.layer(ws, CONV5), 864 * 263 - 1, "64.2588379226426", "100.0", "57.48299319727891");
        // is: Sc = M = 169 -> 6 column folds (last 9), T = N: fold 94 + N, compute divisor 125 + N.
        ScaleSimConfig is = array(32, 32, ScaleSimDataflow.IS);
        assertRow(ScaleSimCalc.layer(is, CONV3), 432 * 478 - 1, "70.71163950700985", "88.02083333333334", "66.40471512770138");
        assertRow(ScaleSimCalc.layer(is, CONV4), 648 * 478 - 1, "70.71152536134795", "88.02083333333334", "66.40471512770138");
        assertRow(ScaleSimCalc.layer(is, CONV5), 648 * 350 - 1, "64.38123624883707", "88.02083333333334", "59.14260717410323");
    }

    @Test
    void resnetConv1KeepsScaleSimsCeilingForTheOutputSize() {
        // ResNet-50 conv1: 224 + 2 * 3 = 230 padded input, 7x7, 3 channels, 64 filters, stride 2.
        // SCALE-Sim: ceil((230 - 7 + 2) / 2) = ceil(112.5) = 113 (a framework gives floor(223 / 2) + 1 = 112).
        TopologyLayer l = new TopologyLayer("res_conv1", 230, 230, 7, 7, 3, 64, 2, 2);
        assertEquals(113, l.ofmapHeight());
        assertEquals(12769, l.m());
        assertEquals(147, l.k());
        // os: Sr = 12769 -> 400 row folds (last 1 row), Sc = 64 -> 2, T = 147; fold 147 + 62 = 209;
        // total 800 * 209 - 1 = 167199. Mapping (399 + 1/32) / 400 = 0.997578125.
        assertRow(ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.OS), l), 167199,
                "70.16500547252078", "99.7578125", "70.16458582535886");
        // ws: Sr = K = 147 -> 5 (last 19 rows), Sc = 64 -> 2, T = 12769; fold 64 + 32 + 12767 = 12863;
        // total 10 * 12863 - 1 = 128629. Mapping (4 + 19/32) / 5 = 0.91875; compute * 12769 / 12894.
        assertRow(ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.WS), l), 128629,
                "91.20430657161293", "91.875", "90.98432410423453");
        // is: Sr = 147 -> 5, Sc = M = 12769 -> 400 (last 1 column), T = 64; fold 64 + 32 + 62 = 158;
        // total 2000 * 158 - 1 = 315999. Mapping 0.91875 * 0.997578125; compute * 64 / (128 + 61 = 189).
        assertRow(ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.IS), l), 315999,
                "37.12517682017981", "91.652490234375", "31.035763888888884");
    }

    @Test
    void gemmOnARectangularArray() {
        // GEMM M = 64, N = 100, K = 50 on 8 rows x 16 columns; 64*100*50 = 320000 MACs.
        TopologyLayer g = TopologyLayer.gemm("g", 64, 100, 50);
        assertEquals(64, g.m());
        assertEquals(100, g.n());
        assertEquals(50, g.k());
        // ws: Sr = K = 50 -> 7 row folds (last 2 rows), Sc = N = 100 -> 7 (last 4 columns), T = 64.
        // Fold 16 + 16 + 64 - 2 = 94; total 49 * 94 - 1 = 4605; overall 32000000 / (4605 * 128).
        // Mapping (6 + 2/8)(6 + 4/16) / 49 = 6.25 * 6.25 / 49 = 0.797193...; compute * 64 / (16 + 32 + 61 = 109).
        assertRow(ScaleSimCalc.layer(array(8, 16, ScaleSimDataflow.WS), g), 4605,
                "54.28881650380022", "79.71938775510205", "46.80771391125258");
        // os: Sr = 64 -> 8, Sc = 100 -> 7 (last 4), T = 50; fold 50 + 22 = 72; total 56 * 72 - 1 = 4031.
        // Mapping (6 + 4/16) / 7 = 0.892857...; compute mapping * 50 / 72.
        assertRow(ScaleSimCalc.layer(array(8, 16, ScaleSimDataflow.OS), g), 4031,
                "62.01935003721161", "89.28571428571429", "62.00396825396825");
        // is: Sr = 50 -> 7 (last 2), Sc = M = 64 -> 4, T = 100; fold 16 + 16 + 98 = 130; total 28 * 130 - 1.
        assertRow(ScaleSimCalc.layer(array(8, 16, ScaleSimDataflow.IS), g), 3639,
                "68.70019236053861", "89.28571428571429", "61.57635467980296");
    }

    @Test
    void separateColumnStride() {
        // 20x21 IFMAP, 3x5 filter, 4 channels, 8 filters, strides 2 (rows) and 3 (columns):
        // ofmap ceil((20-3+2)/2) = 10 by ceil((21-5+3)/3) = 7, M = 70, N = 8, K = 3*5*4 = 60.
        TopologyLayer l = new TopologyLayer("c", 20, 21, 3, 5, 4, 8, 2, 3);
        assertEquals(10, l.ofmapHeight());
        assertEquals(7, l.ofmapWidth());
        // os on 4 x 8: Sr = 70 -> 18 folds (last 2 rows), Sc = 8 -> 1, T = 60; fold 60 + 10 = 70; total 1259.
        // Mapping (17 + 2/4) / 18 = 0.972222...; overall 100 * 33600 / (1259 * 32).
        assertRow(ScaleSimCalc.layer(array(4, 8, ScaleSimDataflow.OS), l), 1259,
                "83.39952343129468", "97.22222222222221", "83.33333333333334");
    }

    @Test
    void tinyUtilizationIsPrintedInPythonExponentForm() {
        // One MAC on 256 x 256, os: one fold of 1 + 510 = 511 cycles, total 510.
        // Overall 100 / (510 * 65536) = 2.99e-06: Python switches to exponent form below 1e-4.
        assertRow(ScaleSimCalc.layer(array(256, 256, ScaleSimDataflow.OS), TopologyLayer.gemm("one", 1, 1, 1)),
                510, "2.991919424019608e-06", "0.00152587890625", "2.9860643957925634e-06");
    }

    @Test
    void olderPythonSumsLeftToRight() {
        // CPython 3.11's sum() adds the 285 per-fold figures of conv1OutputStationary32x32 one after another;
        // the rounding error it keeps shows in the last digits of Compute Util.
        ComputeRow r = ScaleSimCalc.layer(array(32, 32, ScaleSimDataflow.OS), CONV1, PythonSum.LEFT_TO_RIGHT);
        assertEquals("99.50657894736842", PythonFloat.repr(r.mappingEfficiencyPercent()));
        assertEquals("84.99032507739905", PythonFloat.repr(r.computeUtilPercent()));
    }

    @Test
    void aSingleCycleLayerIsRefused() {
        // 1x1 array, os, one MAC: one fold of 1 + 1 + 1 - 2 = 1 cycle, so SCALE-Sim's total is 0 and it divides by 0.
        ScaleSimConfig one = array(1, 1, ScaleSimDataflow.OS);
        TopologyLayer mac = TopologyLayer.gemm("mac", 1, 1, 1);
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> ScaleSimCalc.layer(one, mac));
        assertTrue(e.getMessage().contains("mac"), e.getMessage());
    }

    @Test
    void reportTextHasScaleSimsLayout() {
        List<ComputeRow> rows = ScaleSimCalc.report(array(32, 32, ScaleSimDataflow.OS), List.of(CONV1, CONV2), PythonSum.NEUMAIER);
        assertEquals("LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n"
                        + "0, 121124, 0, 84.99102675770285, 99.50657894736842, 84.99032507739938,\n"
                        + "1, 453007, 0, 96.5547993739611, 99.04891304347827, 96.55458623247273,\n",
                ComputeReport.format(rows));
    }
}

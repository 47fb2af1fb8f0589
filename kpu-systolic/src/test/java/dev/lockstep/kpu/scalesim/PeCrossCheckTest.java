package dev.lockstep.kpu.scalesim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The register-level array, in SCALE-Sim's fold mode, counts what SCALE-Sim's formulas count. */
class PeCrossCheckTest {
    private static ScaleSimConfig array(int rows, int cols, ScaleSimDataflow df) {
        return new ScaleSimConfig("t", rows, cols, 64, 64, 64, 0, 0, 0, df, List.of(), 1, false);
    }

    @Test
    void smallLayersAgreeInEveryDataflow() {
        // Column stride layer of ScaleSimCalcTest (M = 70, N = 8, K = 60) and a GEMM, on 4 x 8 and 8 x 4.
        List<TopologyLayer> layers = List.of(new TopologyLayer("c", 20, 21, 3, 5, 4, 8, 2, 3),
                TopologyLayer.gemm("g", 13, 9, 11));
        for (ScaleSimDataflow df : ScaleSimDataflow.values()) {
            for (int[] shape : new int[][] {{4, 8}, {8, 4}}) {
                ScaleSimConfig cfg = array(shape[0], shape[1], df);
                for (TopologyLayer l : layers) {
                    ComputeRow calc = ScaleSimCalc.layer(cfg, l);
                    PeRow pe = PeCrossCheck.layer(cfg, l, calc, 7);
                    String what = l.name() + " " + df + " " + shape[0] + "x" + shape[1];
                    assertEquals(calc.totalCycles(), pe.peTotalCycles(), what);
                    assertTrue(pe.cyclesMatch(), what);
                    assertTrue(pe.productOk(), what);
                }
            }
        }
    }

    @Test
    void randomShapesAgreeWithTheRegisterLevelArray() {
        // The closed forms against cycles measured at the array's pins: R, C in 1..6 (not both 1, where a
        // one-MAC layer has no SCALE-Sim total), M, N, K in 1..24, every dataflow, fixed seed.
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 150; i++) {
            int r = 1 + rnd.nextInt(6);
            int c = r == 1 ? 2 + rnd.nextInt(5) : 1 + rnd.nextInt(6);
            ScaleSimDataflow df = ScaleSimDataflow.values()[i % 3];
            TopologyLayer g = TopologyLayer.gemm("g", 1 + rnd.nextInt(24), 1 + rnd.nextInt(24), 1 + rnd.nextInt(24));
            ScaleSimConfig cfg = array(r, c, df);
            ComputeRow calc = ScaleSimCalc.layer(cfg, g);
            PeRow pe = PeCrossCheck.layer(cfg, g, calc, i);
            String what = g + " " + df + " " + r + "x" + c;
            assertEquals(calc.totalCycles(), pe.peTotalCycles(), what);
            assertTrue(pe.productOk(), what);
        }
    }

    @Test
    void outputStationaryEdgesIncludeTheLastDrain() {
        // os, 4 x 8, GEMM 13 x 9 x 11: Sr = 13 -> 4 row folds, Sc = 9 -> 2, T = 11; fold 11 + 10 = 21 edges.
        // SCALE-Sim: 8 * 21 - 1 = 167. The pins show the last fold's results leave R = 4 edges after
        // its compute ends: 8 * 21 + 4 = 172 edges.
        ScaleSimConfig cfg = array(4, 8, ScaleSimDataflow.OS);
        TopologyLayer g = TopologyLayer.gemm("g", 13, 9, 11);
        PeRow pe = PeCrossCheck.layer(cfg, g, ScaleSimCalc.layer(cfg, g), 1);
        assertEquals(172, pe.peEdges());
        assertEquals(167, pe.peTotalCycles());
    }
}

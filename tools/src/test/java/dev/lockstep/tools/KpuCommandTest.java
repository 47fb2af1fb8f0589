package dev.lockstep.tools;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.lockstep.tools.Run.run;

/** `lockstep kpu matmul`: what it prints, and its exit codes. */
class KpuCommandTest {
    @Test
    void peRunChecksTheProductAndPrintsCycles() {
        // OS on 4x4, M=8, N=8, K=32: 4 folds, period T = 32, cycles 3*32 + (32+8+4-2) = 138.
        Run r = run("kpu", "matmul", "--m", "8", "--n", "8", "--k", "32", "--rows", "4", "--cols", "4");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("cycles       138"), r.out());
        assertTrue(r.out().contains("check        ok"), r.out());
    }

    @Test
    void rtlRunDrivesTheGeneratedArrayAndReportsThePeCycles() {
        // The product of peRunChecksTheProductAndPrintsCycles on systolic_array under Verilator:
        // same derivation, 3*32 + (32+8+4-2) = 138 cycles, C checked against the reference.
        Run r = run("kpu", "matmul", "--m", "8", "--n", "8", "--k", "32", "--rows", "4", "--cols", "4",
                "--fidelity", "rtl", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"fidelity\":\"rtl\""), r.out());
        assertTrue(r.out().contains("\"cycles\":138,"), r.out());
        assertTrue(r.out().contains("\"check\":\"ok\""), r.out());
    }

    @Test
    void tileJsonForAnAlmostTrillionMacProduct() {
        // 8192^3 OS native on 16x16: folds 512*512, period 8192, cycles (262144-1)*8192 + 8192+32+16-2.
        Run r = run("kpu", "matmul", "--m", "8192", "--n", "8192", "--k", "8192", "--fidelity", "tile", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"cycles\":2147483694,"), r.out());
        assertTrue(r.out().contains("\"folds\":262144,"), r.out());
        assertTrue(r.out().strip().startsWith("{") && r.out().strip().endsWith("}"), r.out());
    }

    @Test
    void scalesimModePrintsScaleSimsTotal() {
        // conventions.md: 16x16 OS, 64^3: 16 folds of 64+16+16-2 = 94 cycles, Total Cycles 16*94-1 = 1503.
        Run r = run("kpu", "matmul", "--m", "64", "--n", "64", "--k", "64", "--overlap", "scalesim",
                "--dataflow", "os", "--dtype", "fp32", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"scalesimTotalCycles\":1503,"), r.out());
        assertTrue(r.out().contains("\"check\":\"ok\""), r.out());
    }

    @Test
    void badUsageIsExitTwoOnOneLine() {
        for (String[] args : new String[][] {
                {"kpu", "matmul", "--m", "4", "--n", "4", "--k", "4", "--fidelity", "rtl", "--dtype", "fp32"},
                {"kpu", "matmul", "--m", "4", "--n", "4", "--k", "4", "--fidelity", "rtl", "--rows", "65"},
                {"kpu", "matmul", "--m", "4", "--n", "4", "--k", "4", "--fidelity", "gate"},
                {"kpu", "matmul", "--m", "4", "--n", "4", "--k", "4", "--dataflow", "xs"},
                {"kpu", "matmul", "--m", "4", "--n", "4", "--k", "4", "--dtype", "int4"},
                {"kpu", "matmul", "--m", "0", "--n", "4", "--k", "4"},
                {"kpu", "matmul", "--m", "100000", "--n", "100000", "--k", "4"}}) {
            Run r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), String.join(" ", args) + " -> " + r.out());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().startsWith("lockstep"), r.err());
        }
    }
}

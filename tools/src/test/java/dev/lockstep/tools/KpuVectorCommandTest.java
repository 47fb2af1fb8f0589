package dev.lockstep.tools;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.lockstep.tools.Run.run;

/** `lockstep kpu sfu` and `lockstep kpu quant`: what they print, and their exit codes. */
class KpuVectorCommandTest {
    private static double number(String out, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE+]+)").matcher(out);
        assertTrue(m.find(), key + " in " + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void geluSweepStaysWithinTheStatedBound() {
        // 1000 points on 1 row: ceil(1000/8) = 125 beats + depth 3 + SFU 2 = 130 cycles.
        Run r = run("kpu", "sfu", "--op", "gelu", "--n", "1000", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(130, number(r.out(), "cycles"));
        // Stated bound of the 256-entry [-8, 8] GELU table: 3.94561e-4 (LutTest derives it).
        assertEquals(3.94561e-4, number(r.out(), "statedBound"), 1e-9);
        assertTrue(number(r.out(), "maxAbsError") <= number(r.out(), "statedBound"), r.out());
    }

    @Test
    void textOutputForReluAndSoftmax() {
        // ReLU is exact and bypasses the table: 64 on 8 lanes = 8 beats + 3 = 11 cycles.
        Run r = run("kpu", "sfu", "--op", "relu", "--n", "64");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("max error    0.000e+00"), r.out());
        assertTrue(r.out().contains("cycles       11"), r.out());
        // softmax row of 64: 3*8 + 3*3 + 2*3 + 2*2 = 43 per row, 2 rows = 86.
        Run s = run("kpu", "sfu", "--op", "softmax", "--n", "64", "--rows", "2");
        assertEquals(ExitCodes.OK, s.exit(), s.err());
        assertTrue(s.out().contains("cycles       86"), s.out());
    }

    @Test
    void quantPrintsBytesSaved() {
        // 256 x 64 weights: fp32 256*64*4 = 65,536 B; int4 256*64/2 = 8,192 + 4 groups * 64 * 2 B = 512
        // -> 8,704 B, 56,832 saved.
        Run r = run("kpu", "quant", "--m", "4", "--n", "64", "--k", "256", "--bits", "4", "--group", "64", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(65536, number(r.out(), "fp32WeightBytes"));
        assertEquals(8704, number(r.out(), "quantWeightBytes"));
        assertEquals(56832, number(r.out(), "bytesSaved"));
        Run t = run("kpu", "quant", "--m", "4", "--n", "64", "--k", "256", "--bits", "8", "--group", "64");
        assertEquals(ExitCodes.OK, t.exit(), t.err());
        // int8: 16,384 + 512 = 16,896 B.
        assertTrue(t.out().contains("weight bytes  16896 int8 vs 65536 fp32: 48640 saved"), t.out());
        assertEquals(t.out(), run("kpu", "quant", "--m", "4", "--n", "64", "--k", "256", "--bits", "8", "--group", "64").out());
    }

    @Test
    void badUsageIsExitTwoOnOneLine() {
        for (String[] args : new String[][] {
                {"kpu", "sfu", "--op", "swish"},
                {"kpu", "sfu", "--op", "gelu", "--table", "1"},
                {"kpu", "sfu", "--op", "gelu", "--min", "-1"},
                {"kpu", "sfu", "--op", "gelu", "--n", "0"},
                {"kpu", "sfu", "--op", "softmax", "--reduction", "ring"},
                {"kpu", "sfu", "--op", "softmax", "--width", "0"},
                {"kpu", "quant", "--m", "4", "--n", "4", "--k", "4", "--bits", "3"},
                {"kpu", "quant", "--m", "4", "--n", "4", "--k", "4", "--group", "0"},
                {"kpu", "quant", "--m", "4096", "--n", "4096", "--k", "4096"}}) {
            Run r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), String.join(" ", args) + " -> " + r.out());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().startsWith("lockstep"), r.err());
        }
    }
}

package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the fold stimulus of SystolicArrayCosimTest (same sizes, seeds and fold count) reaches: folds
 * overlapping the previous one, short and long folds, partial arrays, every operand distribution,
 * drains or weight loads into both banks, all-random interludes and resets after the first two cycles.
 */
class SystolicStimulusCoverageTest {
    private static final int FOLDS = 250;

    @ParameterizedTest(name = "{0}x{1} os={2}")
    @CsvSource({"4, 4, true", "4, 4, false", "8, 8, true", "8, 8, false", "16, 16, true", "16, 16, false"})
    void foldsReachEveryCase(int rows, int cols, boolean os) {
        long seed = 1000L * rows + (os ? 0 : 1); // the seeds of SystolicArrayCosimTest (Dataflow ordinal)
        SystolicStimulus s = new SystolicStimulus(rows, cols, os, FOLDS, seed);
        int overlapping = 0;
        int shorterThanRows = 0;
        int longerThanRows = 0;
        int partialRows = 0;
        int partialCols = 0;
        int[] kinds = new int[3];
        for (int f = 0; f < FOLDS; f++) {
            if (f > 0 && s.start(f) < s.end(f - 1)) {
                overlapping++;
            }
            shorterThanRows += s.streamed(f) < rows ? 1 : 0;
            longerThanRows += s.streamed(f) > rows ? 1 : 0;
            partialRows += s.rowsUsed(f) < rows ? 1 : 0;
            partialCols += s.colsUsed(f) < cols ? 1 : 0;
            kinds[s.kind(f)]++;
        }
        assertTrue(overlapping > FOLDS / 3, "folds overlapping the previous: " + overlapping);
        assertTrue(shorterThanRows > 10 && longerThanRows > 10, shorterThanRows + " short, " + longerThanRows + " long");
        assertTrue(partialRows > 10 && partialCols > 10, partialRows + " partial in rows, " + partialCols + " in columns");
        for (int k : kinds) {
            assertTrue(k > 10, "every operand distribution is used: " + java.util.Arrays.toString(kinds));
        }
        assertTrue(s.noiseWindows() >= 2, "all-random interludes: " + s.noiseWindows());
        assertTrue(s.resetWindows() >= 3, "reset windows including cycles 0-1: " + s.resetWindows());

        // Drive every cycle: control pulses (drain or wload) into both banks, valid operands of both banks.
        int width = 1 + 3 * rows + cols + 2;
        int ctl = 1 + 3 * rows + cols;
        long[] in = new long[width];
        long[] pulses = new long[2];
        long[] validByBank = new long[2];
        long resets = 0;
        for (long c = 0; c < s.cycles(); c++) {
            s.next(c, in);
            if ((in[ctl] & 1) != 0) {
                pulses[(int) (in[ctl + 1] & 1)]++;
            }
            if ((in[1 + rows] & 1) != 0) {
                validByBank[(int) (in[1 + 2 * rows] & 1)]++;
            }
            resets += in[0] & 1;
        }
        assertTrue(pulses[0] > FOLDS / 4 && pulses[1] > FOLDS / 4, "control pulses per bank: " + pulses[0] + ", " + pulses[1]);
        assertTrue(validByBank[0] > FOLDS && validByBank[1] > FOLDS, "valid row-0 operands per bank");
        assertTrue(resets > 2, "reset cycles beyond 0 and 1: " + resets);
    }

    @ParameterizedTest(name = "os={0}")
    @CsvSource({"true", "false"})
    void sameSeedSameCyclesOtherSeedOtherCycles(boolean os) {
        SystolicStimulus a = new SystolicStimulus(8, 8, os, 50, 9);
        SystolicStimulus b = new SystolicStimulus(8, 8, os, 50, 9);
        SystolicStimulus other = new SystolicStimulus(8, 8, os, 50, 10);
        assertEquals(a.cycles(), b.cycles());
        long[] x = new long[1 + 3 * 8 + 8 + 2];
        long[] y = new long[x.length];
        long[] z = new long[x.length];
        boolean differs = false;
        for (long c = 0; c < a.cycles(); c++) {
            a.next(c, x);
            b.next(c, y);
            other.next(c, z);
            assertArrayEquals(x, y, "cycle " + c);
            differs |= !java.util.Arrays.equals(x, z);
        }
        assertTrue(differs, "another seed gives other pins");
        assertNotEquals(0, a.cycles());
    }
}

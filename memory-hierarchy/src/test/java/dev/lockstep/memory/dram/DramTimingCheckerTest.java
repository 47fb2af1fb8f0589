package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker on hand-written command streams (DDR4-3200: tRCD 22, tRAS 52, tRP 22, tRC 74, CL 22,
 * CWL 16, BL 4 clocks, tCCD_S 4 / L 8, tRRD_S 4 / L 8, tFAW 34, tWR 24, tRFC 560): a legal stream is
 * clean, and each planted violation is reported with its rule, its two commands and the cycles.
 */
class DramTimingCheckerTest {
    private final DramSpec spec = DramSpec.defaults(DramStandard.byName("DDR4"));
    private final DramTimingChecker checker = new DramTimingChecker(spec.timing(), spec.organization());

    private static CommandLog log(long[][] commands) {
        CommandLog log = new CommandLog();
        for (long[] c : commands) {
            log.add(c[0], (byte) c[1], (int) c[2], (int) c[3], (int) c[4], (int) c[5]);
        }
        return log;
    }

    private static final long ACT = DramCommand.ACT;
    private static final long PRE = DramCommand.PRE;
    private static final long RD = DramCommand.RD;
    private static final long WR = DramCommand.WR;
    private static final long REF = DramCommand.REF;

    /**
     * ACT 0, RD 22 (tRCD), RD 30 (tCCD_L, same group), PRE 52 (tRAS; RD + tRTP = 42), ACT 74 (tRP and
     * tRC), WR 96, PRE 140 (WR + CWL + BL + tWR), REF 162 (tRP), ACT 722 (tRFC).
     */
    @Test
    void legalStreamIsClean() {
        CommandLog legal = log(new long[][] {
            {0, ACT, 0, 0, 0, 5}, {22, RD, 0, 0, 0, 5}, {30, RD, 0, 0, 0, 5}, {52, PRE, 0, 0, 0, 5},
            {74, ACT, 0, 0, 0, 6}, {96, WR, 0, 0, 0, 6}, {96 + 16 + 4 + 24, PRE, 0, 0, 0, 6},
            {140 + 22, REF, 0, -1, -1, -1}, {162 + 560, ACT, 0, 1, 0, 0},
        });
        assertEquals(List.of(), checker.check(legal));
    }

    /** RD one cycle early after its ACT: tRCD needs 22, got 21. */
    @Test
    void catchesPlantedTrcdViolation() {
        List<TimingViolation> v = checker.check(log(new long[][] {{0, ACT, 0, 0, 0, 5}, {21, RD, 0, 0, 0, 5}}));
        assertEquals(1, v.size());
        assertEquals("tRCD", v.get(0).constraint());
        assertEquals("#0 ACT @0 rank 0 bg 0 bank 0 row 5", v.get(0).earlier());
        assertEquals("#1 RD @21 rank 0 bg 0 bank 0 row 5", v.get(0).later());
        assertEquals(22, v.get(0).requiredCycles());
        assertEquals(21, v.get(0).actualCycles());
    }

    /**
     * Five ACTs to five banks of different groups every 4 cycles (tRRD_S 4 is met): the fifth at
     * 16 is 16 after the first, tFAW needs 34.
     */
    @Test
    void catchesPlantedTfawViolation() {
        List<TimingViolation> v = checker.check(log(new long[][] {
            {0, ACT, 0, 0, 0, 1}, {4, ACT, 0, 1, 0, 1}, {8, ACT, 0, 2, 0, 1}, {12, ACT, 0, 3, 0, 1}, {16, ACT, 0, 0, 1, 1},
        }));
        assertEquals(1, v.size(), v.toString());
        assertEquals("tFAW", v.get(0).constraint());
        assertEquals(34, v.get(0).requiredCycles());
        assertEquals(16, v.get(0).actualCycles());
    }

    /**
     * State and bus rules: a RD to a row that is not open, two commands in one cycle, REF with an
     * open row, PRE too soon after a WR (CWL 16 + 4 + tWR 24 = 44 needed), and RD 22 (group 0) then
     * RD 24 (group 1): tCCD_S needs 4, and the second burst (data 46..50) overlaps the first (44..48).
     */
    @Test
    void catchesStateBusAndWriteRecoveryViolations() {
        List<TimingViolation> wrongRow = checker.check(log(new long[][] {{0, ACT, 0, 0, 0, 5}, {30, RD, 0, 0, 0, 6}}));
        assertEquals("RD to row 6 while row 5 is open", wrongRow.get(0).constraint());

        List<TimingViolation> sameCycle = checker.check(log(new long[][] {{0, ACT, 0, 0, 0, 5}, {0, ACT, 0, 1, 0, 5}}));
        assertTrue(sameCycle.stream().anyMatch(x -> x.constraint().startsWith("command bus")), sameCycle.toString());

        List<TimingViolation> refOpen = checker.check(log(new long[][] {{0, ACT, 0, 0, 0, 5}, {100, REF, 0, -1, -1, -1}}));
        assertTrue(refOpen.get(0).constraint().startsWith("REF while bank 0"), refOpen.toString());

        List<TimingViolation> wr = checker.check(log(new long[][] {
            {0, ACT, 0, 0, 0, 5}, {22, WR, 0, 0, 0, 5}, {22 + 43, PRE, 0, 0, 0, 5},
        }));
        assertEquals(1, wr.size(), wr.toString());
        assertTrue(wr.get(0).constraint().startsWith("tWR"));
        assertEquals(44, wr.get(0).requiredCycles());
        assertEquals(43, wr.get(0).actualCycles());

        List<TimingViolation> bus = checker.check(log(new long[][] {
            {0, ACT, 0, 0, 0, 5}, {4, ACT, 0, 1, 0, 5}, {22, RD, 0, 0, 0, 5}, {26 - 2, RD, 0, 1, 0, 5},
        }));
        assertTrue(bus.stream().anyMatch(x -> x.constraint().equals("tCCD_S")), bus.toString());
        assertTrue(bus.stream().anyMatch(x -> x.constraint().startsWith("data bus")), bus.toString());
    }
}

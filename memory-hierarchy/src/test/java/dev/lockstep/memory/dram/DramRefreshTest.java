package dev.lockstep.memory.dram;

import static dev.lockstep.memory.dram.DramLatencyTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.dram.bench.StreamLoad;
import dev.lockstep.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** All-bank refresh, DDR4-3200: tREFI 12480 clocks, tRFC 560, tRP 22, tRCD 22, CL 22, BL8 = 4 clocks. */
class DramRefreshTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    /**
     * A read arriving at cycle 12480, the first refresh's due cycle, finds the rank refreshing:
     * REF 12480, ACT 12480 + 560 = 13040, RD 13062, data done 13088.
     */
    @Test
    void readArrivingWhenRefreshFallsDueWaitsTrfc() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        at(sim, 12480L * 625, () -> dram.offer(0, 64, false, r, 0));
        sim.run();
        assertEquals(13088L * 625, r.doneAt(0));
        CommandLog log = checked.log(dram, 0);
        assertEquals(DramCommand.REF, log.command(0));
        assertEquals(12480, log.cycle(0));
        assertEquals(13040, log.cycle(1));
    }

    /**
     * Idle from cycle 48 to 43680 (3.5 tREFI) with row 0 of bank 0 left open: the refreshes owed are
     * issued at their own cycles when the next read wakes the channel: PRE 12480, REF 12502 (tRP
     * later), REF 24960, REF 37440; then the read at 43680 misses: ACT 43680, RD 43702.
     */
    @Test
    void refreshesFallingDueWhileIdleHappenAtTheirCycles() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(0, 64, false, r, 0);
        at(sim, 43680L * 625, () -> dram.offer(0, 64, false, r, 1));
        sim.run();
        CommandLog log = checked.log(dram, 0);
        long[] cycles = {0, 22, 12480, 12502, 24960, 37440, 43680, 43702};
        byte[] commands = {DramCommand.ACT, DramCommand.RD, DramCommand.PRE, DramCommand.REF, DramCommand.REF,
            DramCommand.REF, DramCommand.ACT, DramCommand.RD};
        assertEquals(cycles.length, log.size());
        for (int i = 0; i < cycles.length; i++) {
            assertEquals(commands[i], log.command(i), "command " + i);
            assertEquals(cycles[i], log.cycle(i), "cycle of command " + i);
        }
        assertEquals((43702 + 26) * 625L, r.doneAt(1));
    }

    /**
     * A saturating stream over 5.5 tREFI: REF k (k = 1..5) falls due at k x 12480 and goes out once
     * the open rows are closed, which takes at most tRAS + tRP after an ACT just before the due
     * cycle, plus one clock per bank to precharge (command bus): within [k x 12480, k x 12480 + 90].
     * It costs tRFC: reads are waiting, so the next command of the rank is an ACT exactly 560 later.
     */
    @Test
    void refreshEveryTrefiCostsTrfc() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        // 5.5 x 12480 clocks x 16 B per clock (64 B per 4 clocks) at about 95 % efficiency: ~1 MB.
        long total = 1L << 20;
        StreamLoad load = new StreamLoad(sim, dram, 4096, total, 8, false, total, null).start();
        sim.run();
        assertTrue(load.done());
        assertTrue(sim.now() > 5 * 12480L * 625 && sim.now() < 6 * 12480L * 625, "ran to " + sim.now() / 625);
        CommandLog log = checked.log(dram, 0);
        int k = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.command(i) == DramCommand.REF) {
                k++;
                long due = k * 12480L;
                assertTrue(log.cycle(i) >= due && log.cycle(i) <= due + 52 + 22 + 16, "REF " + k + " at " + log.cycle(i));
                assertTrue(i + 1 < log.size(), "the stream goes on after REF " + k);
                assertEquals(DramCommand.ACT, log.command(i + 1));
                assertEquals(log.cycle(i) + 560, log.cycle(i + 1), "first command after REF " + k);
            }
        }
        assertEquals(5, k);
    }
}

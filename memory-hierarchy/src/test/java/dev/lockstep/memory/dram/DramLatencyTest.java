package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single reads on an otherwise idle device, far from any refresh: the latency of a row miss, a row
 * hit and a row conflict is exactly the sum of the timings on its path, in the preset's clock.
 */
class DramLatencyTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    static void at(Simulation sim, long timePs, Runnable action) {
        sim.schedule(timePs, sim.register(arg -> action.run()), 0);
    }

    /**
     * DDR4-3200 spelled out (tCK 625 ps, tRCD = CL = tRP = 22, BL8 = 4 clocks, RoRaBaCoBgCh, one channel):
     * miss at cycle 0: ACT 0, RD 22, data 44..48 -> 48 cycles = 30,000 ps;
     * hit at cycle 100 (same row, next column of that bank = burst 4 = byte 256): RD 100, done 126 -> 26 cycles;
     * conflict at cycle 200 (row 1 of the same bank: rows are the top bits, one row index spans
     * 16 banks x 8 KB = 128 KB, so byte 131072): PRE 200, ACT 222, RD 244, done 270 -> 70 cycles.
     * The other standards follow the same sums with their own preset values.
     */
    @ParameterizedTest
    @ValueSource(strings = {"DDR4", "LPDDR5", "GDDR6", "HBM3"})
    void missHitAndConflictLatenciesAreTheirTimingSums(String standard) {
        Simulation sim = new Simulation();
        DramSpec spec = DramSpec.defaults(DramStandard.byName(standard));
        Dram dram = checked.create(sim, spec);
        DramTiming t = spec.timing();
        DramOrganization o = spec.organization();
        long tck = t.tCkPs();
        long sameRowNextColumn = (long) spec.burstBytes() * o.bankGroups() * o.channels();
        long nextRowSameBank = dram.mapping().capacity() / o.rows();
        Recorder r = new Recorder(sim);

        dram.offer(0, spec.burstBytes(), false, r, 0);
        at(sim, 100 * tck, () -> dram.offer(sameRowNextColumn, spec.burstBytes(), false, r, 1));
        at(sim, 200 * tck, () -> dram.offer(nextRowSameBank, spec.burstBytes(), false, r, 2));
        sim.run();

        int bl = t.burstClocks();
        assertEquals((t.rcd() + t.cl() + bl) * tck, r.doneAt(0), "miss = tRCD + CL + BL/rate");
        assertEquals((100 + t.cl() + bl) * tck, r.doneAt(1), "hit = CL + BL/rate");
        assertEquals((200 + t.rp() + t.rcd() + t.cl() + bl) * tck, r.doneAt(2), "conflict = tRP + tRCD + CL + BL/rate");
        assertEquals(1, dram.rowHits());
        assertEquals(1, dram.rowMisses());
        assertEquals(1, dram.rowConflicts());
        if (standard.equals("DDR4")) {
            assertEquals(30_000, r.doneAt(0));
            assertEquals(126 * 625, r.doneAt(1));
            assertEquals(270 * 625, r.doneAt(2));
        }
    }

    /** A write to a closed bank: ACT 0, WR at tRCD, data CWL later for BL/rate clocks. DDR4: 22 + 16 + 4 = 42 cycles. */
    @Test
    void writeMissCompletesWhenItsDataHasCrossed() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(4096, 64, true, r, 0);
        sim.run();
        assertEquals(42 * 625, r.doneAt(0));
    }

    /**
     * Closed page, DDR4: the row is precharged once nothing else wants it, at ACT + tRAS = 52, so a
     * later read of the same row misses: at cycle 300, ACT 300, RD 322, done 348.
     */
    @Test
    void closedPagePrechargesAfterTheAccessSoTheSameRowMissesAgain() {
        Simulation sim = new Simulation();
        DramSpec spec = DramSpec.defaults(DramStandard.byName("DDR4")).withPagePolicy(PagePolicy.CLOSED);
        Dram dram = checked.create(sim, spec);
        Recorder r = new Recorder(sim);
        dram.offer(0, 64, false, r, 0);
        at(sim, 300 * 625, () -> dram.offer(256, 64, false, r, 1));
        sim.run();
        assertEquals(48 * 625, r.doneAt(0));
        assertEquals(348 * 625, r.doneAt(1));
        CommandLog log = checked.log(dram, 0);
        assertEquals(DramCommand.PRE, log.command(2));
        assertEquals(52, log.cycle(2));
        assertEquals(2, dram.rowMisses());
    }

    /**
     * A 1000-byte read at byte 100 covers bursts 1 (bytes 64..127) to 17 (bytes 1088..1151): 17 bursts.
     * With RoRaBaCoBgCh they rotate over the 4 bank groups: bursts 1..17 -> groups 1,2,3,0,1,...
     * so 4 ACTs (one per group, row 0 of bank 0), the rest hits; one completion.
     */
    @Test
    void largeRequestSplitsIntoBurstsAndCompletesOnce() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(100, 1000, false, r, 0);
        sim.run();
        assertEquals(17, dram.readBursts());
        assertEquals(17 * 64, dram.bytesTransferred());
        assertEquals(4, dram.rowMisses());
        assertEquals(13, dram.rowHits());
        assertEquals(1, r.completions());
        CommandLog log = checked.log(dram, 0);
        long lastRead = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.command(i) == DramCommand.RD) {
                lastRead = log.cycle(i);
            }
        }
        assertEquals((lastRead + 22 + 4) * 625, r.doneAt(0), "completes when the last burst's data is out");
    }

    /**
     * HBM3 has 32 pseudo channels and the channel bits lowest: a 64 KB read is 2048 bursts of 32 B,
     * 64 per channel, all served, one completion.
     */
    @Test
    void requestSpreadsOverChannels() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("HBM3")));
        Recorder r = new Recorder(sim);
        dram.offer(0, 65536, false, r, 0);
        sim.run();
        assertEquals(2048, dram.readBursts());
        for (int ch = 0; ch < 32; ch++) {
            assertEquals(64, checked.log(dram, ch).count(DramCommand.RD), "channel " + ch);
        }
        assertEquals(1, r.completions());
    }
}

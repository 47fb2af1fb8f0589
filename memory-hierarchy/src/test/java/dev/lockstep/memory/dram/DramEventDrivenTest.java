package dev.lockstep.memory.dram;

import static dev.lockstep.memory.dram.DramLatencyTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.dram.bench.StreamLoad;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.random.SplitMix64;
import dev.lockstep.trace.Signal;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cost follows activity, runs are deterministic, requests are traced, and back-pressure works. */
class DramEventDrivenTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    /**
     * Two reads 10 ms apart (16 million DDR4 clocks). An idle channel schedules nothing, so the run
     * ends and costs a handful of events: per read one wake tick, the ACT and RD ticks, and the
     * completion; the 1282 refreshes owed in between are issued on the second wake without events.
     */
    @Test
    void idleChannelLeavesTheTimeline() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(0, 64, false, r, 0);
        long later = 10_000_000_000L; // 10 ms in ps = 16,000,000 clocks of 625 ps
        at(sim, later, () -> dram.offer(64, 64, false, r, 1));
        sim.run();
        assertEquals(2, r.completions());
        assertTrue(sim.eventsFired() < 20, "events " + sim.eventsFired());
        // floor(16,000,000 / 12480) = 1282 refreshes fall due before the second read.
        assertEquals(1282, dram.refreshes());
    }

    /**
     * A channel wakes only to issue. One DDR4 read of a closed bank, offered at cycle 0: the tick at
     * cycle 0 issues the ACT and, in the same event, finds that nothing can issue before tRCD; the
     * tick there issues the RD and the channel leaves the timeline; then the completion. Three events,
     * and none for the clock after the ACT.
     */
    @Test
    void aChannelWakesOnlyToIssueCommands() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(0, 64, false, r, 0);
        sim.run();
        assertEquals(1, r.completions());
        assertEquals(3, sim.eventsFired());
    }

    /**
     * A read whose command cannot come before the planned one costs no tick. DDR4-3200 (tRCD = CL =
     * tRP = 22, tRAS 52, tRTP 12, BL8 = 4 clocks): read A (byte 0, bank 0 row 0) offered at cycle 0:
     * ACT 0, and the RD is planned for 22. At cycle 5 read B, row 1 of the same bank (byte 131072:
     * one row index spans 16 banks x 8 KB), arrives: its PRE may not go before ACT + tRAS = 52, after
     * the planned RD, so the plan and its tick stand. Commands: ACT 0, RD 22 (A's data ends 22 + 22 +
     * 4 = 48), PRE 52, ACT 52 + 22 = 74, RD 74 + 22 = 96 (B's data ends 96 + 26 = 122). Events: the
     * tick at 0, the offer at 5, the tick at 22, A's completion at 48, the tick at 52 (PRE), which goes
     * on to 74 and 96 as two events of their own (nothing is pending before them), B's completion:
     * 8. A tick at B's arrival would add two (it, and the tick at 22 it books again).
     */
    @Test
    void aReadThatCannotBeatThePlanAddsNoTick() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(0, 64, false, r, 0);
        at(sim, 5 * 625, () -> dram.offer(131072, 64, false, r, 1));
        sim.run();
        CommandLog log = checked.log(dram, 0);
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            commands.add(log.describe(i));
        }
        assertEquals(List.of(
                "#0 ACT @0 rank 0 bg 0 bank 0 row 0",
                "#1 RD @22 rank 0 bg 0 bank 0 row 0",
                "#2 PRE @52 rank 0 bg 0 bank 0 row 0",
                "#3 ACT @74 rank 0 bg 0 bank 0 row 1",
                "#4 RD @96 rank 0 bg 0 bank 0 row 1"), commands);
        assertEquals(48 * 625, r.doneAt(0));
        assertEquals(122 * 625, r.doneAt(1));
        assertEquals(8, sim.eventsFired());
    }

    @Test
    void sameSeedGivesTheSameCommands() {
        CommandLog[] a = randomRun(5);
        CommandLog[] b = randomRun(5);
        for (int ch = 0; ch < a.length; ch++) {
            assertEquals(a[ch].size(), b[ch].size());
            for (int i = 0; i < a[ch].size(); i++) {
                assertEquals(a[ch].describe(i), b[ch].describe(i));
            }
        }
    }

    private CommandLog[] randomRun(long seed) {
        Simulation sim = new Simulation();
        DramSpec spec = DramSpec.defaults(DramStandard.byName("GDDR6")).withOrganization(
                DramStandard.byName("GDDR6").organizations().get("GDDR6_8Gb_x16").withChannels(2));
        Dram dram = checked.create(sim, spec);
        new StreamLoad(sim, dram, 128, 64 << 10, 16, false, 1 << 20, new SplitMix64(seed)).start();
        new StreamLoad(sim, dram, 64, 32 << 10, 4, true, 1 << 20, new SplitMix64(seed + 1)).start();
        sim.run();
        return new CommandLog[] {checked.log(dram, 0), checked.log(dram, 1)};
    }

    /** DDR4 miss at cycle 0: issued at cycle 0, complete at 48 (tRCD + CL + BL/2), 64 bytes. */
    @Test
    void completedRequestsAreTracedAsTransactions() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        List<Transaction> seen = new ArrayList<>();
        dram.traceTo(new TraceWriter() {
            @Override
            public int declare(String path, String field, int width) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void change(long cycle, int signal, long value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void change(long cycle, int signal, long[] words) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void transaction(Transaction t) {
                seen.add(t);
            }

            @Override
            public void close() {
            }
        });
        dram.offer(0, 64, false, new Recorder(sim), 0);
        sim.run();
        assertEquals(List.of(new Transaction(0, "dram0", "read", 0, 48, 64, null)), seen);
    }

    /**
     * Request slots bound what is accepted: with 2 read slots the third offer is refused, and a
     * client that asked to be told is called when the first read completes (DDR4: cycle 48).
     */
    @Test
    void fullSlotsRefuseAndNotifyWhenReady() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")).withQueues(32, 32, 24, 8, 2));
        Recorder r = new Recorder(sim);
        assertTrue(dram.offer(0, 64, false, r, 0));
        assertTrue(dram.offer(64, 64, false, r, 1));
        assertEquals(false, dram.offer(128, 64, false, r, 2));
        long[] toldAt = {-1};
        dram.notifyWhenReady(false, tag -> toldAt[0] = sim.now(), 7);
        sim.run();
        assertEquals(48 * 625, toldAt[0]);
        assertTrue(dram.offer(128, 64, false, r, 2));
        sim.run();
        assertEquals(3, r.completions());
    }

    /**
     * Named requesters get their own counters. DDR4: "a" reads 64 B at byte 0, a miss at cycle 0:
     * 48 clocks (tRCD + CL + BL/2). "b" reads 128 B at 1 MB, accepted at cycle 0, so its latency in
     * clocks is its completion time / 625 ps. A third, unnamed client counts nowhere.
     */
    @Test
    void namedRequestersHaveTheirOwnStatistics() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder a = new Recorder(sim);
        Recorder b = new Recorder(sim);
        dram.nameRequester(a, "a");
        dram.nameRequester(b, "b");
        dram.offer(0, 64, false, a, 0);
        dram.offer(1 << 20, 128, false, b, 0);
        dram.offer(4096, 64, false, new Recorder(sim), 0);
        sim.run();
        assertEquals(1, sim.stats().counter("dram0.requester.a.requests").value());
        assertEquals(64, sim.stats().counter("dram0.requester.a.bytes").value());
        assertEquals(48, sim.stats().counter("dram0.requester.a.latency_cycles").value());
        assertEquals(128, sim.stats().counter("dram0.requester.b.bytes").value());
        assertEquals(b.doneAt(0) / 625, sim.stats().counter("dram0.requester.b.latency_cycles").value());
    }
}

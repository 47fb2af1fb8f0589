package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.dram.bench.StreamLoad;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ConfigReader;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Row-buffer outcomes of random access, against rates derived from the mapping. */
class DramRowBufferTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    /**
     * DDR4, open page, one request at a time (so the scheduler cannot reorder), random 64 B reads in
     * the first 256 KB. RoRaBaCoBgCh puts the row in the top bits and a row index spans 16 banks x
     * 8 KB = 128 KB, so this span holds rows 0 and 1 of every bank, and every other field is uniform.
     * Refresh is pushed out of the run (tREFI 10^7 clocks) so that rows only close on conflicts.
     * A bank's first access is a miss (16 in all); any later one finds the last-used row of its
     * bank open and hits with probability 1/2. So hits and conflicts split N - 16 evenly: expected
     * 1992 each, binomial sd sqrt(3984) / 2 = 31.6; we allow 5 sd.
     */
    @Test
    void twoRowsPerBankHitHalfTheTime() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, noRefresh());
        int n = 4000;
        StreamLoad load = new StreamLoad(sim, dram, 64, 64L * n, 1, false, 256 << 10, new SplitMix64(42)).start();
        sim.run();
        assertTrue(load.done());
        long misses = 16;
        assertEquals(0, dram.refreshes());
        assertEquals(misses, dram.rowMisses());
        double expected = (n - misses) / 2.0;
        double sd = Math.sqrt(n - misses) / 2;
        assertEquals(expected, dram.rowHits(), 5 * sd);
        assertEquals(n - misses, dram.rowHits() + dram.rowConflicts());
    }

    /**
     * Uniform over the whole 8 GiB device: a bank's open row is the wanted one with probability
     * 1/65536, so in 2000 reads the expected number of hits is 0.03: we allow at most 2; everything
     * else is a conflict except the first access of each of the 16 banks (refresh pushed out).
     */
    @Test
    void uniformRandomAccessAlmostAlwaysConflicts() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, noRefresh());
        int n = 2000;
        StreamLoad load = new StreamLoad(sim, dram, 64, 64L * n, 1, false, dram.mapping().capacity(),
                new SplitMix64(7)).start();
        sim.run();
        assertTrue(load.done());
        assertTrue(dram.rowHits() <= 2, "hits " + dram.rowHits());
        assertEquals(16, dram.rowMisses());
        assertEquals(n, dram.rowHits() + dram.rowMisses() + dram.rowConflicts());
    }

    /**
     * With many requests queued, FR-FCFS serves the queued hits of an open row before older
     * conflicts, so the same two-rows-per-bank load gets more than the in-order 1/2 hit rate.
     */
    @Test
    void frFcfsRaisesTheHitRateWhenRequestsQueue() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        int n = 4000;
        StreamLoad load = new StreamLoad(sim, dram, 64, 64L * n, 32, false, 256 << 10, new SplitMix64(42)).start();
        sim.run();
        assertTrue(load.done());
        assertTrue(dram.rowHits() > 0.6 * n, "hits " + dram.rowHits() + " of " + n);
    }

    private static DramSpec noRefresh() {
        return ConfigReader.read("standard: DDR4\ntiming: {tREFI: 10000000}\n", ConfigReader.Format.YAML, "test",
                DramConfig.class).toSpec();
    }
}

package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Write drain between watermarks. */
class DramWriteDrainTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    /**
     * DDR4, watermarks high 8 / low 2. At cycle 0 there are 12 writes and 12 reads queued (all to
     * row 0 of bank 0 of bank group 0: burst 4i = byte 256 i). 12 writes >= 8 so the channel drains
     * writes until 2 are left (10 WR), then serves reads, which are all hits, until none is left
     * (12 RD), then, with no read waiting, the last 2 writes: WR x10, RD x12, WR x2. Every request
     * completes.
     */
    @Test
    void writesDrainFromHighToLowWatermarkThenReadsThenTheRest() {
        Simulation sim = new Simulation();
        DramSpec spec = DramSpec.defaults(DramStandard.byName("DDR4")).withQueues(16, 16, 8, 2, 16);
        Dram dram = checked.create(sim, spec);
        Recorder r = new Recorder(sim);
        for (int i = 0; i < 12; i++) {
            dram.offer(256L * i, 64, true, r, i);
        }
        for (int i = 0; i < 12; i++) {
            dram.offer(256L * (16 + i), 64, false, r, 12 + i);
        }
        sim.run();
        assertEquals(24, r.completions());
        CommandLog log = checked.log(dram, 0);
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < log.size(); i++) {
            if (log.command(i) == DramCommand.RD || log.command(i) == DramCommand.WR) {
                columns.append(log.command(i) == DramCommand.RD ? 'R' : 'W');
            }
        }
        assertEquals("W".repeat(10) + "R".repeat(12) + "W".repeat(2), columns.toString());
    }

    /** With no reads, writes are served as they come: 40 writes through 16 slots all complete. */
    @Test
    void writesAloneAlwaysDrain() {
        Simulation sim = new Simulation();
        DramSpec spec = DramSpec.defaults(DramStandard.byName("DDR4")).withQueues(16, 16, 12, 4, 16);
        Dram dram = checked.create(sim, spec);
        Recorder r = new Recorder(sim);
        int[] next = {0};
        dev.lockstep.memory.MemoryClient[] feeder = new dev.lockstep.memory.MemoryClient[1];
        feeder[0] = tag -> {
            while (next[0] < 40 && dram.offer(64L * 977 * next[0], 64, true, r, next[0])) {
                next[0]++;
            }
            if (next[0] < 40) {
                dram.notifyWhenReady(true, feeder[0], -1);
            }
        };
        feeder[0].completed(-1);
        sim.run();
        assertEquals(40, r.completions());
        assertEquals(40, dram.writeBursts());
    }
}

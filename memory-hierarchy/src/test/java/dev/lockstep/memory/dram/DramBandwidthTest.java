package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.dram.bench.StreamLoad;
import dev.lockstep.sim.Simulation;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sequential streams keep the data bus busy. With RoRaBaCoBgCh consecutive bursts rotate over the
 * bank groups, so reads may follow each other every tCCD_S = BL/rate clocks, which is the bus rate;
 * a row change is hidden behind the queued bursts of the other groups. What is lost is refresh:
 * per tREFI, tRFC plus closing and reopening the rows (tRP + tRCD, about 44 clocks on DDR4):
 * DDR4-3200 (560 + 44) / 12480 = 4.8 % -> about 95 %; LPDDR5-6400 (168 + 30) / 3120 = 6.3 % -> about 93 %.
 * Both must reach 90 % of the peak (DDR4 x64: 64 B per 4 clocks of 625 ps = 25.6 GB/s; LPDDR5 x16:
 * 32 B per 2 clocks of 1250 ps = 12.8 GB/s).
 */
class DramBandwidthTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    @ParameterizedTest
    @CsvSource({"DDR4, 25.6e9", "LPDDR5, 12.8e9"})
    void sequentialReadsReachNinetyPercentOfPeak(String standard, double peak) {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName(standard)));
        assertEquals(peak, dram.peakBytesPerSecond(), peak * 1e-12);
        long total = 8L << 20;
        StreamLoad load = new StreamLoad(sim, dram, 4096, total, 8, false, total, null).start();
        sim.run();
        assertTrue(load.done());
        double achieved = total * 1e12 / load.lastCompletionPs();
        assertTrue(achieved >= 0.9 * peak, standard + ": " + achieved / 1e9 + " GB/s of " + peak / 1e9);
        // The run ends with the last completion, so the device's own figure is the same.
        assertEquals(achieved, dram.achievedBytesPerSecond(), achieved * 1e-9);
        // Every bank row (8 KB on DDR4, 2 KB on LPDDR5) is opened once; a refresh closes the (at most
        // one per bank group) rows in use, which then reopen: at most 4 more ACTs per refresh.
        long bankRows = total / dram.spec().organization().rowBytes();
        long opened = dram.rowMisses() + dram.rowConflicts();
        assertTrue(opened >= bankRows && opened <= bankRows + 4 * dram.refreshes(), "rows opened " + opened);
    }

    /** Writes stream the same way (tCCD_S between writes of different groups). */
    @ParameterizedTest
    @CsvSource({"DDR4, 25.6e9"})
    void sequentialWritesReachNinetyPercentOfPeak(String standard, double peak) {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName(standard)));
        long total = 4L << 20;
        StreamLoad load = new StreamLoad(sim, dram, 4096, total, 8, true, total, null).start();
        sim.run();
        assertTrue(load.done());
        double achieved = total * 1e12 / load.lastCompletionPs();
        assertTrue(achieved >= 0.9 * peak, standard + ": " + achieved / 1e9 + " GB/s of " + peak / 1e9);
    }
}

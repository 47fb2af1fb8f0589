package dev.lockstep.kpu.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.top.KpuConfig;
import org.junit.jupiter.api.Test;

class CostRatesTest {
    private static final CostRates MINIMAL = new CostRates(KpuConfig.load("minimal").hierarchy());

    @Test
    void largeTransfersDoNotWrapAround() {
        // minimal: external 50 B per 1000 ps = 50 GB/s (the DMA engine is faster), array clock 2000 ps.
        // 100 MB: 10^8 / (5 x 10^10) s = 2 x 10^9 ps = 1,000,000 array cycles. 10^8 x 10^12 does not fit a
        // long, which made this term wrap before.
        assertEquals(1_000_000, MINIMAL.externalCycles(100_000_000L, 0));
        // Either side of the long product's limit (9,223,372 bytes) the same rule: 9,000,000 B = 180 us
        // = 90,000 cycles; 10,000,000 B = 200 us = 100,000 cycles.
        assertEquals(90_000, MINIMAL.externalCycles(9_000_000L, 0));
        assertEquals(100_000, MINIMAL.externalCycles(10_000_000L, 0));
        // A 1 TB transfer (10^12 B): 20 s = 2 x 10^13 ps = 10^10 cycles.
        assertEquals(10_000_000_000L, MINIMAL.externalCycles(1_000_000_000_000L, 0));
    }

    @Test
    void picosecondsAreFlooredExactlyOnBothPaths() {
        // 7 B at 3 B/s = 2.333... s -> 2,333,333,333,333 ps; 10^7 B at 3 B/s = 3,333,333.33 s.
        assertEquals(2_333_333_333_333L, CostRates.picoseconds(7, 3));
        assertEquals(3_333_333_333_333_333_333L, CostRates.picoseconds(10_000_000L, 3));
    }
}

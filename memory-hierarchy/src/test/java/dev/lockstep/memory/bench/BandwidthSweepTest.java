package dev.lockstep.memory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.bench.BandwidthSweep.Engine;
import dev.lockstep.memory.bench.BandwidthSweep.Pattern;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import org.junit.jupiter.api.Test;

class BandwidthSweepTest {
    private final HierarchyConfig minimal = Presets.load("minimal");

    @Test
    void smallestPointsMatchHandDerivations() {
        // DMA, 64 B: external 60 + ceil(64 / 50) = 62 ns; L3 write at the first 500 MHz edge at or
        // after 62 ns (cycle 31) + 1 + 4 = cycle 36 = 72 ns.
        var dma = BandwidthSweep.run(minimal, Engine.DMA, Pattern.SEQUENTIAL, 64, 1);
        assertEquals(72_000, dma.simulatedPs());
        // Peak: min(DMA 64 B x 1 GHz, external 50 B x 1 GHz, L3 2 x 64 B x 500 MHz) = 50 GB/s.
        assertEquals(50e9, dma.peak(), 1);
        // Streamer, 64 B = 8 lanes x 2 elements: L2 latency 2, then 2 + 8 - 1 = 9 steps in cycles
        // 2..10; done in cycle 10 of 2000 ps.
        var str = BandwidthSweep.run(minimal, Engine.STREAMER, Pattern.SEQUENTIAL, 64, 1);
        assertEquals(20_000, str.simulatedPs());
        // BlockMover, 64 B = one burst: L3 read at cycle 0 + 1 + 4, L2 write + 1 + 2: cycle 8 = 16 ns.
        var bm = BandwidthSweep.run(minimal, Engine.BLOCK_MOVER, Pattern.SEQUENTIAL, 64, 1);
        assertEquals(16_000, bm.simulatedPs());
    }

    @Test
    void largeSequentialTransfersApproachButNeverExceedThePeak() {
        for (Engine e : Engine.values()) {
            var r = BandwidthSweep.run(minimal, e, Pattern.SEQUENTIAL, 256 << 10, 1);
            assertTrue(r.efficiency() >= 0.9 && r.efficiency() <= 1.0, e + " efficiency " + r.efficiency());
        }
    }

    @Test
    void sameSeedSameResult() {
        var a = BandwidthSweep.run(minimal, Engine.DMA, Pattern.RANDOM, 16 << 10, 7);
        var b = BandwidthSweep.run(minimal, Engine.DMA, Pattern.RANDOM, 16 << 10, 7);
        assertEquals(a.simulatedPs(), b.simulatedPs());
        assertEquals(a.events(), b.events());
    }
}

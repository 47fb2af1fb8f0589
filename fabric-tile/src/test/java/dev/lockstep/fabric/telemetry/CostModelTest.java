package dev.lockstep.fabric.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CostModelTest {
    // 100 MACs, 40 skipped: 60 active; 21 bytes read, 16 written, 2 broadcasts, 3 hits, 1 miss, 7 cycles.
    private static final KernelTelemetry T = new KernelTelemetry(100, 40, 21, 16, 2, 3, 1, 7);

    @Test
    void publishedCoefficients() {
        // 1 x 60 + 5 x 21 + 8 x 16 + 2 x 2 + 6 x 1 = 60 + 105 + 128 + 4 + 6 = 303 (tfmbs.md 5).
        assertEquals(303.0, CostModel.PUBLISHED.cost(T, false));
        // Fused: 303 x 0.7 = 212.1.
        assertEquals(212.1, CostModel.PUBLISHED.cost(T, true), 1e-9);
    }

    @Test
    void efficiencies() {
        assertEquals(60, T.activeOps());
        assertEquals(0.4, T.zeroSkipFraction());
        assertEquals(0.6, T.semanticEfficiency());
        // 60 / 303.
        assertEquals(60.0 / 303, CostModel.PUBLISHED.economicEfficiency(T, false));
        KernelTelemetry empty = new KernelTelemetry(0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(0, empty.semanticEfficiency());
        assertEquals(0, empty.zeroSkipFraction());
        assertEquals(0, CostModel.PUBLISHED.economicEfficiency(empty, false));
    }

    @Test
    void residencyAddsHitsMissesAndRepackWrites() {
        KernelTelemetry t = T.withResidency(2, 1, 205);
        assertEquals(new KernelTelemetry(100, 40, 21, 221, 2, 5, 2, 7), t);
        // The extra miss and 205 written bytes: 303 + 6 + 8 x 205 = 1949.
        assertEquals(1949.0, CostModel.PUBLISHED.cost(t, false));
    }

    @Test
    void peakGopsCountsAMacAsTwoOperations() {
        // tfmbs.md 6: 15 lanes x 250 MHz x 2 = 7.5; 60 lanes: 30; 1024 lanes: 512.
        assertEquals(7.5, Throughput.peakGops(15, 250e6), 1e-12);
        assertEquals(30.0, Throughput.peakGops(60, 250e6), 1e-12);
        assertEquals(512.0, Throughput.peakGops(1024, 250e6), 1e-12);
    }

    @Test
    void achievedGopsCountsSkippedMacs() {
        // 100 MACs in 7 cycles at 250 MHz: 200 ops in 28 ns = 7.142857 GOPS.
        assertEquals(200 / 28.0, Throughput.achievedGops(T, 250e6), 1e-12);
        assertEquals(0, Throughput.achievedGops(new KernelTelemetry(0, 0, 0, 0, 0, 0, 0, 0), 250e6));
    }

    @Test
    void inconsistentCountersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KernelTelemetry(1, 2, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new KernelTelemetry(1, 0, -1, 0, 0, 0, 0, 0));
    }
}

package dev.lockstep.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Check values of the small cases in the kernel benchmark reference (shared/reference/kernel-bench.md). */
class KernelBenchmarkCheckTest {
    @Test
    void holdP1000() {
        HoldBenchmark.Result r = HoldBenchmark.run(1000, 10_000, 200_000);
        assertEquals(210427L, r.lastPs());
        assertEquals(22134857861L, r.sumPs());
    }

    @Test
    void bareHeapHoldP1000() {
        // Same reference values: the yardstick must compute what the kernel computes.
        HoldBenchmark.Result r = BareHeapHold.run(1000, 10_000, 200_000);
        assertEquals(210427L, r.lastPs());
        assertEquals(22134857861L, r.sumPs());
    }

    @Test
    void ringOf7() {
        assertEquals(0x75afb5d60bb91f01L, ClockedRingBenchmark.run(7, 3, 5).xor());
    }

    @Test
    void ringOf1000() {
        assertEquals(0x07a4b09187605a30L, ClockedRingBenchmark.run(1000, 100, 1000).xor());
    }
}

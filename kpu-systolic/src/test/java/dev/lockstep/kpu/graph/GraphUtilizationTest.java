package dev.lockstep.kpu.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.KpuConfig;
import org.junit.jupiter.api.Test;

/** A graph's compute utilization is against the peak of all its compute tiles together. */
class GraphUtilizationTest {
    @Test
    void twoTilesCountTwiceThePeak() {
        // One 256^3 int8 matmul on minimal (8 x 8 arrays): 16,777,216 MACs. One tile needs at least
        // 16,777,216 / 64 = 262,144 cycles; two tiles, splitting the output tiles, at least half that.
        // A utilization above 1 would mean the peak counted one tile only.
        KernelGraph g = KernelGraph.builder("mm", DType.INT8)
                .input("a", 1, 256, 256).weight("b", 256, 256)
                .matmul("mm", "a", "b", "c")
                .build();
        KpuConfig one = KpuConfig.load("minimal");
        GraphResult r1 = new GraphRunner(one, DType.INT8).run(g, true);
        GraphResult r2 = new GraphRunner(one.withTiles(2), DType.INT8).run(g, true);
        assertEquals(16_777_216L, r1.macs());
        assertEquals(16_777_216L, r2.macs());
        assertTrue(r1.cycles() >= 262_144 && r2.cycles() >= 131_072, r1.cycles() + " / " + r2.cycles());
        // The two-tile run is compute bound on both tiles (docs/kpu-top.md: two tiles take 0.54 of one
        // tile's cycles), so both runs are busy most of the time against their own peak.
        assertTrue(r1.computeUtilization() > 0.9 && r1.computeUtilization() <= 1, "one tile " + r1.computeUtilization());
        assertTrue(r2.computeUtilization() > 0.8 && r2.computeUtilization() <= 1, "two tiles " + r2.computeUtilization());
    }
}

package dev.lockstep.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.compat.CompatMetrics;
import dev.lockstep.memory.config.Presets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** Roofs, ridges and points against hand computations and conventions.md's worked example. */
class RooflineTest {
    private static final double G = 1e9;

    // conventions.md: a 16x16 array at 2 GHz with 1 MAC = 2 ops: 16*16*2*2e9 = 1024 GOPS;
    // 4 channels x 16 GB/s = 64 GB/s: ridge at 1024 / 64 = 16 ops/byte.
    private static final Roofline KPU = new Roofline("16x16", "ops (1 MAC = 2 ops)", 16 * 16 * 2 * 2e9,
            List.of(new Roofline.Roof("DRAM", 4 * 16e9)), List.of());

    @Test
    void ridgeIsPeakOverBandwidth() {
        assertEquals(1024 * G, KPU.peakOpsPerSec());
        assertEquals(16.0, KPU.ridge(KPU.roofs().getFirst()));
    }

    @Test
    void roofLinesAtHandComputedPoints() {
        Roofline.Roof dram = KPU.roofs().getFirst();
        // Below the ridge the roof is bandwidth x intensity: 64 GB/s x 4 ops/B = 256 GOPS, x 0.5 = 32 GOPS.
        assertEquals(256 * G, KPU.attainable(dram, 4));
        assertEquals(32 * G, KPU.attainable(dram, 0.5));
        // At the ridge both give 1024; beyond it the compute roof holds: 1024 GOPS at 100 ops/B.
        assertEquals(1024 * G, KPU.attainable(dram, 16));
        assertEquals(1024 * G, KPU.attainable(dram, 100));
    }

    @Test
    void minimalPresetRoofs() {
        List<Roofline.Roof> roofs = MemoryRoofs.of(Presets.load("minimal"));
        // docs/memory.md, minimal: external 1 channel x 50 B/cycle at 1000 ps = 50 GB/s; L3 1 x 2 ports x
        // 64 B at 2000 ps = 64 GB/s; L2 4 x 2 x 64 / 2 ns = 256 GB/s; L1 64 x 2 x 64 / 2 ns = 4096 GB/s.
        assertEquals(List.of("DRAM", "L3", "L2", "L1"), roofs.stream().map(Roofline.Roof::level).toList());
        double[] gbps = roofs.stream().mapToDouble(r -> r.bytesPerSec() / G).toArray();
        assertEquals("[50.0, 64.0, 256.0, 4096.0]", Arrays.toString(Arrays.stream(gbps).map(v -> Math.round(v * 1e6) / 1e6).toArray()));
        assertEquals(500e6, MemoryRoofs.hertz(Presets.load("minimal"), "fabric"), 1e-3);
    }

    @Test
    void fabricPeakAndGemvPoint() {
        // 4 tiles x 15 lanes, 2 ternary ops per lane-cycle at 500 MHz: 60 x 2 x 5e8 = 60 GOPS.
        assertEquals(60 * G, FabricRoofline.peak(60, 500e6));
        // Dense GEMV 256x512 in the emulator model: 131,072 MACs, reads floor(131072/5) + floor(512/5) =
        // 26,214 + 102 = 26,316 B, writes 4 x 256 = 1,024 B, cycles floor(131072/60) = 2,184.
        CompatMetrics m = new CompatMetrics("GEMV", 131_072, 0, 26_316, 1_024, 0, 2, 0, 2_184, 60, 0);
        Roofline.Point p = FabricRoofline.point("gemv", m, 500e6);
        // 262,144 ops / 27,340 B = 9.5883 ops/B; 262,144 ops / (2,184 x 2 ns) = 60.015 GOPS.
        assertEquals(9.5883, p.intensity(), 1e-4);
        assertEquals(60.015, p.opsPerSec() / G, 1e-3);
    }

    @Test
    void kpuPeakAndCompulsoryTraffic() {
        // 16 x 16 MACs x 2 ops x 500 MHz = 256 GOPS; with DRAM at 50 GB/s the ridge is 256 / 50 = 5.12.
        assertEquals(256 * G, KpuRoofline.peak(16, 16, 500e6));
        // GEMV 1x768x768, int8 in, int32 out: bytes 768 + 768 x 768 + 4 x 768 = 768 + 589,824 + 3,072 =
        // 593,664; ops 2 x 589,824 = 1,179,648; intensity 1.98707 ops/byte.
        var plan = new dev.lockstep.kpu.systolic.FoldPlan(16, 16, dev.lockstep.kpu.systolic.Dataflow.WS,
                dev.lockstep.kpu.systolic.Overlap.NATIVE, 1, 768, 768);
        Roofline.Point p = KpuRoofline.point("gemv", plan, 1, 4, 500e6);
        assertEquals(593_664, p.bytes());
        assertEquals(1_179_648, p.ops());
        assertEquals(1.98707, p.intensity(), 1e-5);
    }

    @Test
    void badRoofsAndPointsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Roofline.Roof("DRAM", 0));
        assertThrows(IllegalArgumentException.class, () -> new Roofline.Point("k", 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Roofline("t", "ops", 1, List.of(), List.of()));
    }

    @Test
    void chartHasLogAxesWithTheConventionalLabelsAndRendersDeterministically() {
        Roofline r = KPU.withPoints(List.of(new Roofline.Point("matmul", 2e9, 1e8, 0.01)));
        JFreeChart chart = RooflineChart.chart(r);
        XYPlot plot = chart.getXYPlot();
        assertTrue(plot.getDomainAxis() instanceof LogAxis);
        assertTrue(plot.getRangeAxis() instanceof LogAxis);
        assertEquals("Arithmetic intensity (ops/byte)", plot.getDomainAxis().getLabel());
        assertEquals("Performance (GOPS)", plot.getRangeAxis().getLabel());
        String svg = ChartRender.svg(chart, 800, 500);
        assertEquals(svg, ChartRender.svg(RooflineChart.chart(r), 800, 500));
        assertTrue(svg.contains("1 MAC = 2 ops"), "the subtitle says how ops are counted");
        assertTrue(svg.contains("DRAM ridge 16"));
        assertTrue(svg.contains("matmul"));
        byte[] png = ChartRender.png(chart, 800, 500);
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
    }
}

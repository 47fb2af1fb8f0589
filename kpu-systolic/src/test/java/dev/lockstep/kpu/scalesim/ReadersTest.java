package dev.lockstep.kpu.scalesim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .cfg and topology formats of conventions.md, and the one-line errors for files that break them. */
class ReadersTest {
    private static final List<String> CFG = List.of(
            "[general]",
            "run_name = alexnet_run",
            "",
            "[architecture_presets]",
            "ArrayHeight:    16",
            "ArrayWidth :    8",
            "IfmapSramSzkB:   64",
            "FilterSramSzkB:  32",
            "OfmapSramSzkB:   16",
            "IfmapOffset:    0",
            "FilterOffset:   10000000",
            "OfmapOffset:    20000000",
            "Dataflow : ws",
            "Bandwidth : 10",
            "MemoryBanks: 1",
            "",
            "# comment lines are skipped",
            "[run_presets]",
            "InterfaceBandwidth: CALC");

    private static List<String> cfgWith(int index, String line) {
        List<String> l = new java.util.ArrayList<>(CFG);
        l.set(index, line);
        return l;
    }

    private static void assertCfgError(List<String> lines, String mustContain) {
        ScaleSimFormatException e = assertThrows(ScaleSimFormatException.class,
                () -> ScaleSimConfigReader.parse("x.cfg", lines));
        assertTrue(e.getMessage().startsWith("x.cfg"), e.getMessage());
        assertTrue(e.getMessage().contains(mustContain), () -> e.getMessage() + " should contain " + mustContain);
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void readsEveryKeyInBothSpellings() {
        ScaleSimConfig c = ScaleSimConfigReader.parse("x.cfg", CFG);
        assertEquals("alexnet_run", c.runName());
        assertEquals(16, c.arrayHeight());
        assertEquals(8, c.arrayWidth());
        assertEquals(64, c.ifmapSramKb());
        assertEquals(32, c.filterSramKb());
        assertEquals(16, c.ofmapSramKb());
        assertEquals(0, c.ifmapOffset());
        assertEquals(10000000, c.filterOffset());
        assertEquals(20000000, c.ofmapOffset());
        assertEquals(ScaleSimDataflow.WS, c.dataflow());
        assertEquals(List.of(10L), c.bandwidths());
        assertEquals(1, c.memoryBanks());
        assertEquals(false, c.userBandwidth());
    }

    @Test
    void keysAreCaseInsensitiveLikeConfigparser() {
        ScaleSimConfig c = ScaleSimConfigReader.parse("x.cfg", cfgWith(4, "arrayheight = 4"));
        assertEquals(4, c.arrayHeight());
    }

    @Test
    void configErrorsNameLineAndKey() {
        assertCfgError(cfgWith(4, "ArrayHeight: 0"), "x.cfg:5: ArrayHeight 0 must be >= 1");
        assertCfgError(cfgWith(4, "ArrayHeight: 3x"), "x.cfg:5: ArrayHeight '3x' is not an integer");
        assertCfgError(cfgWith(12, "Dataflow: rs"), "x.cfg:13: Dataflow 'rs': allowed os, ws, is");
        assertCfgError(cfgWith(4, "ArrayHieght: 4"), "x.cfg:5: unknown key 'ArrayHieght' in [architecture_presets]");
        assertCfgError(cfgWith(4, "ArrayWidth: 4"), "x.cfg:6: key 'ArrayWidth' appears twice");
        assertCfgError(cfgWith(4, "just words"), "x.cfg:5: expected 'Key: value'");
        assertCfgError(cfgWith(3, "[sparsity]"), "x.cfg:4: unknown section [sparsity]");
        assertCfgError(cfgWith(18, "InterfaceBandwidth: calc"), "x.cfg:19: InterfaceBandwidth 'calc': allowed CALC or USER");
        assertCfgError(cfgWith(4, "# ArrayHeight removed"), "x.cfg: missing key ArrayHeight in [architecture_presets]");
        assertCfgError(cfgWith(1, "run_name = a/b"), "x.cfg:2: run_name 'a/b' must name one directory");
        assertCfgError(cfgWith(0, "run_name = r"), "x.cfg:1: 'run_name = r' comes before any [section] header");
    }

    @Test
    void convRowsWithAndWithoutTrailingComma() {
        List<TopologyLayer> layers = TopologyReader.parse("t.csv", List.of(
                "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,",
                "Conv1, 227, 227, 11, 11, 3, 96, 4,",
                "",
                "Conv2,31,31,5,5,96,256,1",
                "  Odd , 20, 21, 3, 5, 4, 8, 2, 3,  "), TopologyReader.Kind.CONV);
        assertEquals(List.of(
                new TopologyLayer("Conv1", 227, 227, 11, 11, 3, 96, 4, 4),
                new TopologyLayer("Conv2", 31, 31, 5, 5, 96, 256, 1, 1),
                new TopologyLayer("Odd", 20, 21, 3, 5, 4, 8, 2, 3)), layers);
    }

    @Test
    void gemmRowsBecomeTheConvolutionScaleSimUses() {
        List<TopologyLayer> layers = TopologyReader.parse("g.csv", List.of(
                "Layer Name, M, N, K,", "fc1, 64, 100, 50,", "fc2,8,9,10"), TopologyReader.Kind.GEMM);
        // SCALE-Sim v2 reads M, N, K as ifmap M x K, filter 1 x K, 1 channel, N filters, stride 1.
        assertEquals(new TopologyLayer("fc1", 64, 50, 1, 50, 1, 100, 1, 1), layers.get(0));
        assertEquals(new TopologyLayer("fc2", 8, 10, 1, 10, 1, 9, 1, 1), layers.get(1));
    }

    @Test
    void depthwiseLayersSplitPerChannel() {
        List<TopologyLayer> layers = TopologyReader.parse("t.csv", List.of("h,", "Conv_DP1, 10, 10, 3, 3, 3, 1, 1,"),
                TopologyReader.Kind.CONV);
        assertEquals(3, layers.size());
        assertEquals(new TopologyLayer("Conv_DP1Channel_2", 10, 10, 3, 3, 1, 1, 1, 1), layers.get(2));
    }

    private static void assertTopoError(List<String> lines, TopologyReader.Kind kind, String mustContain) {
        ScaleSimFormatException e = assertThrows(ScaleSimFormatException.class, () -> TopologyReader.parse("t.csv", lines, kind));
        assertTrue(e.getMessage().contains(mustContain), () -> e.getMessage() + " should contain " + mustContain);
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void topologyErrorsNameLineAndField() {
        String h = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,";
        TopologyReader.Kind conv = TopologyReader.Kind.CONV;
        assertTopoError(List.of(h, "c, 10, 10, 3, 3, 3, 8,"), conv, "t.csv:2: expected 8 or 9 fields");
        assertTopoError(List.of(h, "a, 10, 10, 3, 3, 3, 8, 1,", "c, 10, ten, 3, 3, 3, 8, 1,"), conv,
                "t.csv:3: field 3 (IFMAP Width): 'ten' is not an integer");
        assertTopoError(List.of(h, "c, 10, 10, 3, 3, 3, 8, 0,"), conv, "t.csv:2: field 8 (Strides): must be >= 1, got 0");
        assertTopoError(List.of(h, "c, 10, 10, 11, 3, 3, 8, 1,"), conv,
                "t.csv:2: field 4 (Filter Height): Filter Height 11 is larger than IFMAP Height 10");
        assertTopoError(List.of(h, ", 10, 10, 3, 3, 3, 8, 1,"), conv, "t.csv:2: field 1 (Layer name): empty layer name");
        assertTopoError(List.of("c, 10, 10, 3, 3, 3, 8, 1,"), conv, "t.csv:1: line 1 looks like a layer");
        assertTopoError(List.of(h), conv, "t.csv: no layers");
        assertTopoError(List.of("Layer Name, M, N, K,", "fc, 1, 2,"), TopologyReader.Kind.GEMM,
                "t.csv:2: expected 4 fields (Layer Name, M, N, K), got 3");
    }

    @Test
    void builtInExamplesLoad() {
        ScaleSimConfig c = ScaleSimExamples.config();
        assertEquals("lockstep_32x32_os", c.runName());
        assertEquals(32, c.arrayHeight());
        assertEquals(32, c.arrayWidth());
        assertEquals(ScaleSimDataflow.OS, c.dataflow());
        // AlexNet as docs/scalesim.md derives it: padding folded into the IFMAP, no groups.
        assertEquals(List.of(
                new TopologyLayer("Conv1", 227, 227, 11, 11, 3, 96, 4, 4),
                new TopologyLayer("Conv2", 31, 31, 5, 5, 96, 256, 1, 1),
                new TopologyLayer("Conv3", 15, 15, 3, 3, 256, 384, 1, 1),
                new TopologyLayer("Conv4", 15, 15, 3, 3, 384, 384, 1, 1),
                new TopologyLayer("Conv5", 15, 15, 3, 3, 384, 256, 1, 1)), ScaleSimExamples.alexnet());
        assertEquals(List.of(TopologyLayer.gemm("square_512", 512, 512, 512),
                TopologyLayer.gemm("tall_skinny", 4096, 64, 256)), ScaleSimExamples.gemm());
    }
}

package dev.lockstep.memory.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.MemoryHierarchy;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresetsTest {
    private static HierarchyConfig read(String yaml) {
        return ConfigReader.read(yaml, ConfigReader.Format.YAML, "test.yaml", HierarchyConfig.class);
    }

    private static String minimalWith(String from, String to) {
        String text = Presets.text("minimal");
        assertTrue(text.contains(from), "preset text has " + from);
        return text.replace(from, to);
    }

    @Test
    void presetsCarryTheReferenceSizes() {
        // kpu.md 3.1: counts and sizes per preset.
        HierarchyConfig m = Presets.load("minimal");
        assertEquals(1, m.external().count());
        assertEquals(256, m.external().mb());
        assertEquals(64, m.l1().count());
        HierarchyConfig e = Presets.load("edge_ai");
        assertEquals(16, e.l2().count());
        assertEquals(64, e.l2().kb());
        HierarchyConfig b = Presets.load("embodied_ai");
        assertEquals(12288, b.l1().count());
        assertEquals(8, b.dma().count());
        HierarchyConfig d = Presets.load("datacenter");
        assertEquals(6, d.external().count());
        assertEquals(4096, d.external().mb());
        // The reference names HBM3 for this preset's external memory: one HBM3-6400 stack per channel,
        // 32 pseudo-channels x 32 B bursts every 2 clocks of 625 ps = 819.2 GB/s (the reference's "800").
        assertEquals("dram", d.external().kind());
        assertEquals("HBM3_6400", d.external().dramPreset());
        assertEquals(819.2e9, d.external().dramSpec().peakBytesPerSecond(), 1);
        assertEquals(1024, d.streamer().count());
        assertEquals(32, d.streamer().lanes());
    }

    @Test
    void closedFormEstimatesTakeTheExternalPeakAndLatencyOfEitherModel() {
        // minimal, simple: 50 B per 1000 ps clock = 50 GB/s a channel; 60 clocks = 60,000 ps.
        OffChipConfig simple = Presets.load("minimal").external();
        assertEquals(2 * 50e9, simple.peakBytesPerSecond(2, 1000), 1);
        assertEquals(60_000, simple.latencyPs(1000));
        // datacenter, HBM3-6400 (docs/dram.md table): 6 stacks x 819.2 GB/s, whatever the clock given;
        // a read to an idle bank: tRCD 23 + CL 23 + BL8 at 4 transfers a clock 2 = 48 clocks of 625 ps.
        OffChipConfig dram = Presets.load("datacenter").external();
        assertEquals(6 * 819.2e9, dram.peakBytesPerSecond(6, 1000), 1);
        assertEquals(48 * 625, dram.latencyPs(1000));
    }

    @Test
    void datacenterHostEndsExactlyWhereExternalBegins() {
        // 4 host regions x 16 GiB from base 0 end at 64 GiB = 0x10_0000_0000, the external base:
        // adjacent, not overlapping (the reference's implicit 4 KiB guard made them overlap).
        HierarchyConfig d = Presets.load("datacenter");
        var spans = d.spans();
        assertEquals(0x10_0000_0000L, spans.get(3).end());
        assertEquals(0x10_0000_0000L, spans.get(4).base());
        assertEquals("external", spans.get(4).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "edge_ai", "embodied_ai"})
    void presetsBuild(String name) {
        HierarchyConfig c = Presets.load(name);
        MemoryHierarchy h = MemoryHierarchy.build(c, new Simulation(), TransactionLog.none());
        assertEquals(c.dma().count(), h.dmas().size());
        assertEquals(c.streamer().count(), h.streamers().size());
        int regions = c.host().count() + 1 + c.l3().count() + c.l2().count() + c.l1().count();
        assertEquals(regions, h.map().regions().size());
    }

    @Test
    void unknownClockIsNamedWithTheAllowedOnes() {
        var e = assertThrows(ConfigException.class, () -> read(minimalWith("l3:                         # 1 tiles x 64 KiB\n  base: 0x2000000000\n  count: 1\n  kb: 64\n  clock: fabric",
                "l3:\n  base: 0x2000000000\n  count: 1\n  kb: 64\n  clock: noc")));
        assertEquals("l3.clock", e.path());
        assertTrue(e.getMessage().contains("'noc' is not a clock, allowed host, external, dma, fabric"), e.getMessage());
    }

    @Test
    void overlappingRegionsNameBoth() {
        // L2 moved into L3's range: l3.0 is [0x20_0000_0000, +64 KiB), l2.0 starts 32 KiB into it.
        var e = assertThrows(ConfigException.class, () -> read(minimalWith("base: 0x3000000000", "base: 0x2000008000")));
        assertTrue(e.getMessage().contains("region l3.0 [0x2000000000, 0x2000010000) overlaps region l2.0 [0x2000008000, 0x2000010000)"),
                e.getMessage());
    }

    @Test
    void badValuesNamePathValueAndAllowed() {
        var kind = assertThrows(ConfigException.class, () -> read(minimalWith("kind: simple\n  base: 0x1000000000", "kind: sram\n  base: 0x1000000000")));
        assertTrue(kind.getMessage().contains("external.kind: value 'sram' is not a memory model, allowed simple, dram"), kind.getMessage());
        var ports = assertThrows(ConfigException.class, () -> read(minimalWith("ports: 2", "ports: 0")));
        assertTrue(ports.getMessage().contains("l3.ports: value 0 is out of range, allowed 1..64"), ports.getMessage());
        var unknown = assertThrows(ConfigException.class, () -> read(minimalWith("fifo_depth: 4", "fifo_depth: 4\n  skew: 1")));
        assertTrue(unknown.getMessage().contains("streamer.skew: unknown key"), unknown.getMessage());
        var noPreset = assertThrows(ConfigException.class, () -> read(minimalWith("kind: simple\n  base: 0x1000000000", "kind: dram\n  base: 0x1000000000")));
        assertTrue(noPreset.getMessage().contains("external.dram_preset"), noPreset.getMessage());
        var unknownPreset = assertThrows(ConfigException.class, () -> Presets.load("huge"));
        assertTrue(unknownPreset.getMessage().contains("allowed minimal, edge_ai, embodied_ai, datacenter"), unknownPreset.getMessage());
    }

    @Test
    void dramKindBuildsDramChannelsOnTheirOwnClock() {
        // DDR4-3200 runs at tCK 625 ps; the preset's external clock is 1000 ps, so it is refused...
        String dram = "kind: dram\n  dram_preset: DDR4_3200\n  base: 0x1000000000";
        String simple = "kind: simple\n  base: 0x1000000000";
        String timing = "  bytes_per_cycle: 50\n  latency_cycles: 60\n";
        var clock = assertThrows(ConfigException.class, () -> read(minimalWith(simple, dram).replace(timing, "")));
        assertEquals("external.clock", clock.path());
        assertTrue(clock.getMessage().contains("runs at tCK 625 ps"), clock.getMessage());
        // ... and so are the simple model's timing keys.
        var keys = assertThrows(ConfigException.class, () -> read(minimalWith(simple, dram)));
        assertEquals("external.bytes_per_cycle", keys.path());
        var unknown = assertThrows(ConfigException.class, () -> read(minimalWith(simple, "kind: dram\n  dram_preset: DDR9\n  base: 0x1000000000").replace(timing, "")));
        assertTrue(unknown.getMessage().contains("unknown DRAM preset 'DDR9', allowed: DDR4_2400, DDR4_3200"), unknown.getMessage());
        HierarchyConfig c = read(minimalWith(simple, dram).replace(timing, "").replace("{name: external, period_ps: 1000}", "{name: external, period_ps: 625}"));
        MemoryHierarchy h = MemoryHierarchy.build(c, new Simulation(), TransactionLog.none());
        assertEquals(1, h.drams().size());
        assertEquals("external.ch0", h.drams().get(0).name());
    }
}

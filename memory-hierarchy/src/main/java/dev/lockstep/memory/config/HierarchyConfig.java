package dev.lockstep.memory.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ClockConfig;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.Defaulted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The memory hierarchy of a KPU: clocks, host and external memory, L3 / L2 / L1, DMA engines,
 * BlockMovers and Streamers. Every component names its clock; every region class has an explicit
 * base. Checked as a whole when built: clock names unique and known, and no two regions overlap
 * (the message names both); an external DRAM's clock has the period of its preset's tCK.
 * {@code compute_tiles} is optional (1 when left out): the hierarchy feeds that many compute tiles.
 */
public record HierarchyConfig(
        String name,
        List<ClockConfig> clocks,
        OffChipConfig host,
        OffChipConfig external,
        SramConfig l3,
        SramConfig l2,
        SramConfig l1,
        EngineConfig dma,
        @JsonProperty("block_mover") EngineConfig blockMover,
        StreamerConfig streamer,
        @JsonProperty("compute_tiles") @Defaulted Integer computeTiles) {

    /** One region as laid out: its name, first address and size. */
    public record Span(String name, long base, long bytes) {
        public long end() {
            return base + bytes;
        }
    }

    public HierarchyConfig {
        Check.notBlank("name", name);
        Check.present("clocks", clocks);
        Check.present("host", host);
        Check.present("external", external);
        Check.present("l3", l3);
        Check.present("l2", l2);
        Check.present("l1", l1);
        Check.present("dma", dma);
        Check.present("block_mover", blockMover);
        Check.present("streamer", streamer);
        if (computeTiles == null) {
            computeTiles = 1;
        } else if (computeTiles < 1) {
            throw new ConfigException("compute_tiles", "value " + computeTiles + " is out of range, allowed >= 1");
        }
        clocks = List.copyOf(clocks);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < clocks.size(); i++) {
            if (!names.add(clocks.get(i).name())) {
                throw new ConfigException("clocks[" + i + "].name", "value '" + clocks.get(i).name() + "' is used twice, allowed unique names");
            }
        }
        clock(names, "host.clock", host.clock());
        clock(names, "external.clock", external.clock());
        clock(names, "l3.clock", l3.clock());
        clock(names, "l2.clock", l2.clock());
        clock(names, "l1.clock", l1.clock());
        clock(names, "dma.clock", dma.clock());
        clock(names, "block_mover.clock", blockMover.clock());
        clock(names, "streamer.clock", streamer.clock());
        if (!OffChipConfig.SIMPLE.equals(host.kind())) {
            throw new ConfigException("host.kind", "value '" + host.kind() + "' is not available for host memory, allowed simple");
        }
        if (host.interleaveBytes() != null) {
            throw new ConfigException("host.interleave_bytes", "host regions have one channel each, allowed: leave it out");
        }
        if (external.interleaveBytes() == null) {
            throw new ConfigException("external.interleave_bytes", "missing, a value is required");
        }
        if (OffChipConfig.DRAM.equals(external.kind())) {
            dramClock(clocks, external);
        }
        checkOverlaps(spans(host, external, l3, l2, l1));
    }

    /** A DRAM runs on its preset's command clock; the configuration names that clock, so it must match. */
    private static void dramClock(List<ClockConfig> clocks, OffChipConfig external) {
        long tCk = external.dramSpec().timing().tCkPs();
        for (ClockConfig c : clocks) {
            if (c.name().equals(external.clock()) && c.periodPs() != tCk) {
                throw new ConfigException("external.clock", "clock '" + c.name() + "' has period_ps " + c.periodPs()
                        + " but " + external.dramPreset() + " runs at tCK " + tCk + " ps, allowed a clock of period_ps " + tCk);
            }
        }
    }

    private static void clock(Set<String> names, String path, String name) {
        if (!names.contains(name)) {
            throw new ConfigException(path, "value '" + name + "' is not a clock, allowed " + String.join(", ", names));
        }
    }

    /** Every region in configuration order: host.0.., external, l3.0.., l2.0.., l1.0... */
    public List<Span> spans() {
        return spans(host, external, l3, l2, l1);
    }

    private static List<Span> spans(OffChipConfig host, OffChipConfig external, SramConfig l3, SramConfig l2, SramConfig l1) {
        List<Span> out = new ArrayList<>();
        for (int i = 0; i < host.count(); i++) {
            out.add(new Span("host." + i, host.base() + i * host.bytes(), host.bytes()));
        }
        out.add(new Span("external", external.base(), external.count() * external.bytes()));
        sram(out, "l3", l3);
        sram(out, "l2", l2);
        sram(out, "l1", l1);
        return out;
    }

    private static void sram(List<Span> out, String label, SramConfig c) {
        for (int i = 0; i < c.count(); i++) {
            out.add(new Span(label + "." + i, c.base() + i * c.bytes(), c.bytes()));
        }
    }

    private static void checkOverlaps(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::base));
        for (int i = 1; i < sorted.size(); i++) {
            Span a = sorted.get(i - 1);
            Span b = sorted.get(i);
            if (b.base() < a.end()) {
                throw new ConfigException("address map", String.format(
                        "region %s [0x%x, 0x%x) overlaps region %s [0x%x, 0x%x), allowed disjoint regions (move a base)",
                        a.name(), a.base(), a.end(), b.name(), b.base(), b.end()));
            }
        }
    }
}

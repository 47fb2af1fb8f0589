package dev.lockstep.memory;

import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.OffChipConfig;
import dev.lockstep.memory.config.SramConfig;
import dev.lockstep.memory.engine.BlockMover;
import dev.lockstep.memory.engine.DmaEngine;
import dev.lockstep.memory.engine.Streamer;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.Channel;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ClockConfig;
import dev.lockstep.sim.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A KPU memory hierarchy built from a {@link HierarchyConfig} into a simulation: its clock domains,
 * the address map with every region and its timing, and the DMA engines, BlockMovers and Streamers.
 * Component names (also their statistics prefixes): {@code host.i}, {@code external.ch<i>}, {@code
 * l3.i}, {@code l2.i}, {@code l1.i}, {@code dma.i}, {@code bm.i}, {@code str.i}.
 */
public final class MemoryHierarchy {
    private final HierarchyConfig config;
    private final Simulation sim;
    private final Map<String, ClockDomain> clocks = new LinkedHashMap<>();
    private final AddressMap map;
    private final List<DmaEngine> dmas = new ArrayList<>();
    private final List<BlockMover> movers = new ArrayList<>();
    private final List<Streamer> streamers = new ArrayList<>();
    private final List<ExternalMemory> externalChannels = new ArrayList<>();

    private MemoryHierarchy(HierarchyConfig config, Simulation sim, TransactionLog log, ExternalMemoryFactory dram) {
        this.config = config;
        this.sim = sim;
        for (ClockConfig c : config.clocks()) {
            clocks.put(c.name(), sim.add(c.toDomain()));
        }
        List<Region> regions = new ArrayList<>();
        OffChipConfig host = config.host();
        for (int i = 0; i < host.count(); i++) {
            String name = "host." + i;
            ExternalMemory m = new SimpleMemory(name, clock(host.clock()), host.latencyCycles(), host.bytesPerCycle(), 1, host.queueDepth());
            regions.add(new Region(name, RegionKind.HOST, i, host.base() + i * host.bytes(), host.bytes(), new ExternalMemory[] {m}, host.bytes()));
        }
        OffChipConfig ext = config.external();
        ExternalMemory[] channels = new ExternalMemory[ext.count()];
        for (int i = 0; i < channels.length; i++) {
            String name = "external.ch" + i;
            if (OffChipConfig.SIMPLE.equals(ext.kind())) {
                channels[i] = new SimpleMemory(name, clock(ext.clock()), ext.latencyCycles(), ext.bytesPerCycle(), 1, ext.queueDepth());
            } else if (dram == null) {
                throw new ConfigException("external.kind", "value 'dram' needs the DRAM model, which this build does not provide; allowed here: simple");
            } else {
                channels[i] = dram.create(name, clock(ext.clock()), ext, i);
            }
            externalChannels.add(channels[i]);
        }
        regions.add(new Region("external", RegionKind.EXTERNAL, 0, ext.base(), ext.count() * ext.bytes(), channels, ext.interleaveBytes()));
        sram(regions, RegionKind.L3, config.l3());
        sram(regions, RegionKind.L2, config.l2());
        sram(regions, RegionKind.L1, config.l1());
        this.map = new AddressMap(regions);
        var d = config.dma();
        for (int i = 0; i < d.count(); i++) {
            dmas.add(new DmaEngine("dma." + i, clock(d.clock()), map, d.bytesPerCycle(), d.burstBytes(), d.outstanding(), log));
        }
        var b = config.blockMover();
        for (int i = 0; i < b.count(); i++) {
            movers.add(new BlockMover("bm." + i, clock(b.clock()), map, b.bytesPerCycle(), b.burstBytes(), b.outstanding(), log));
        }
        var s = config.streamer();
        for (int i = 0; i < s.count(); i++) {
            streamers.add(new Streamer("str." + i, clock(s.clock()), map, log));
        }
    }

    /** Builds the hierarchy; {@code kind: dram} is refused (no DRAM model given). */
    public static MemoryHierarchy build(HierarchyConfig config, Simulation sim, TransactionLog log) {
        return new MemoryHierarchy(config, sim, log, null);
    }

    /** Builds the hierarchy, making external channels of {@code kind: dram} with {@code dram}. */
    public static MemoryHierarchy build(HierarchyConfig config, Simulation sim, TransactionLog log, ExternalMemoryFactory dram) {
        return new MemoryHierarchy(config, sim, log, dram);
    }

    private void sram(List<Region> regions, RegionKind kind, SramConfig c) {
        for (int i = 0; i < c.count(); i++) {
            String name = kind.label() + "." + i;
            ExternalMemory m = new SimpleMemory(name, clock(c.clock()), c.latencyCycles(), c.bytesPerCycle(), c.ports(), c.queueDepth());
            regions.add(new Region(name, kind, i, c.base() + i * c.bytes(), c.bytes(), new ExternalMemory[] {m}, c.bytes()));
        }
    }

    public HierarchyConfig config() {
        return config;
    }

    public Simulation simulation() {
        return sim;
    }

    public AddressMap map() {
        return map;
    }

    public ClockDomain clock(String name) {
        ClockDomain c = clocks.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no clock named " + name);
        }
        return c;
    }

    public List<DmaEngine> dmas() {
        return List.copyOf(dmas);
    }

    public List<BlockMover> blockMovers() {
        return List.copyOf(movers);
    }

    public List<Streamer> streamers() {
        return List.copyOf(streamers);
    }

    /** The external memory's channels, in interleave order. */
    public List<ExternalMemory> externalChannels() {
        return List.copyOf(externalChannels);
    }

    /** Base address of region {@code index} of a kind. */
    public long base(RegionKind kind, int index) {
        return map.regions(kind).get(index).base();
    }

    /** Peak of all external channels together, bytes per second. */
    public double externalPeakBytesPerSecond() {
        return externalChannels.stream().mapToDouble(ExternalMemory::peakBytesPerSecond).sum();
    }

    /**
     * {@code lanes} L1 FIFOs in the streamers' clock, each {@code fifo_depth} elements deep and one
     * element wide, named {@code name.<lane>}: what a Streamer feeds and the array reads (or the
     * array fills and a drain empties).
     */
    public Channel[] newL1Fifos(String name, int lanes, int elementBytes) {
        ClockDomain c = clock(config.streamer().clock());
        Channel[] out = new Channel[lanes];
        for (int i = 0; i < lanes; i++) {
            out[i] = new Channel(c, name + "." + i, 1, elementBytes, config.streamer().fifoDepth());
        }
        return out;
    }
}

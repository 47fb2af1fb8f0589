package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.OffChipConfig;
import dev.lockstep.memory.config.SramConfig;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Transaction-level timing of DMA and BlockMover instructions, for runs too big for the burst
 * engines ({@code --memory flow}). A transfer of B bytes moves at the slowest of its engine, its
 * source memory and its destination memory (ports x bytes per cycle; external memory as all its
 * channels together); each memory serves one transfer at a time, so transfers that share one follow
 * each other, and every transfer adds the source's and the destination's latency once (the burst
 * engines pipeline the rows of a strided block, so its rows do not add a latency each); a BM_DEQUANT
 * streams the larger of what it reads and writes. No bytes are copied. Not cycle-exact
 * against the burst engines: docs/kpu-top.md gives the measured difference.
 */
final class FlowMemory {
    private record Level(double bytesPerPs, long latencyPs) {}

    private final AddressMap map;
    private final HierarchyConfig h;
    private final Map<Region, long[]> freeAt = new IdentityHashMap<>();
    private final Map<Region, Level> levels = new IdentityHashMap<>();
    private final double dmaBytesPerPs;
    private final double moverBytesPerPs;

    FlowMemory(HierarchyConfig h, AddressMap map) {
        this.h = h;
        this.map = map;
        this.dmaBytesPerPs = (double) h.dma().bytesPerCycle() / period(h.dma().clock());
        this.moverBytesPerPs = (double) h.blockMover().bytesPerCycle() / period(h.blockMover().clock());
    }

    /** When an instruction issued at {@code nowPs} completes; books its memories until then. */
    long complete(Instruction in, long nowPs) {
        Region src = map.regionOf(in.src(), 1);
        Region dst = map.regionOf(in.dst(), 1);
        Level s = level(src);
        Level d = level(dst);
        boolean dma = in.op() == Op.DMA_LOAD || in.op() == Op.DMA_STORE;
        double rate = Math.min(dma ? dmaBytesPerPs : moverBytesPerPs, Math.min(s.bytesPerPs(), d.bytesPerPs()));
        long occupancy = (long) Math.ceil(in.streamedBytes() / rate);
        long[] sf = freeAt.computeIfAbsent(src, r -> new long[1]);
        long[] df = freeAt.computeIfAbsent(dst, r -> new long[1]);
        long start = Math.max(nowPs, Math.max(sf[0], df[0]));
        sf[0] = start + occupancy;
        df[0] = start + occupancy;
        return start + occupancy + s.latencyPs() + d.latencyPs();
    }

    private Level level(Region r) {
        return levels.computeIfAbsent(r, x -> switch (x.kind()) {
            case HOST -> offChip(h.host(), 1);
            case EXTERNAL -> offChip(h.external(), h.external().count());
            case L3 -> sram(h.l3());
            case L2 -> sram(h.l2());
            case L1 -> sram(h.l1());
        });
    }

    private Level offChip(OffChipConfig c, int channels) {
        long p = period(c.clock());
        return new Level(c.peakBytesPerSecond(channels, p) / 1e12, c.latencyPs(p));
    }

    private Level sram(SramConfig c) {
        long p = period(c.clock());
        return new Level((double) c.ports() * c.bytesPerCycle() / p, c.latencyCycles() * p);
    }

    private long period(String clock) {
        return h.clocks().stream().filter(c -> c.name().equals(clock)).findFirst().orElseThrow().periodPs();
    }
}

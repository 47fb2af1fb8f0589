package dev.lockstep.memory.engine;

import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.ClockDomain;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A DMA engine: runs descriptor chains in submission order, at its configured bytes per cycle and
 * clock, as bursts spread over the memory channels the addresses interleave to. Descriptors are
 * pipelined: the next one's bursts are issued behind the previous one's without waiting for them to
 * land (up to the engine's bursts in flight), so a chain of row descriptors pays the memory latency
 * once. Endpoints may be host memory, external memory or L3 tiles (kpu.md 1.1); L2 and L1
 * are reached through the BlockMover and the Streamer, so a descriptor touching them is refused at
 * submission. A chain's listener is called when its last descriptor's last byte is written.
 *
 * <p>Each descriptor is traced as a transaction of kind {@code dma} (issue and completion in cycles
 * of the engine's clock).
 */
public final class DmaEngine {
    private record Chain(List<DmaDescriptor> steps, CompletionListener listener, long token) {}

    private final String name;
    private final ClockDomain clock;
    private final AddressMap map;
    private final TransactionLog log;
    private final EngineStats stats;
    private final BurstPipeline pipeline;
    private final Copier copier = new Copier();
    // Chains submitted and not yet finished; the head's descriptors [0, step) have completed.
    private final ArrayDeque<Chain> queue = new ArrayDeque<>();
    private int step;

    public DmaEngine(String name, ClockDomain clock, AddressMap map, int bytesPerCycle, int burstBytes,
                     int maxOutstanding, TransactionLog log) {
        this.name = name;
        this.clock = clock;
        this.map = map;
        this.log = log;
        this.stats = new EngineStats(name, clock);
        this.pipeline = new BurstPipeline(clock, map, bytesPerCycle, burstBytes, maxOutstanding, stats, this::stepDone);
    }

    public String name() {
        return name;
    }

    public ClockDomain clock() {
        return clock;
    }

    public EngineStats stats() {
        return stats;
    }

    /** Queues a chain; every descriptor is checked now, so a bad chain never starts. */
    public void submit(List<DmaDescriptor> chain, CompletionListener listener, long token) {
        if (chain.isEmpty()) {
            throw new MemoryAccessException(name + ": a DMA chain needs at least one descriptor");
        }
        for (int i = 0; i < chain.size(); i++) {
            check(chain.get(i), i);
        }
        queue.add(new Chain(List.copyOf(chain), listener, token));
        for (DmaDescriptor d : chain) {
            pipeline.enqueue(d.source(), d.destination(), d.bytes());
        }
    }

    public boolean idle() {
        return queue.isEmpty();
    }

    private void check(DmaDescriptor d, int i) {
        String where = name + " descriptor " + i + ": ";
        if (d.bytes() < 1) {
            throw new MemoryAccessException(where + "length " + d.bytes() + " must be >= 1");
        }
        Region s;
        Region t;
        try {
            s = map.regionOf(d.source(), d.bytes());
            t = map.regionOf(d.destination(), d.bytes());
        } catch (MemoryAccessException e) {
            throw new MemoryAccessException(where + e.getMessage());
        }
        if (!reachable(s.kind()) || !reachable(t.kind())) {
            Region bad = reachable(s.kind()) ? t : s;
            throw new MemoryAccessException(where + bad.name() + " is not a DMA endpoint: DMA moves between host memory, "
                    + "external memory and L3; use the BlockMover for L2 and the Streamer for L1");
        }
    }

    private static boolean reachable(RegionKind k) {
        return k == RegionKind.HOST || k == RegionKind.EXTERNAL || k == RegionKind.L3;
    }

    private void stepDone() {
        Chain current = queue.element();
        DmaDescriptor d = current.steps().get(step);
        copier.copy(map, d.source(), d.destination(), d.bytes());
        log.record(name, "dma", pipeline.jobStartCycle(), clock.cycleCeil(clock.simulation().now()), d.bytes());
        step++;
        if (step < current.steps().size()) {
            return;
        }
        queue.remove();
        step = 0;
        current.listener().done(current.token());
    }
}

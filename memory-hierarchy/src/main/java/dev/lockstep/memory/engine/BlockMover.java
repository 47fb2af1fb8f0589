package dev.lockstep.memory.engine;

import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.ClockDomain;
import java.util.ArrayDeque;

/**
 * A BlockMover: 2-D block moves from an L3 tile to an L2 bank, in submission order, with identity,
 * transpose or reshape. Moves are pipelined like DMA descriptors: the next move's bursts follow the
 * previous one's without waiting for them to land. The block's bytes cross the engine at its bytes per cycle and
 * clock as bursts, contending for the L3 tile's and L2 bank's ports with every other user; the
 * transformed block is written when the last burst lands. Traced as transactions of kind {@code
 * bm.identity}, {@code bm.transpose} or {@code bm.reshape}.
 */
public final class BlockMover {
    /** {@code move} null: a job whose bytes its submitter writes ({@link #submitOpaque}). */
    private record Job(BlockMove move, String kind, long bytes, CompletionListener listener, long token) {}

    private final String name;
    private final ClockDomain clock;
    private final AddressMap map;
    private final TransactionLog log;
    private final EngineStats stats;
    private final BurstPipeline pipeline;
    // Moves submitted and not yet finished, oldest first.
    private final ArrayDeque<Job> queue = new ArrayDeque<>();

    public BlockMover(String name, ClockDomain clock, AddressMap map, int bytesPerCycle, int burstBytes,
                      int maxOutstanding, TransactionLog log) {
        this.name = name;
        this.clock = clock;
        this.map = map;
        this.log = log;
        this.stats = new EngineStats(name, clock);
        this.pipeline = new BurstPipeline(clock, map, bytesPerCycle, burstBytes, maxOutstanding, stats, this::moved);
    }

    public String name() {
        return name;
    }

    public EngineStats stats() {
        return stats;
    }

    public boolean idle() {
        return queue.isEmpty();
    }

    /** Queues a move; its footprint is checked now (L3 source, L2 destination, in bounds). */
    public void submit(BlockMove move, CompletionListener listener, long token) {
        check(move.source(), move.sourceSpan(), RegionKind.L3, "source");
        check(move.destination(), move.destinationSpan(), RegionKind.L2, "destination");
        queue.add(new Job(move, "bm." + move.transform().name().toLowerCase(java.util.Locale.ROOT), move.bytes(), listener, token));
        // The timing path sees the block as its byte count; both contiguous ranges lie inside the
        // checked footprints (pitches are at least the widths), so they hit the same tile and bank.
        pipeline.enqueue(move.source(), move.destination(), move.bytes());
    }

    /**
     * Queues a move whose data transform this engine does not know (the KPU's weight dequantization):
     * {@code bytes} stream through it at its rate, reading the {@code sourceSpan}-byte block at
     * {@code source} (L3) and writing {@code destinationSpan} bytes at {@code destination} (L2). The
     * submitter writes the result when the listener runs. Traced as kind {@code kind}.
     */
    public void submitOpaque(long source, long sourceSpan, long destination, long destinationSpan, long bytes, String kind,
                             CompletionListener listener, long token) {
        check(source, sourceSpan, RegionKind.L3, "source");
        check(destination, destinationSpan, RegionKind.L2, "destination");
        queue.add(new Job(null, kind, bytes, listener, token));
        pipeline.enqueue(source, sourceSpan, destination, destinationSpan, bytes);
    }

    private void check(long address, long span, RegionKind want, String what) {
        Region r;
        try {
            r = map.regionOf(address, span);
        } catch (MemoryAccessException e) {
            throw new MemoryAccessException(name + " " + what + ": " + e.getMessage());
        }
        if (r.kind() != want) {
            throw new MemoryAccessException(name + " " + what + ": " + r.name() + " is not an " + want.label()
                    + " region; a BlockMover moves L3 -> L2 only");
        }
    }

    private void moved() {
        Job finished = queue.remove();
        if (finished.move() != null) {
            apply(map, finished.move());
        }
        log.record(name, finished.kind(), pipeline.jobStartCycle(), clock.cycleCeil(clock.simulation().now()), finished.bytes());
        finished.listener().done(finished.token());
    }

    /** Writes the transformed block: element k of the source in row-major order goes to its output place. */
    static void apply(AddressMap map, BlockMove m) {
        int e = m.elementBytes();
        byte[] block = new byte[Math.toIntExact(m.bytes())];
        for (int r = 0; r < m.rows(); r++) {
            map.read(m.source() + (long) r * m.sourcePitch() * e, block, r * m.cols() * e, m.cols() * e);
        }
        byte[] out = new byte[block.length];
        switch (m.transform()) {
            case IDENTITY, RESHAPE -> System.arraycopy(block, 0, out, 0, block.length);
            case TRANSPOSE -> {
                for (int r = 0; r < m.rows(); r++) {
                    for (int c = 0; c < m.cols(); c++) {
                        System.arraycopy(block, (r * m.cols() + c) * e, out, (c * m.rows() + r) * e, e);
                    }
                }
            }
        }
        for (int r = 0; r < m.outRows(); r++) {
            map.write(m.destination() + (long) r * m.destinationPitch() * e, out, r * m.outCols() * e, m.outCols() * e);
        }
    }
}

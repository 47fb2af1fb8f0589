package dev.lockstep.tools.report;

import dev.lockstep.memory.MemoryHierarchy;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.engine.BlockMove;
import dev.lockstep.memory.engine.BlockTransform;
import dev.lockstep.memory.engine.DmaDescriptor;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.Simulation;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A small traced run for the utilization timeline: a double-buffered tile pipeline in which the DMA
 * brings tile i + 1 from external memory into one half of L3 while the BlockMover copies tile i from
 * the other half into an L2 bank. The overlap (and the wait of each engine on the other) is what a
 * timeline should show. It is a timing demonstration: the bytes are not checked, and the DMA may refill
 * a half of L3 that the BlockMover is still reading (engines copy data when a job completes).
 */
public final class PipelineRun {
    /** Tiles of 32 x 64 int32 (8 KiB) each. */
    public static final int TILES = 8;
    static final int ROWS = 32;
    static final int COLS = 64;
    static final int TILE_BYTES = ROWS * COLS * 4;

    private PipelineRun() {}

    /** Runs the pipeline on {@code config}, tracing every job into {@code trace}; returns each engine's clock period. */
    public static ToLongFunction<String> run(HierarchyConfig config, Path trace) throws IOException {
        Simulation sim = new Simulation();
        try (TraceWriter w = Traces.writeBinary(trace)) {
            MemoryHierarchy h = MemoryHierarchy.build(config, sim, new TransactionLog(w));
            long ext = h.base(RegionKind.EXTERNAL, 0);
            long l3 = h.base(RegionKind.L3, 0);
            var dma = h.dmas().get(0);
            var bm = h.blockMovers().get(0);
            int l2Banks = config.l2().count();
            Step step = new Step() {
                @Override
                public void tileInL3(int i) {
                    if (i + 1 < TILES) {
                        fetch(i + 1);
                    }
                    long dst = h.base(RegionKind.L2, i % l2Banks);
                    bm.submit(BlockMove.of(half(i), ROWS, COLS, 4, COLS, dst, COLS, BlockTransform.IDENTITY),
                            t -> { }, i);
                }

                @Override
                public void fetch(int i) {
                    dma.submit(List.of(new DmaDescriptor(ext + (long) i * TILE_BYTES, half(i), TILE_BYTES)),
                            t -> tileInL3((int) t), i);
                }

                private long half(int i) {
                    return l3 + (long) (i % 2) * TILE_BYTES;
                }
            };
            step.fetch(0);
            sim.run();
        }
        return component -> {
            String clock = component.startsWith("dma") ? config.dma().clock()
                    : component.startsWith("bm") ? config.blockMover().clock() : config.streamer().clock();
            return MemoryRoofs.periodPs(config, clock);
        };
    }

    private interface Step {
        void tileInL3(int i);

        void fetch(int i);
    }
}

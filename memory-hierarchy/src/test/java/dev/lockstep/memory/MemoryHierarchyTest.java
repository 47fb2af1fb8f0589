package dev.lockstep.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.memory.config.Presets;
import dev.lockstep.memory.engine.BlockMove;
import dev.lockstep.memory.engine.BlockTransform;
import dev.lockstep.memory.engine.DmaDescriptor;
import dev.lockstep.memory.engine.StreamShape;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.Channel;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Clocked;
import dev.lockstep.sim.Simulation;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Transaction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole path of the minimal preset: external -> L3 (DMA) -> L2 transposed (BlockMover) -> L1 FIFOs (Streamer). */
class MemoryHierarchyTest {
    @Test
    void matrixTravelsFromExternalMemoryIntoTheFifosIntactAndEveryStepIsTraced() {
        Simulation sim = new Simulation();
        List<Transaction> trace = new ArrayList<>();
        TraceWriter w = new TraceWriter() {
            public int declare(String path, String field, int width) { return 0; }
            public void change(long cycle, int signal, long value) { }
            public void change(long cycle, int signal, long[] words) { }
            public void transaction(Transaction t) { trace.add(t); }
            public void close() { }
        };
        MemoryHierarchy h = MemoryHierarchy.build(Presets.load("minimal"), sim, new TransactionLog(w));
        long ext = h.base(RegionKind.EXTERNAL, 0);
        long l3 = h.base(RegionKind.L3, 0);
        long l2 = h.base(RegionKind.L2, 1);
        // B is 6 x 8 int32 (row-major) with B[k][n] = 100 k + n.
        ByteBuffer b = ByteBuffer.allocate(6 * 8 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 6; k++) {
            for (int n = 0; n < 8; n++) {
                b.putInt(100 * k + n);
            }
        }
        h.map().write(ext + 4096, b.array());

        Channel[] lanes = h.newL1Fifos("l1.fifo", 8, 4);
        ClockDomain fabric = h.clock("fabric");
        List<long[]> got = new ArrayList<>();
        fabric.add(new Clocked() {
            public void evaluate() {
                for (int l = 0; l < lanes.length; l++) {
                    if (lanes[l].canReceive()) {
                        got.add(new long[] {l, lanes[l].receive()});
                    }
                }
            }

            public void commit() {
            }
        });
        var dma = h.dmas().get(0);
        var bm = h.blockMovers().get(0);
        var str = h.streamers().get(0);
        dma.submit(List.of(new DmaDescriptor(ext + 4096, l3, b.capacity())), t ->
                bm.submit(BlockMove.of(l3, 6, 8, 4, 8, l2, 6, BlockTransform.TRANSPOSE), u ->
                        // Transposed: 8 x 6 in L2, row n = column n of B; ROWS gives lane n row n.
                        str.feed(StreamShape.ROWS, l2, 8, 6, 4, 6, lanes, v -> sim.stop(), 0), 0), 0);
        sim.run();
        // The stream is done when its last element is sent; the FIFO shows it one cycle later.
        sim.runUntil(sim.now() + fabric.cyclesToPs(2));

        // Lane n receives B[0][n], B[1][n], ..., B[5][n] in order.
        assertEquals(48, got.size());
        for (int n = 0; n < 8; n++) {
            final int lane = n;
            List<Long> values = got.stream().filter(g -> g[0] == lane).map(g -> g[1]).toList();
            assertEquals(List.of(n + 0L, 100L + n, 200L + n, 300L + n, 400L + n, 500L + n), values, "lane " + n);
        }
        assertEquals(List.of("dma", "bm.transpose", "str.rows"), trace.stream().map(Transaction::kind).toList());
        assertEquals(List.of("dma.0", "bm.0", "str.0"), trace.stream().map(Transaction::component).toList());
        assertEquals(List.of(0L, 1L, 2L), trace.stream().map(Transaction::id).toList());
        for (Transaction t : trace) {
            assertEquals(192, t.bytes());
        }
    }
}

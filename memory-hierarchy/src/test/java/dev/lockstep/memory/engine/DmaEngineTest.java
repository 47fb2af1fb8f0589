package dev.lockstep.memory.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmaEngineTest {
    @Test
    void loadIsBoundByExternalBandwidthAndBytesArriveIntact() {
        Rig rig = new Rig(1);
        byte[] data = rig.fill(Rig.EXT, 4096, 3);
        long[] doneAt = {-1};
        rig.dma("dma.0").submit(List.of(new DmaDescriptor(Rig.EXT, Rig.L3, 4096)), t -> doneAt[0] = rig.sim.now(), 0);
        rig.sim.run();
        // External: latency 20 + ceil(4096 / 32) = 148 for the last burst's read; its L3 write then
        // takes ceil(64 / 64) + latency 4 = 5 more: 153 cycles. (16 bursts in flight cover the
        // 22-cycle read + write round trip at one burst per 2 cycles, so the wire never idles.)
        assertEquals(153_000, doneAt[0]);
        assertArrayEquals(data, rig.map.read(Rig.L3, 4096));
    }

    @Test
    void chainRunsDescriptorsInOrderAndStoresBack() {
        Rig rig = new Rig(1);
        byte[] data = rig.fill(Rig.EXT, 64, 9);
        long[] doneAt = {-1};
        rig.dma("dma.0").submit(List.of(
                new DmaDescriptor(Rig.EXT, Rig.L3, 64),
                new DmaDescriptor(Rig.L3, Rig.EXT + 0x8000, 64)), t -> doneAt[0] = rig.sim.now(), 0);
        rig.sim.run();
        // Step 1: ext read 20 + 2 = 22, L3 write 22 + 1 + 4 = 27.
        // Step 2 reads what step 1 writes, so it is not pipelined behind it and starts at 27: L3 read 27 + 1 + 4 = 32; ext write 32 + 2 + 20 = 54.
        assertEquals(54_000, doneAt[0]);
        assertArrayEquals(data, rig.map.read(Rig.EXT + 0x8000, 64));
    }

    @Test
    void rowsOfAStridedChainArePipelinedAndPayTheLatencyOnce() {
        Rig rig = new Rig(1);
        byte[] data = rig.fill(Rig.EXT, 8 * 256, 4);
        List<DmaDescriptor> rows = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            rows.add(new DmaDescriptor(Rig.EXT + 256L * r, Rig.L3 + 64L * r, 64));
        }
        long[] doneAt = {-1};
        rig.dma("dma.0").submit(rows, t -> doneAt[0] = rig.sim.now(), 0);
        rig.sim.run();
        // Eight 64 B rows, one burst each, issued back to back (16 may be in flight): the external
        // channel (32 B/cycle) returns burst k at 20 + 2 (k + 1); its L3 write lands 1 + 4 later.
        // Last row (k = 7): 20 + 16 + 5 = 41 cycles. One row at a time it was 8 x 27 = 216.
        assertEquals(41_000, doneAt[0]);
        for (int r = 0; r < 8; r++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 256 * r, 256 * r + 64), rig.map.read(Rig.L3 + 64L * r, 64));
        }
    }

    @Test
    void twoEnginesOnOneChannelShareItAndNeverExceedThePeak() {
        Rig rig = new Rig(1);
        int n = 64 << 10;
        byte[] a = rig.fill(Rig.EXT, n, 1);
        byte[] b = rig.fill(Rig.EXT + n, n, 2);
        DmaEngine d0 = rig.dma("dma.0");
        DmaEngine d1 = rig.dma("dma.1");
        long[] doneAt = new long[2];
        d0.submit(List.of(new DmaDescriptor(Rig.EXT, Rig.L3, n)), t -> doneAt[0] = rig.sim.now(), 0);
        d1.submit(List.of(new DmaDescriptor(Rig.EXT + n, Rig.L3 + Rig.TILE, n)), t -> doneAt[1] = rig.sim.now(), 0);
        rig.sim.run();
        // 2 x 64 KiB at 32 B/cycle keeps the wire busy exactly 131072 / 32 = 4096 cycles; the last
        // burst is read at 4096 + 20 and written at + 5: makespan 4121 cycles.
        assertEquals(4096, rig.sim.stats().counter("ext.ch0.busy_cycles").value());
        assertEquals(4_121_000, Math.max(doneAt[0], doneAt[1]));
        double peak = 32e9;
        for (DmaEngine d : List.of(d0, d1)) {
            double share = d.stats().achievedBytesPerSecond() / peak;
            // Each about half: 65536 B over ~4120 cycles = 0.497 of the peak.
            assertTrue(share > 0.45 && share <= 0.5, d.name() + " share " + share);
        }
        assertTrue(2.0 * n * 1e12 / Math.max(doneAt[0], doneAt[1]) <= peak);
        assertArrayEquals(a, rig.map.read(Rig.L3, n));
        assertArrayEquals(b, rig.map.read(Rig.L3 + Rig.TILE, n));
    }

    @Test
    void burstsInterleaveOverChannels() {
        Rig rig = new Rig(2);
        rig.fill(Rig.EXT, 1024, 5);
        rig.dma("dma.0").submit(List.of(new DmaDescriptor(Rig.EXT, Rig.L3, 1024)), CompletionListener.NONE, 0);
        rig.sim.run();
        // Granules of 256 B alternate: [0,256) ch0, [256,512) ch1, [512,768) ch0, [768,1024) ch1.
        assertEquals(512, rig.sim.stats().counter("ext.ch0.bytes").value());
        assertEquals(512, rig.sim.stats().counter("ext.ch1.bytes").value());
    }

    @Test
    void illegalEndpointsAndBoundsAreRefusedAtSubmission() {
        Rig rig = new Rig(1);
        DmaEngine d = rig.dma("dma.0");
        var l2 = assertThrows(MemoryAccessException.class,
                () -> d.submit(List.of(new DmaDescriptor(Rig.EXT, Rig.L2, 64)), CompletionListener.NONE, 0));
        assertTrue(l2.getMessage().contains("l2.0 is not a DMA endpoint"), l2.getMessage());
        var past = assertThrows(MemoryAccessException.class, () -> d.submit(List.of(
                new DmaDescriptor(Rig.EXT, Rig.L3, 64), new DmaDescriptor(Rig.EXT, Rig.L3 + Rig.TILE - 32, 64)),
                CompletionListener.NONE, 0));
        assertTrue(past.getMessage().startsWith("dma.0 descriptor 1: "), past.getMessage());
        assertTrue(past.getMessage().contains("runs past the end of l3.0"), past.getMessage());
        assertTrue(d.idle());
    }

    @Test
    void eachDescriptorIsTracedInEngineCycles() {
        Rig rig = new Rig(1);
        List<Transaction> seen = new ArrayList<>();
        TraceWriter w = new TraceWriter() {
            public int declare(String path, String field, int width) { return 0; }
            public void change(long cycle, int signal, long value) { }
            public void change(long cycle, int signal, long[] words) { }
            public void transaction(Transaction t) { seen.add(t); }
            public void close() { }
        };
        new DmaEngine("dma.0", rig.clock, rig.map, 64, 64, 16, new TransactionLog(w))
                .submit(List.of(new DmaDescriptor(Rig.EXT, Rig.L3, 64)), CompletionListener.NONE, 0);
        rig.sim.run();
        // Issued in cycle 0, done in cycle 27 (ext 20 + 2, L3 + 1 + 4), 64 bytes.
        assertEquals(List.of(new Transaction(0, "dma.0", "dma", 0, 27, 64, null)), seen);
    }
}

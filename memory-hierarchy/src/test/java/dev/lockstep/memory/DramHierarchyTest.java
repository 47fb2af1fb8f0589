package dev.lockstep.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.memory.dram.CommandLog;
import dev.lockstep.memory.dram.Dram;
import dev.lockstep.memory.dram.DramTimingChecker;
import dev.lockstep.memory.engine.BlockMove;
import dev.lockstep.memory.engine.BlockTransform;
import dev.lockstep.memory.engine.DmaDescriptor;
import dev.lockstep.memory.engine.DmaEngine;
import dev.lockstep.memory.engine.StreamShape;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.Channel;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Clocked;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The minimal preset with its external memory switched to DDR4-3200 DRAM ({@code kind: dram}): data
 * moved through the whole hierarchy arrives intact, every DRAM command stream passes the timing
 * checker, and engines sharing one DRAM channel share its bandwidth.
 */
class DramHierarchyTest {
    /** Minimal, with {@code channels} DDR4-3200 external channels (clock at tCK 625 ps) and {@code dmas} DMA engines. */
    private static HierarchyConfig minimalOnDdr4(int channels, int dmas) {
        String yaml = Presets.text("minimal")
                .replace("{name: external, period_ps: 1000}", "{name: external, period_ps: 625}")
                .replace("  kind: simple\n  base: 0x1000000000\n  count: 1\n  mb: 256\n  clock: external\n  bytes_per_cycle: 50\n  latency_cycles: 60\n",
                        "  kind: dram\n  dram_preset: DDR4_3200\n  base: 0x1000000000\n  count: " + channels + "\n  mb: 256\n  clock: external\n")
                .replace("dma:\n  count: 1\n", "dma:\n  count: " + dmas + "\n");
        HierarchyConfig c = ConfigReader.read(yaml, ConfigReader.Format.YAML, "test.yaml", HierarchyConfig.class);
        assertEquals("dram", c.external().kind(), "the test's edit of the preset took");
        return c;
    }

    private static List<CommandLog> record(MemoryHierarchy h) {
        List<CommandLog> logs = new ArrayList<>();
        for (Dram d : h.drams()) {
            logs.addAll(List.of(d.recordCommands()));
        }
        return logs;
    }

    private static void assertTimingClean(MemoryHierarchy h, List<CommandLog> logs) {
        var spec = h.drams().get(0).spec();
        DramTimingChecker checker = new DramTimingChecker(spec.timing(), spec.organization());
        for (int i = 0; i < logs.size(); i++) {
            assertTrue(logs.get(i).size() > 0, "DRAM channel " + i + " issued no command, so nothing was checked");
            assertEquals(List.of(), checker.check(logs.get(i)), "DRAM channel " + i);
        }
    }

    @Test
    void matrixTravelsFromDramThroughL3AndL2IntoL1Intact() {
        Simulation sim = new Simulation();
        MemoryHierarchy h = MemoryHierarchy.build(minimalOnDdr4(2, 1), sim, TransactionLog.none());
        assertEquals(2, h.drams().size());
        List<CommandLog> logs = record(h);
        long ext = h.base(RegionKind.EXTERNAL, 0);
        long l3 = h.base(RegionKind.L3, 0);
        long l2 = h.base(RegionKind.L2, 0);
        // A is 16 x 16 int32 (1 KiB, so four 256-byte granules: both channels serve it), A[r][c] = 1000 r + c + 7.
        int rows = 16;
        int cols = 16;
        byte[] a = new byte[rows * cols * 4];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = 1000 * r + c + 7;
                int o = (r * cols + c) * 4;
                a[o] = (byte) v;
                a[o + 1] = (byte) (v >> 8);
                a[o + 2] = (byte) (v >> 16);
                a[o + 3] = (byte) (v >> 24);
            }
        }
        h.map().write(ext + 0x10000, a);

        Channel[] lanes = h.newL1Fifos("l1.fifo", 8, 4);
        ClockDomain fabric = h.clock("fabric");
        List<List<Long>> got = new ArrayList<>();
        for (int l = 0; l < lanes.length; l++) {
            got.add(new ArrayList<>());
        }
        fabric.add(new Clocked() {
            public void evaluate() {
                for (int l = 0; l < lanes.length; l++) {
                    if (lanes[l].canReceive()) {
                        got.get(l).add(lanes[l].receive());
                    }
                }
            }

            public void commit() {
            }
        });
        var dma = h.dmas().get(0);
        var bm = h.blockMovers().get(0);
        var str = h.streamers().get(0);
        // DMA the whole matrix into L3; the BlockMover transposes its top-left 8 x 8 block into L2
        // (L2 row c = column c of A); the Streamer sends L2 row c to lane c.
        dma.submit(List.of(new DmaDescriptor(ext + 0x10000, l3, a.length)), t ->
                bm.submit(BlockMove.of(l3, 8, 8, 4, cols, l2, 8, BlockTransform.TRANSPOSE), u ->
                        str.feed(StreamShape.ROWS, l2, 8, 8, 4, 8, lanes, v -> sim.stop(), 0), 0), 0);
        sim.run();
        sim.runUntil(sim.now() + fabric.cyclesToPs(2));

        assertArrayEquals(a, h.map().read(l3, a.length), "L3 holds A byte for byte");
        for (int c = 0; c < 8; c++) {
            List<Long> want = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                want.add(1000L * r + c + 7);
            }
            assertEquals(want, got.get(c), "lane " + c + " receives column " + c + " of A, rows 0..7");
        }
        // 1 KiB read as 64-byte bursts, 512 B per channel: 8 column reads each.
        assertEquals(8, h.drams().get(0).readBursts());
        assertEquals(8, h.drams().get(1).readBursts());
        assertTimingClean(h, logs);
    }

    @Test
    void twoDmasOnOneDramChannelShareItsBandwidthAndNeverExceedThePeak() {
        Simulation sim = new Simulation();
        MemoryHierarchy h = MemoryHierarchy.build(minimalOnDdr4(1, 2), sim, TransactionLog.none());
        List<CommandLog> logs = record(h);
        long ext = h.base(RegionKind.EXTERNAL, 0);
        long l3 = h.base(RegionKind.L3, 0);
        int n = 32 << 10; // each DMA fills half of the 64 KiB L3 tile
        DmaEngine d0 = h.dmas().get(0);
        DmaEngine d1 = h.dmas().get(1);
        long[] doneAt = new long[2];
        d0.submit(List.of(new DmaDescriptor(ext, l3, n)), t -> doneAt[0] = sim.now(), 0);
        d1.submit(List.of(new DmaDescriptor(ext + (1 << 20), l3 + n, n)), t -> doneAt[1] = sim.now(), 0);
        sim.run();

        // DDR4-3200, one x64 channel: a 64-byte burst every BL/2 = 4 clocks of 625 ps, so
        // 64 B / 2.5 ns = 25.6 GB/s; each DMA alone could take 64 B/ns, so the DRAM is the limit.
        double peak = 25.6e9;
        assertEquals(peak, h.externalPeakBytesPerSecond(), 1);
        double total = 2.0 * n * 1e12 / Math.max(doneAt[0], doneAt[1]);
        assertTrue(total <= peak, "total " + total + " above the peak");
        // Sequential reads are row hits but for one ACT per 8 KiB row and the odd refresh, so the
        // pair should keep the bus above 80 % busy.
        assertTrue(total > 0.8 * peak, "total " + total);
        for (DmaEngine d : List.of(d0, d1)) {
            double share = d.stats().achievedBytesPerSecond() / peak;
            // FR-FCFS serves both row-hit streams in turn: each about half, never more than the whole.
            assertTrue(share > 0.4 && share < 0.55, d.name() + " share " + share);
        }
        assertTimingClean(h, logs);
    }
}

package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigReader;
import dev.lockstep.sim.random.SplitMix64;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpuTopTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");

    @Test
    void smallMatmulAtPeFidelityEqualsThePlainProduct() {
        // 20 x 12 x 24 int8 on the minimal preset's 8 x 8 array with 8 x 8 x 8 tiles: 3 x 2 C tiles
        // (edge tiles of 4 rows and 4 columns) and 3 k-steps each, so accumulation across k-steps, edge
        // tiles and slot reuse all happen. C must equal the plain triple-loop product computed here.
        int m = 20, n = 12, k = 24;
        var compiled = MatmulCompiler.compile(MINIMAL, m, n, k, DType.INT8, 8, 8, 8);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.INT8);
        byte[] a = random(m * k, 1);
        byte[] b = random(k * n, 2);
        top.map().write(at[0], a);
        top.map().write(at[1], b);
        KpuResult r = top.run(compiled.program());
        byte[] c = top.map().read(at[2], m * n * 4);
        int[] expected = new int[m * n];
        int[] actual = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int q = 0; q < k; q++) {
                    s += a[i * k + q] * b[q * n + j];
                }
                expected[i * n + j] = s;
                int o = (i * n + j) * 4;
                actual[i * n + j] = (c[o] & 0xFF) | (c[o + 1] & 0xFF) << 8 | (c[o + 2] & 0xFF) << 16 | c[o + 3] << 24;
            }
        }
        assertArrayEquals(expected, actual);
        assertEquals((long) m * n * k, r.macs());
    }

    @Test
    void noFeedStartsBeforeTheMoveThatFilledItsSourceNorAComputeBeforeItsFeeds() {
        int m = 32, n = 32, k = 32;
        Program p = MatmulCompiler.compile(MINIMAL, m, n, k, DType.INT8, 16, 16, 16).program();
        KpuTop top = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none());
        top.run(p);
        List<Instruction> in = p.instructions();
        int checkedFeeds = 0;
        int checkedComputes = 0;
        for (int i = 0; i < in.size(); i++) {
            Instruction x = in.get(i);
            if (x.op() == Op.FEED_ROWS || x.op() == Op.FEED_COLS) {
                int bm = lastBefore(in, i, Op.BM_MOVE, x.src());
                int dma = lastBefore(in, bm, Op.DMA_LOAD, in.get(bm).src());
                assertTrue(top.startPs(i) >= top.endPs(bm), "feed " + i + " started before move " + bm + " ended");
                assertTrue(top.startPs(bm) >= top.endPs(dma), "move " + bm + " started before load " + dma + " ended");
                checkedFeeds++;
            }
            if (x.op() == Op.COMPUTE) {
                int fa = lastFeedInto(in, i, x.src());
                int fb = lastFeedInto(in, i, x.src2());
                assertTrue(top.startPs(i) >= top.endPs(fa) && top.startPs(i) >= top.endPs(fb), "compute " + i);
                checkedComputes++;
            }
        }
        // 2 x 2 C tiles x 2 k-steps = 8 computes; every step loads a new A and B tile: 16 feeds.
        assertEquals(8, checkedComputes);
        assertEquals(16, checkedFeeds);
    }

    @Test
    void theInstructionTraceShowsEveryFeedAfterItsMoveAndEveryComputeAfterItsFeeds() {
        // The same ordering as above, read from the traced transactions (BlockMover, Streamer and tile
        // all run in the fabric clock on minimal, so their cycles compare directly).
        Program p = MatmulCompiler.compile(MINIMAL, 32, 32, 32, DType.INT8, 16, 16, 16).program();
        KpuTop top = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none());
        Map<Long, Transaction> byId = new HashMap<>();
        List<Transaction> stalls = new ArrayList<>();
        top.traceInstructions(new TraceWriter() {
            @Override
            public int declare(String path, String field, int width) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void change(long cycle, int signal, long value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void change(long cycle, int signal, long[] words) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void transaction(Transaction t) {
                if (t.kind().equals("stall")) {
                    stalls.add(t);
                } else {
                    byId.put(t.id(), t);
                }
            }

            @Override
            public void close() {
            }
        });
        top.run(p);
        List<Instruction> in = p.instructions();
        assertEquals(in.size(), byId.size());
        // A stall is the wait of instruction (id - program length) on its queue, ending when it issues.
        assertFalse(stalls.isEmpty(), "feeds wait for their moves, so some queue stalls");
        for (Transaction s : stalls) {
            Transaction waited = byId.get(s.id() - in.size());
            assertEquals(waited.component(), s.component(), s.toString());
            assertEquals(waited.issueCycle(), s.completeCycle(), s.toString());
            assertTrue(s.issueCycle() < s.completeCycle(), s.toString());
        }
        int feeds = 0;
        for (int i = 0; i < in.size(); i++) {
            Instruction x = in.get(i);
            Transaction t = byId.get((long) i);
            if (x.op() == Op.FEED_ROWS || x.op() == Op.FEED_COLS) {
                Transaction move = byId.get((long) lastBefore(in, i, Op.BM_MOVE, x.src()));
                assertTrue(t.component().startsWith("str.") && move.component().startsWith("bm."));
                assertTrue(t.issueCycle() >= move.completeCycle(), t + " before " + move);
                feeds++;
            }
            if (x.op() == Op.COMPUTE) {
                assertTrue(t.issueCycle() >= byId.get((long) lastFeedInto(in, i, x.src())).completeCycle());
                assertTrue(t.issueCycle() >= byId.get((long) lastFeedInto(in, i, x.src2())).completeCycle());
            }
        }
        assertEquals(16, feeds);
    }

    @Test
    void aRefilledBufferWaitsForTheComputeStillReadingIt() {
        // With two slots, the feed of the third A tile goes to slot 0 again: it must not start before
        // the first compute (which reads slot 0) has ended.
        Program p = MatmulCompiler.compile(MINIMAL, 16, 16, 64, DType.INT8, 16, 16, 16).program();
        KpuTop top = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none());
        top.run(p);
        List<Instruction> in = p.instructions();
        int firstCompute = -1;
        int feeds = 0;
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).op() == Op.COMPUTE && firstCompute < 0) {
                firstCompute = i;
            }
            if (in.get(i).op() == Op.FEED_ROWS && ++feeds == 3) {
                assertEquals(in.get(firstCompute).src(), in.get(i).dst());
                assertTrue(top.startPs(i) >= top.endPs(firstCompute));
            }
        }
        assertEquals(4, feeds);
    }

    @Test
    void externalTrafficEqualsTheHandCount() {
        // 32 x 32 x 64 int8, tiles 16 x 16 x 64: mt = nt = 2, kt = 1.
        // A (32*64 = 2048 B) is loaded once per ti because kt = 1: 2048.
        // B (64*32 = 2048 B) is loaded for each ti: 2 * 2048 = 4096.
        // C (32*32*4 = 4096 B) is stored once. Total 10240; compulsory 2048 + 2048 + 4096 = 8192.
        var compiled = MatmulCompiler.compile(MINIMAL, 32, 32, 64, DType.INT8, 16, 16, 64);
        assertEquals(10240, compiled.tiling().externalBytes());
        assertEquals(8192, compiled.tiling().compulsoryBytes());
        KpuResult r = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(compiled.program());
        assertEquals(10240L, r.bytesPerLevel().get("external"));
        // Every loaded tile is moved L3 -> L2 once and fed once: L2 sees 2 x (2048 + 4096) (write by
        // the mover, read by the feed) and L3 the loads' writes, the movers' reads, the drains'
        // writes and the stores' reads: 2 x 6144 + 2 x 4096.
        assertEquals(12288L, r.bytesPerLevel().get("l2"));
        assertEquals(20480L, r.bytesPerLevel().get("l3"));
    }

    @Test
    void oneTileProblemMovesExactlyTheCompulsoryBytes() {
        // 64^3 int8 in one 64 x 64 x 64 tile (fits edge_ai: 4 KiB A, 4 KiB B, 16 KiB C):
        // A 4096 + B 4096 + C 16384 = 24576 bytes, each once.
        KpuConfig edge = KpuConfig.load("edge_ai");
        var compiled = MatmulCompiler.compile(edge, 64, 64, 64, DType.INT8, 64, 64, 64);
        KpuResult r = new KpuTop(edge, Fidelity.TILE, TransactionLog.none()).run(compiled.program());
        assertEquals(24576L, r.bytesPerLevel().get("external"));
        assertEquals(24576L, compiled.tiling().compulsoryBytes());
    }

    @Test
    void chosenTilingsFitEveryLevel() {
        for (String preset : List.of("minimal", "edge_ai")) {
            KpuConfig c = KpuConfig.load(preset);
            HierarchyConfig h = c.hierarchy();
            for (int[] s : new int[][] {{64, 64, 64}, {1024, 1024, 1024}, {100, 300, 50}, {4096, 64, 512}}) {
                var t = MatmulCompiler.choose(c, s[0], s[1], s[2], DType.INT8);
                long a = (long) t.ti() * t.tk();
                long b = (long) t.tk() * t.tj();
                long cc = (long) t.ti() * t.tj() * 4;
                // Each buffer lies in one region, and all of a level's buffers fit its total capacity.
                long n = t.buffers();
                assertTrue(Math.max(Math.max(a, b), cc) <= h.l3().bytes() && n * (a + b + cc) <= h.l3().bytes() * h.l3().count(), preset + " l3");
                assertTrue(Math.max(a, b) <= h.l2().bytes() && n * (a + b) <= h.l2().bytes() * h.l2().count(), preset + " l2");
                assertTrue(Math.max(Math.max(a, b), cc) <= h.l1().bytes() && n * (a + b + cc) <= h.l1().bytes() * h.l1().count(), preset + " l1");
                assertEquals(0, t.ti() % c.rows());
                assertEquals(0, t.tj() % c.cols());
            }
        }
    }

    @Test
    void aBandwidthStarvedConfigurationIsMemoryBound() {
        // minimal with external memory cut from 50 to 1 byte per ns (1 GB/s). 128^3 int8 moves at least
        // the compulsory 16 KiB + 16 KiB + 64 KiB = 98304 B off chip: >= 98.3 us at 1 GB/s, while the
        // 8 x 8 array at 500 MHz needs 128^3 / 64 MACs = 32768 cycles = 65.5 us. So the run takes at
        // least the traffic time and the array cannot be busy more than 65.5 / 98.3 = 67 % of it.
        // Tiles 16 x 128 x 128 keep every block contiguous (one DMA descriptor each: 8 A loads, 1 B load,
        // 8 C stores, so 17 x 60 ns of latency, 1 % of the traffic time) and move exactly the
        // compulsory bytes: A once (kt = 1), B once (kt = nt = 1), C once.
        String yaml = Presets.text("minimal").replace("  bytes_per_cycle: 50\n", "  bytes_per_cycle: 1\n");
        KpuConfig starved = KpuConfig.of(ConfigReader.read(yaml, ConfigReader.Format.YAML, "starved", HierarchyConfig.class));
        var compiled = MatmulCompiler.compile(starved, 128, 128, 128, DType.INT8, 16, 128, 128);
        KpuResult r = new KpuTop(starved, Fidelity.TILE, TransactionLog.none()).run(compiled.program());
        long external = r.bytesPerLevel().get("external");
        assertEquals(98304L, external);
        double trafficNs = external / 1.0;
        assertTrue(r.nanoseconds() >= trafficNs, r.nanoseconds() + " ns < " + trafficNs);
        // Memory bound: the one DMA engine, which carries all of that traffic, is busy at least 90 % of
        // the run while the array is not. (How far the run lies from the nominal 1 GB/s slope is the
        // DMA engine's own achieved rate; docs/benchmarks.md reports it.)
        EngineReport dma = r.engines().stream().filter(x -> x.name().equals("dma.0")).findFirst().orElseThrow();
        assertTrue(dma.utilization() >= 0.90, dma.toString());
        assertTrue(r.computeUtilization() < 0.67);
    }

    @Test
    void aStarvedRunWithStridedTilesLandsOnItsRooflineSlope() {
        // The compiler's own tiling of 256^3 on starved minimal has strided A and C tiles (a DMA
        // descriptor per row). The DMA engine pipelines those rows, so the run takes the external
        // traffic time at 1 GB/s within 10 % (before, each row waited out the 60 ns latency: 2.18x).
        String yaml = Presets.text("minimal").replace("  bytes_per_cycle: 50\n", "  bytes_per_cycle: 1\n");
        KpuConfig starved = KpuConfig.of(ConfigReader.read(yaml, ConfigReader.Format.YAML, "starved", HierarchyConfig.class));
        var compiled = MatmulCompiler.compile(starved, 256, 256, 256, DType.INT8);
        assertTrue(compiled.tiling().tj() < 256 || compiled.tiling().tk() < 256, "tiling is strided: " + compiled.tiling());
        KpuResult r = new KpuTop(starved, Fidelity.TILE, TransactionLog.none()).run(compiled.program());
        double trafficNs = r.bytesPerLevel().get("external") / 1.0;
        assertTrue(r.nanoseconds() >= trafficNs, r.nanoseconds() + " ns < " + trafficNs);
        assertTrue(r.nanoseconds() <= 1.10 * trafficNs, r.nanoseconds() + " ns vs traffic " + trafficNs);
    }

    @Test
    void flowMemoryTimingStaysCloseToTheBurstEnginesOnManyTiles() {
        // Same program, both memory timings. The flow model is not cycle-exact; on runs of many tiles
        // (256^3 here: 64 steps on minimal, 8 on edge_ai) it must agree with the burst engines within
        // the 10 % docs/kpu-top.md states for it. (On a one-tile run, or a bandwidth-starved one, it is
        // optimistic by more: measured and documented there.)
        for (KpuConfig c : List.of(MINIMAL, KpuConfig.load("edge_ai"))) {
            Program p = MatmulCompiler.compile(c, 256, 256, 256, DType.INT8).program();
            long burst = new KpuTop(c, Fidelity.TILE, MemoryTiming.BURST, TransactionLog.none()).run(p).cycles();
            long flow = new KpuTop(c, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(p).cycles();
            assertTrue(Math.abs(flow - burst) <= 0.10 * burst, c.name() + ": flow " + flow + " vs burst " + burst);
        }
    }

    @Test
    void mlpLoadsItsBiasOnceAndEveryDrainWaitsForItAndPaysTheEpilogue() {
        // mlp 32 x 48 x 16 on minimal: one bias load of N = 48 accumulators (192 bytes) from just after C
        // (C at B's end: A 512 B at the base, B at +512 (768 B), C at +1280 (6144 B), bias at +7424).
        int m = 32, n = 48, k = 16;
        Program p = MatmulCompiler.compileMlp(MINIMAL, m, n, k, DType.INT8).program();
        KpuTop top = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none());
        top.run(p);
        long base = MINIMAL.hierarchy().external().base();
        List<Instruction> in = p.instructions();
        int biasLoad = -1;
        int drains = 0;
        for (int i = 0; i < in.size(); i++) {
            Instruction x = in.get(i);
            if (x.op() == Op.DMA_LOAD && x.src() == base + 7424) {
                assertEquals(-1, biasLoad);
                assertEquals(192, x.bytes());
                biasLoad = i;
            }
            if (x.op() == Op.DRAIN) {
                assertEquals(Instruction.BIAS_ACTIVATION, x.epilogue());
                assertTrue(top.startPs(i) >= top.endPs(biasLoad));
                // The vector engine's own cycles: rows x ceil(cols / 8) + 3 (kpu.md 2.5); pipelined with the
                // drain (DrainTimingTest), not added to it.
                assertEquals((long) x.rows() * ((x.cols() + 7) / 8) + 3, x.epilogueCycles());
                drains++;
            }
        }
        assertTrue(biasLoad >= 0 && drains > 0);
        // An 8 x 16 drain: 8 x 2 + 3 = 19 cycles (ReLU bypasses the SFU table).
        assertEquals(19, Instruction.drainWithBias(0, 0, 0, 8, 16, 4, 0).epilogueCycles());
        // GELU goes through the table: + SFU depth 2 (kpu.md 2.5) = 21.
        Instruction gelu = Instruction.drainWithBias(0, 0, 0, 8, 16, 4, 0, Activation.GELU);
        assertEquals("bias_gelu", gelu.epilogue());
        assertEquals(21, gelu.epilogueCycles());
        var bad = org.junit.jupiter.api.Assertions.assertThrows(dev.lockstep.sim.config.ConfigException.class,
                () -> new Instruction(Op.DRAIN, 0, 0L, 0L, 0L, 8, 16, null, 4, 16, 16, null, "bias_swish", null, null, null, null, null, null));
        assertTrue(bad.getMessage().contains("bias_swish") && bad.getMessage().contains("bias_gelu"), bad.getMessage());
    }

    @Test
    void mlpEstimatesCostTheDrainAsAPipelineAndStayWithinTwoPercentOfTheRun() {
        // BERT-base FFN up (128 x 3072 x 768, bias + GELU) on edge_ai: 64 x 64 C tiles, 2 x 48 = 96 of them.
        // Per drain (16 lanes, docs/kpu-top.md Timing, without the L3 latency, as the cost model leaves
        // latencies out): wavefront 64/16 x (64 + 15) = 316, vector engine 64 x ceil(64 / 8) = 512,
        // L3 port 64 x 64 x 4 / 128 = 128; max 512 + fill 3 + 2 (table) = 517. 96 x 517 = 49,632
        // (in series it was 96 x (316 + 517) = 79,968).
        KpuConfig edge = KpuConfig.load("edge_ai");
        var ffn = MatmulCompiler.compileMlp(edge, 128, 3072, 768, DType.INT8, Activation.GELU);
        assertEquals(64, ffn.tiling().ti());
        assertEquals(64, ffn.tiling().tj());
        assertEquals(96 * 517, ffn.tiling().drainCycles());
        // The estimate (docs/kpu-top.md, Doubtful: within 1-2 % of the runs measured, optimistic) against
        // the run, here and on minimal 256^3 with ReLU.
        var small = MatmulCompiler.compileMlp(MINIMAL, 256, 256, 256, DType.INT8);
        for (var c : List.of(Map.entry(edge, ffn), Map.entry(MINIMAL, small))) {
            long run = new KpuTop(c.getKey(), Fidelity.TILE, TransactionLog.none()).run(c.getValue().program()).cycles();
            long estimate = c.getValue().tiling().estimatedCycles();
            assertTrue(estimate <= run && run - estimate <= 0.02 * run, c.getKey().name() + ": estimate " + estimate + ", run " + run);
        }
    }

    @Test
    void mlpAtPeFidelityAppliesBiasAndReluOnTheDrainPath() {
        // 20 x 12 x 24 int8 with bias: C must be relu(A x B + bias) as fp32, computed here by the triple
        // loop (sums of int8 products over 24 terms stay below 2^24, so the fp32 values are exact).
        int m = 20, n = 12, k = 24;
        var compiled = MatmulCompiler.compileMlp(MINIMAL, m, n, k, DType.INT8);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.INT8);
        long biasAt = (at[2] + (long) m * n * 4 + 63) / 64 * 64;
        byte[] a = random(m * k, 3);
        byte[] b = random(k * n, 4);
        int[] bias = new int[n];
        byte[] biasBytes = new byte[n * 4];
        for (int j = 0; j < n; j++) {
            bias[j] = (j - 6) * 1000;
            for (int q = 0; q < 4; q++) {
                biasBytes[j * 4 + q] = (byte) (bias[j] >>> (8 * q));
            }
        }
        top.map().write(at[0], a);
        top.map().write(at[1], b);
        top.map().write(biasAt, biasBytes);
        top.run(compiled.program());
        byte[] c = top.map().read(at[2], m * n * 4);
        int negatives = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = bias[j];
                for (int q = 0; q < k; q++) {
                    s += a[i * k + q] * b[q * n + j];
                }
                negatives += s < 0 ? 1 : 0;
                int o = (i * n + j) * 4;
                int bits = (c[o] & 0xFF) | (c[o + 1] & 0xFF) << 8 | (c[o + 2] & 0xFF) << 16 | c[o + 3] << 24;
                assertEquals((float) Math.max(s, 0), Float.intBitsToFloat(bits), "C[" + i + "][" + j + "]");
            }
        }
        assertTrue(negatives > 0 && negatives < m * n, "the bias must put some results on each side of 0");
    }

    private static int lastBefore(List<Instruction> in, int i, Op op, long dst) {
        for (int j = i - 1; j >= 0; j--) {
            if (in.get(j).op() == op && in.get(j).dst() == dst) {
                return j;
            }
        }
        throw new AssertionError("no " + op + " into " + dst + " before " + i);
    }

    private static int lastFeedInto(List<Instruction> in, int i, long dst) {
        for (int j = i - 1; j >= 0; j--) {
            Op op = in.get(j).op();
            if ((op == Op.FEED_ROWS || op == Op.FEED_COLS) && in.get(j).dst() == dst) {
                return j;
            }
        }
        throw new AssertionError("no feed into " + dst + " before " + i);
    }

    private static byte[] random(int n, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) r.nextLong();
        }
        return out;
    }
}

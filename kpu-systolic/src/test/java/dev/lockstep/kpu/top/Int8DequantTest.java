package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.isa.Dequant;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.isa.ProgramJson;
import dev.lockstep.kpu.quant.QuantFormat;
import dev.lockstep.kpu.quant.QuantizedWeights;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Quantized weights on the int8 array (docs/kpu-top.md, "Quantized weights"): BM_DEQUANT writes the
 * codes as int8 operands, every weight group's int32 partial sums are drained through scale_acc into
 * an fp32 C tile in L3. Without activation scales: out = sum over groups, ascending, of sw[g] x
 * (X_int8 . Q_g), in fp32.
 */
class Int8DequantTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    private static final KpuConfig EDGE = KpuConfig.load("edge_ai");
    private static final long L1 = MINIMAL.hierarchy().l1().base();
    private static final long L2 = MINIMAL.hierarchy().l2().base();
    private static final long L3 = MINIMAL.hierarchy().l3().base();

    private static byte[] int8s(long seed, int count) {
        Random r = new Random(seed);
        byte[] a = new byte[count];
        for (int i = 0; i < count; i++) {
            a[i] = (byte) (r.nextInt(255) - 127);
        }
        return a;
    }

    private static float[] gaussian(long seed, int count) {
        Random r = new Random(seed);
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static byte[] fp16(float[] scales) {
        byte[] b = new byte[scales.length * 2];
        for (int i = 0; i < scales.length; i++) {
            short h = Float.floatToFloat16(scales[i]);
            b[2 * i] = (byte) h;
            b[2 * i + 1] = (byte) (h >> 8);
        }
        return b;
    }

    /**
     * The reference, a plain loop: per output element, for each weight group in ascending order, the
     * int32 sum of x code over the group's rows, times the group's fp32 scale (one rounding), the
     * first group's product taken as it is, each later one added in fp32.
     */
    private static float[] expected(byte[] x, QuantizedWeights q, int m) {
        int k = q.k();
        int n = q.n();
        int g = q.groupSize();
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int group = 0; group * g < k; group++) {
                    int part = 0;
                    for (int kk = group * g; kk < Math.min(k, group * g + g); kk++) {
                        part += x[i * k + kk] * q.codes()[kk * n + j];
                    }
                    float v = q.scales()[group * n + j] * (float) part;
                    acc = group == 0 ? v : acc + v;
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    private record Run(float[] c, KpuResult result, Program program) {
    }

    /** C = X x Q on the int8 array at pe on minimal with tiles ti x tj x tk. */
    private static Run runPe(byte[] x, QuantizedWeights q, int m, int ti, int tj, int tk) {
        int k = q.k();
        int n = q.n();
        Dequant format = new Dequant(q.format().bits(), q.groupSize());
        Program p = MatmulCompiler.compile(MINIMAL, m, n, k, DType.INT8, ti, tj, tk, format).program();
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.INT8, format);
        top.map().write(at[0], x);
        // n is even: the row-padded int4 layout is QuantizedWeights.packed() as it is
        top.map().write(at[1], q.packed());
        top.map().write(at[3], fp16(q.scales()));
        KpuResult r = top.run(p);
        byte[] c = top.map().read(at[2], m * n * 4);
        float[] out = new float[m * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((c[4 * i] & 0xFF) | (c[4 * i + 1] & 0xFF) << 8 | (c[4 * i + 2] & 0xFF) << 16 | c[4 * i + 3] << 24);
        }
        return new Run(out, r, p);
    }

    @Test
    void oneKStepPerGroupEqualsTheGroupwiseLoop() {
        // 16 x 24 x 32, int4 in groups of 8 (4 groups, tk = 8) and int8 in groups of 16 (2 groups, tk = 16)
        int m = 16, n = 24, k = 32;
        byte[] x = int8s(1, m * k);
        float[] w = gaussian(2, k * n);
        for (var f : List.of(new Object[] {QuantFormat.INT4, 8}, new Object[] {QuantFormat.INT8, 16})) {
            int group = (Integer) f[1];
            QuantizedWeights q = QuantizedWeights.quantize(w, k, n, (QuantFormat) f[0], group);
            Run r = runPe(x, q, m, 8, 8, group);
            assertArrayEquals(expected(x, q, m), r.c(), 0f, f[0] + " group " + group);
        }
    }

    @Test
    void twoKStepsPerGroupAccumulateInt32BeforeTheScale() {
        // int8 in groups of 16 with k-steps of 8: the second k-step of a group adds to the int32
        // accumulators (exact), so the result is still the groupwise loop's, element for element
        int m = 16, n = 24, k = 32;
        byte[] x = int8s(3, m * k);
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(4, k * n), k, n, QuantFormat.INT8, 16);
        Run r = runPe(x, q, m, 8, 8, 8);
        assertArrayEquals(expected(x, q, m), r.c(), 0f);
        // 6 C tiles (2 x 3 of 8 x 8), each 2 groups: 12 scale_acc drains, 6 of them writing (the first
        // group), 6 adding; computes: 6 x 4 k-steps, the group's second (k0 = 8, 24) accumulating
        List<Instruction> drains = r.program().instructions().stream().filter(i -> i.op() == Op.DRAIN).toList();
        assertEquals(12, drains.size());
        assertTrue(drains.stream().allMatch(Instruction::scalesGroup));
        assertEquals(6, drains.stream().filter(i -> !i.accumulate()).count());
        List<Instruction> computes = r.program().instructions().stream().filter(i -> i.op() == Op.COMPUTE).toList();
        assertEquals(24, computes.size());
        assertEquals(12, computes.stream().filter(Instruction::accumulate).count());
    }

    @Test
    void theCompilerPicksKStepsInsideTheGroups() {
        // the cost model's own tiling: every k-step lies in one group, and the product is the loop's
        int m = 16, n = 24, k = 32;
        byte[] x = int8s(5, m * k);
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(6, k * n), k, n, QuantFormat.INT4, 8);
        var compiled = MatmulCompiler.compile(MINIMAL, m, n, k, DType.INT8, new Dequant(4, 8));
        assertEquals(0, 8 % compiled.tiling().tk(), "tk " + compiled.tiling().tk());
        Run r = runPe(x, q, m, compiled.tiling().ti(), compiled.tiling().tj(), compiled.tiling().tk());
        assertArrayEquals(expected(x, q, m), r.c(), 0f);
    }

    @Test
    void externalBytesAndDrainsByHand() {
        // 16 x 24 x 32 int8, int4 in groups of 8, tiles 8 x 8 x 8 (mt 2, nt 3, kt 4, one compute tile):
        // A: every k-step loads its 8 x 8 x 1 B tile (kt > 1): 2 x 3 x 4 x 64 = 1536.
        // B: per tile codes 8 rows x 8 / 2 = 32 B, reloaded for each ti (kt > 1): 2 x 3 x 4 x 32 = 768;
        //    each C tile loads each group's scale row for its 8 columns, 8 x 2 = 16 B: 6 x 4 x 16 = 384.
        // C: fp32 16 x 24 x 4 = 1536 stored. Total 1536 + 1152 + 1536 = 4224.
        int m = 16, n = 24, k = 32;
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(7, k * n), k, n, QuantFormat.INT4, 8);
        Run r = runPe(int8s(8, m * k), q, m, 8, 8, 8);
        assertEquals(4224L, r.result().bytesPerLevel().get("external"));
        var compiled = MatmulCompiler.compile(MINIMAL, m, n, k, DType.INT8, 8, 8, 8, new Dequant(4, 8));
        assertEquals(4224L, compiled.tiling().externalBytes());
        // one drain per group per C tile: K / group = 4 x 6 C tiles = 24
        assertEquals(24, r.program().instructions().stream().filter(i -> i.op() == Op.DRAIN).count());
        // the BM_DEQUANTs write int8 operands and read no scales
        assertTrue(r.program().instructions().stream().filter(i -> i.op() == Op.BM_DEQUANT)
                .allMatch(i -> i.elem() == 1 && i.src2() == null));
    }

    @Test
    void theLastGroupsDrainAddsTheBiasAndActivates() {
        // an MLP layer (bias + ReLU) with int4 weights in groups of 8, the cost model's tiling: the last
        // group's drain is scale_acc_bias_act and C = max(0, loop + bias), the bias fp32 (at the address
        // after C, in external memory, loaded into L3 once)
        int m = 16, n = 24, k = 32;
        byte[] x = int8s(11, m * k);
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(12, k * n), k, n, QuantFormat.INT4, 8);
        float[] bias = gaussian(13, n);
        Dequant format = new Dequant(4, 8);
        Program p = MatmulCompiler.compileMlp(MINIMAL, m, n, k, DType.INT8, Activation.RELU, format).program();
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.INT8, format);
        top.map().write(at[0], x);
        top.map().write(at[1], q.packed());
        top.map().write(at[3], fp16(q.scales()));
        byte[] b = new byte[n * 4];
        for (int c = 0; c < n; c++) {
            int bits = Float.floatToRawIntBits(bias[c]);
            for (int j = 0; j < 4; j++) {
                b[4 * c + j] = (byte) (bits >>> (8 * j));
            }
        }
        top.map().write((at[2] + (long) m * n * 4 + 63) / 64 * 64, b);
        top.run(p);
        byte[] c = top.map().read(at[2], m * n * 4);
        float[] expected = expected(x, q, m);
        for (int i = 0; i < m * n; i++) {
            float want = Math.max(0f, expected[i] + bias[i % n]);
            assertEquals(want, Float.intBitsToFloat(le(c, 4 * i)), 0f, "element " + i);
        }
        long fused = p.instructions().stream().filter(i -> "scale_acc_bias_act".equals(i.epilogue())).count();
        long drains = p.instructions().stream().filter(i -> i.op() == Op.DRAIN).count();
        // one fused drain per C tile, K / 8 = 4 drains per C tile
        assertEquals(4 * fused, drains);
    }

    @Test
    void groupSizedKStepsReloadA() {
        // 64 x 256 x 128 int8 on minimal (a small FFN's fc1). Operand-width B: the cost model keeps a
        // whole-K A tile (tk = 128): A 64 x 128 = 8192 B once, B 128 x 256 = 32768 B once, C 64 x 256 x 4
        // = 65536 B: 106496. int4 in groups of 32: tk <= 32, so A (kt = 4) is reloaded for each of the
        // nt = 4 column tiles: 32768; B codes 128 x 256 / 2 = 16384 once (mt = 1) + each C tile's 4 group
        // scale rows for its columns, over the one row of C tiles 4 x 256 x 2 = 2048: 18432; C 65536:
        // 116736, more than with int8 operands. (The tiling is 64 x 64 x 32.)
        KpuConfig c = KpuConfig.load("minimal");
        assertEquals(106496L, MatmulCompiler.compile(c, 64, 256, 128, DType.INT8).tiling().externalBytes());
        var int4 = MatmulCompiler.compile(c, 64, 256, 128, DType.INT8, new Dequant(4, 32)).tiling();
        assertEquals(List.of(64, 64, 32), List.of(int4.ti(), int4.tj(), int4.tk()));
        assertEquals(116736L, int4.externalBytes());
    }

    private static long drainCycles(KpuConfig c, Instruction drain) {
        KpuTop top = new KpuTop(c, Fidelity.TILE, TransactionLog.none());
        top.run(Program.of("drain", "int8", drain.rows(), drain.cols(), 1, List.of(drain)));
        long period = c.hierarchy().clocks().stream().filter(k -> k.name().equals(c.arrayClock())).findFirst().orElseThrow().periodPs();
        return (top.endPs(0) - top.startPs(0)) / period;
    }

    private static Instruction scaleDrain(KpuConfig c, int rows, int cols, boolean accumulate) {
        var h = c.hierarchy();
        // the scale row sits in L3 after the 16 KiB a 64 x 64 fp32 tile takes
        return Instruction.scaleDrain(0, h.l1().base(), h.l3().base() + 16384, h.l3().base(), rows, cols, cols, accumulate);
    }

    @Test
    void oneDrainsCyclesByHand() {
        // L3 latency 4 array cycles, L3 ports 2 x 64 = 128 B a cycle, vector engine 8 lanes, depth 3 (no table).
        // edge_ai 64 x 64: wavefront S = 64/16 x (64 + 15) = 316; beats B = 64 x 64/8 = 512.
        //   first group: L3 bytes 64 x 64 x 4 written + 64 x 2 scale row = 16512, P = 129: 4 + 512 + 3 = 519;
        //   a later group also reads the fp32 tile: 32896 B, P = 257; two L3 latencies (the partial
        //   tile's read returns before the first add): 8 + 512 + 3 = 523.
        assertEquals(519, drainCycles(EDGE, scaleDrain(EDGE, 64, 64, false)));
        assertEquals(523, drainCycles(EDGE, scaleDrain(EDGE, 64, 64, true)));
        // minimal 64 x 64: S = 8 x (64 + 7) = 568 > B = 512: 4 + 568 + 3 = 575; adding: 8 + 568 + 3 = 579.
        assertEquals(575, drainCycles(MINIMAL, scaleDrain(MINIMAL, 64, 64, false)));
        assertEquals(579, drainCycles(MINIMAL, scaleDrain(MINIMAL, 64, 64, true)));
        // minimal 8 x 8 (the tiles above): S = 8 + 7 = 15, B = 8, P = ceil((256 + 16) / 128) = 3 and
        // ceil((512 + 16) / 128) = 5: 4 + 15 + 3 = 22, adding 8 + 15 + 3 = 26.
        assertEquals(22, drainCycles(MINIMAL, scaleDrain(MINIMAL, 8, 8, false)));
        assertEquals(26, drainCycles(MINIMAL, scaleDrain(MINIMAL, 8, 8, true)));
        // the last group with bias + activation: two passes through the engine, 2 B beats.
        // edge_ai 64 x 64 GELU, adding: 8 + max(316, 1024, 257) + 3 + 2 (table) = 1037.
        // minimal 64 x 64 ReLU, writing (one group): 4 + max(568, 1024, 129) + 3 = 1031.
        var eh = EDGE.hierarchy();
        assertEquals(1037, drainCycles(EDGE, Instruction.scaleDrain(0, eh.l1().base(), eh.l3().base() + 16384, eh.l3().base(), 64, 64, 64,
                true, eh.l3().base() + 16512, Activation.GELU)));
        var mh = MINIMAL.hierarchy();
        assertEquals(1031, drainCycles(MINIMAL, Instruction.scaleDrain(0, mh.l1().base(), mh.l3().base() + 16384, mh.l3().base(), 64, 64,
                64, false, mh.l3().base() + 16512, Activation.RELU)));
    }

    @Test
    void theScaledDrainWritesThenAdds() {
        // a 1 x 2 tile: accumulators 3 and -5, scales 0.5 (fp16 0x3800) and 0.1 (0x2E66 = 0.0999755859375).
        // Writing: 1.5 and -0.4998779296875 (exact in fp32). Then accumulators 2 and 4 added: 1.5 + 1 = 2.5
        // and -0.4998779296875 + 0.39990234375 = -0.0999755859375.
        KpuTop first = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        first.map().write(L1, new byte[] {3, 0, 0, 0, (byte) 0xFB, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        first.map().write(L3 + 4096, new byte[] {0x00, 0x38, 0x66, 0x2E});
        first.map().write(L1 + 64, new byte[] {2, 0, 0, 0, 4, 0, 0, 0});
        Instruction write = Instruction.scaleDrain(0, L1, L3 + 4096, L3, 1, 2, 2, false);
        Instruction add = Instruction.scaleDrain(0, L1 + 64, L3 + 4096, L3, 1, 2, 2, true);
        first.run(Program.of("scale", "int8", 1, 2, 1, List.of(write, add)));
        byte[] out = first.map().read(L3, 8);
        assertEquals(2.5f, Float.intBitsToFloat(le(out, 0)), 0f);
        assertEquals(-0.0999755859375f, Float.intBitsToFloat(le(out, 4)), 0f);
    }

    @Test
    void codesAreWrittenAsInt8Operands() {
        // int4 row 1, -1, 7 / -8, 2, 0 (bytes 0xF1 0x07 / 0x28 0x00): int8 operands 01 FF 07 / F8 02 00, no scales read
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        top.map().write(L3, new byte[] {(byte) 0xF1, 0x07, 0x28, 0x00});
        KpuResult r = top.run(Program.of("codes", "int8", 1, 1, 1,
                List.of(Instruction.expandCodes(0, L3, L2, 2, 3, 3, new Dequant(4, 1)))));
        assertArrayEquals(new byte[] {1, -1, 7, -8, 2, 0}, top.map().read(L2, 6));
        assertEquals(4L, r.bytesPerLevel().get("l3"));
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | b[off + 3] << 24;
    }

    @Test
    void badFieldsAreRefusedWithIndexAndField() {
        String drain = "{\"op\":\"DRAIN\",\"engine\":0,\"src\":" + L1 + ",\"src2\":" + (L3 + 4096) + ",\"dst\":" + L3
                + ",\"rows\":8,\"cols\":8,\"src_pitch\":8,\"dst_pitch\":8,\"epilogue\":\"scale_acc\"";
        String codes = "{\"op\":\"BM_DEQUANT\",\"engine\":0,\"src\":" + L3 + ",\"dst\":" + L2
                + ",\"rows\":8,\"cols\":8,\"elem\":1,\"src_pitch\":8,\"dst_pitch\":8,\"dequant\":{\"bits\":4,\"group\":8,\"offset\":0}";
        String[][] cases = {
            {drain + ",\"elem\":4}", "instructions[0].accumulate"},
            {drain + ",\"elem\":8,\"accumulate\":true}", "instructions[0].elem"},
            {drain.replace(",\"src2\":" + (L3 + 4096), "") + ",\"elem\":4,\"accumulate\":false}", "instructions[0].src2"},
            {drain.replace("scale_acc", "scale_add") + ",\"elem\":4,\"accumulate\":false}", "instructions[0].epilogue"},
            {drain.replace(",\"epilogue\":\"scale_acc\"", "") + ",\"elem\":4,\"accumulate\":true}", "instructions[0].accumulate"},
            {codes + ",\"src2\":" + (L3 + 1024) + "}", "instructions[0].src2"},
            {drain.replace("scale_acc", "scale_acc_bias_gelu") + ",\"elem\":4,\"accumulate\":true}", "instructions[0].bias"},
            {drain.replace("scale_acc", "scale_acc_bias_swish") + ",\"elem\":4,\"accumulate\":true,\"bias\":" + L3 + "}",
                "instructions[0].epilogue"},
            {drain + ",\"elem\":4,\"accumulate\":true,\"bias\":" + L3 + "}", "instructions[0].bias"},
            {drain.replace(",\"epilogue\":\"scale_acc\"", ",\"epilogue\":\"bias_act\"") + ",\"elem\":4,\"bias\":" + L3 + "}",
                "instructions[0].bias"},
            {codes.replace("\"elem\":1", "\"elem\":3") + "}", "instructions[0].elem"},
        };
        for (String[] c : cases) {
            String json = "{\"version\":1,\"name\":\"p\",\"dtype\":\"int8\",\"m\":1,\"n\":1,\"k\":1,\"instructions\":[" + c[0] + "]}";
            ConfigException e = assertThrows(ConfigException.class, () -> ProgramJson.read(json, "p.json"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage() + " should name " + c[1]);
        }
        // scale_acc scales int32 accumulators: not on an fp32 program; its scale row must be in L3
        ConfigException onFp32 = assertThrows(ConfigException.class, () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none())
                .run(Program.of("p", "fp32", 1, 1, 1, List.of(Instruction.scaleDrain(0, L1, L3 + 4096, L3, 8, 8, 8, false)))));
        assertTrue(onFp32.getMessage().contains("instructions[0].epilogue"), onFp32.getMessage());
        ConfigException scalesInL2 = assertThrows(ConfigException.class, () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none())
                .run(Program.of("p", "int8", 1, 1, 1, List.of(Instruction.scaleDrain(0, L1, L2, L3, 8, 8, 8, false)))));
        assertTrue(scalesInL2.getMessage().contains("instructions[0].src2"), scalesInL2.getMessage());
        // int8 operands on an fp32 program, fp32 operands on an int8 one: the operand width is wrong
        ConfigException width = assertThrows(ConfigException.class, () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none())
                .run(Program.of("p", "fp32", 1, 1, 1, List.of(Instruction.expandCodes(0, L3, L2, 8, 8, 8, new Dequant(4, 8))))));
        assertTrue(width.getMessage().contains("instructions[0].elem"), width.getMessage());
        // the compiler: k-steps straddling groups, and a bias epilogue, are refused naming what
        ConfigException straddle = assertThrows(ConfigException.class,
                () -> MatmulCompiler.compile(MINIMAL, 16, 24, 32, DType.INT8, 8, 8, 16, new Dequant(4, 8)));
        assertTrue(straddle.getMessage().contains("tiling") && straddle.getMessage().contains("group"), straddle.getMessage());
        ConfigException int16 = assertThrows(ConfigException.class,
                () -> MatmulCompiler.compile(MINIMAL, 16, 24, 32, DType.INT16, new Dequant(4, 8)));
        assertTrue(int16.getMessage().contains("weights"), int16.getMessage());
    }

    @Test
    void aProgramWithScaledDrainsRoundTripsThroughJson() {
        Program p = MatmulCompiler.compile(MINIMAL, 16, 24, 32, DType.INT8, 8, 8, 8, new Dequant(8, 16)).program();
        String json = ProgramJson.write(p);
        assertTrue(json.contains("\"epilogue\":\"scale_acc\"") && json.contains("\"accumulate\":true"), json);
        assertEquals(p, ProgramJson.read(json, "p.json"));
        Program mlp = MatmulCompiler.compileMlp(MINIMAL, 16, 24, 32, DType.INT8, Activation.GELU, new Dequant(4, 8)).program();
        String mlpJson = ProgramJson.write(mlp);
        assertTrue(mlpJson.contains("\"epilogue\":\"scale_acc_bias_gelu\"") && mlpJson.contains("\"bias\":"), mlpJson);
        Instruction last = mlp.instructions().stream().filter(i -> "scale_acc_bias_gelu".equals(i.epilogue())).findFirst().orElseThrow();
        // it is a scale drain with GELU after the bias, not a bias epilogue on int32 accumulators
        assertTrue(last.scalesGroup() && last.scaleActivation() == Activation.GELU && last.epilogueActivation() == null);
        assertEquals(mlp, ProgramJson.read(mlpJson, "p.json"));
    }
}

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
import dev.lockstep.kpu.quant.QuantMatmul;
import dev.lockstep.kpu.quant.QuantizedWeights;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quantized weights executed: packed in external memory, loaded packed, expanded by BM_DEQUANT (docs/kpu-top.md). */
class DequantTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    private static final long L3 = MINIMAL.hierarchy().l3().base();
    private static final long L2 = MINIMAL.hierarchy().l2().base();

    /** Runs C = X x W (fp32 array, W quantized) at pe on minimal with the given tiles; returns C. */
    private static float[] runPe(float[] x, QuantizedWeights q, int m, int ti, int tj, int tk, KpuResult[] result) {
        int k = q.k();
        int n = q.n();
        Dequant format = new Dequant(q.format().bits(), q.groupSize());
        var compiled = MatmulCompiler.compile(MINIMAL, m, n, k, DType.FP32, ti, tj, tk, format);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.FP32, format);
        top.map().write(at[0], floats(x));
        // n is even here, so the row-padded int4 layout is QuantizedWeights.packed() as it is
        top.map().write(at[1], q.packed());
        top.map().write(at[3], fp16(q.scales()));
        result[0] = top.run(compiled.program());
        byte[] c = top.map().read(at[2], m * n * 4);
        float[] out = new float[m * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((c[4 * i] & 0xFF) | (c[4 * i + 1] & 0xFF) << 8 | (c[4 * i + 2] & 0xFF) << 16 | c[4 * i + 3] << 24);
        }
        return out;
    }

    /** The scales as little-endian fp16 (they are fp16 values already, so exactly). */
    private static byte[] fp16(float[] scales) {
        byte[] b = new byte[scales.length * 2];
        for (int i = 0; i < scales.length; i++) {
            short h = Float.floatToFloat16(scales[i]);
            b[2 * i] = (byte) h;
            b[2 * i + 1] = (byte) (h >> 8);
        }
        return b;
    }

    private static byte[] floats(float[] v) {
        byte[] b = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToRawIntBits(v[i]);
            for (int j = 0; j < 4; j++) {
                b[4 * i + j] = (byte) (bits >>> (8 * j));
            }
        }
        return b;
    }

    private static float[] gaussian(long seed, int count) {
        Random r = new Random(seed);
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void oneKStepEqualsQuantMatmulWeightOnlyElementForElement() {
        // 16 x 24 x 32, tiles 8 x 8 x 32: one k-step, so every C element is one ascending fp32 sum over
        // k of x times the dequantized weight, exactly QuantMatmul.weightOnly's loop. int4 in groups of
        // 8 and int8 in groups of 16 (4 and 2 scale rows per B tile).
        int m = 16, n = 24, k = 32;
        float[] x = gaussian(1, m * k);
        float[] w = gaussian(2, k * n);
        for (var f : List.of(new Object[] {QuantFormat.INT4, 8}, new Object[] {QuantFormat.INT8, 16})) {
            QuantizedWeights q = QuantizedWeights.quantize(w, k, n, (QuantFormat) f[0], (Integer) f[1]);
            KpuResult[] r = new KpuResult[1];
            float[] c = runPe(x, q, m, 8, 8, 32, r);
            assertArrayEquals(QuantMatmul.weightOnly(x, m, k, q), c, 0f, f[0] + " group " + f[1]);
        }
    }

    @Test
    void anOddWidthInt4MatrixIsStoredInByteAlignedRows() {
        // N = 9: each int4 row takes ceil(9 / 2) = 5 bytes, element c of row r in byte 5 r + c / 2 (low
        // nibble for even c), the last nibble of a row unused. Tiles 8 x 16 x 16: one tile across N and
        // one k-step, so C equals QuantMatmul.weightOnly element for element.
        int m = 8, n = 9, k = 16;
        float[] x = gaussian(9, m * k);
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(10, k * n), k, n, QuantFormat.INT4, 8);
        byte[] rows = new byte[k * 5];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                int nibble = q.codes()[r * n + c] & 0xF;
                rows[r * 5 + c / 2] |= (byte) (c % 2 == 0 ? nibble : nibble << 4);
            }
        }
        Dequant format = new Dequant(4, 8);
        var compiled = MatmulCompiler.compile(MINIMAL, m, n, k, DType.FP32, 8, 16, 16, format);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.FP32, format);
        top.map().write(at[0], floats(x));
        top.map().write(at[1], rows);
        top.map().write(at[3], fp16(q.scales()));
        top.run(compiled.program());
        byte[] c = top.map().read(at[2], m * n * 4);
        float[] actual = new float[m * n];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = Float.intBitsToFloat((c[4 * i] & 0xFF) | (c[4 * i + 1] & 0xFF) << 8 | (c[4 * i + 2] & 0xFF) << 16 | c[4 * i + 3] << 24);
        }
        assertArrayEquals(QuantMatmul.weightOnly(x, m, k, q), actual, 0f);
    }

    @Test
    void kStepsAlignedToGroupsAccumulateTheirPartialSums() {
        // tiles 8 x 8 x 8 with int4 in groups of 8: four k-steps, each one group (one scale row per B
        // tile). The array sums each k-step from zero in ascending k and adds it to the accumulators,
        // so C = (((p0) + p1) + p2) + p3 with p_q the fp32 sum over its 8 k: computed here from the
        // dequantized weights, element for element.
        int m = 16, n = 24, k = 32;
        float[] x = gaussian(3, m * k);
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(4, k * n), k, n, QuantFormat.INT4, 8);
        float[] wd = q.dequantize();
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int s = 0; s < k; s += 8) {
                    float part = 0;
                    for (int kk = s; kk < s + 8; kk++) {
                        part += x[i * k + kk] * wd[kk * n + j];
                    }
                    acc = s == 0 ? part : acc + part;
                }
                expected[i * n + j] = acc;
            }
        }
        KpuResult[] r = new KpuResult[1];
        assertArrayEquals(expected, runPe(x, q, m, 8, 8, 8, r), 0f);
    }

    @Test
    void kStepsAcrossGroupBoundariesTakeTheirScaleRows() {
        // 16 x 24 x 48, int4 in groups of 16, k-steps of 24: the first covers groups 0 and half of 1
        // (offset 0, 2 scale rows), the second starts at row 8 of group 1 (offset 8: rows 24..47 ->
        // groups 1 and 2). C = p0 + p1 with p_q the fp32 sum over its 24 k of x times the dequantized
        // weight, computed here.
        int m = 16, n = 24, k = 48;
        float[] x = gaussian(7, m * k);
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(8, k * n), k, n, QuantFormat.INT4, 16);
        float[] wd = q.dequantize();
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float[] part = new float[2];
                for (int kk = 0; kk < k; kk++) {
                    part[kk / 24] += x[i * k + kk] * wd[kk * n + j];
                }
                expected[i * n + j] = part[0] + part[1];
            }
        }
        KpuResult[] r = new KpuResult[1];
        assertArrayEquals(expected, runPe(x, q, m, 8, 8, 24, r), 0f);
    }

    @Test
    void theBLoadsMoveCodesAndScalesOffChip() {
        // 16 x 24 x 32 fp32, int4 groups of 8, tiles 8 x 8 x 32 (kt = 1, nt = 3, mt = 2):
        // A: 16 x 32 x 4 B = 2048, loaded once per ti (kt = 1): 2048.
        // B: per tile codes 32 rows x 8 / 2 = 128 B + scales 32 / 8 = 4 rows x 8 x 2 B = 64 B = 192 B;
        //    loaded for each of the 2 x 3 C tiles (nt > 1): 6 x 192 = 1152 (= 2 x weightBytes(32, 24, 8)
        //    = 2 x (384 + 192)).
        // C: 16 x 24 x 4 B = 1536 stored.
        // External total 2048 + 1152 + 1536 = 4736, against 2048 + 6 x 1024 + 1536 = 9728 with fp32 B.
        int m = 16, n = 24, k = 32;
        QuantizedWeights q = QuantizedWeights.quantize(gaussian(5, k * n), k, n, QuantFormat.INT4, 8);
        KpuResult[] r = new KpuResult[1];
        runPe(gaussian(6, m * k), q, m, 8, 8, 32, r);
        assertEquals(4736L, r[0].bytesPerLevel().get("external"));
        assertEquals(2 * QuantFormat.INT4.weightBytes(32, 24, 8), 1152L);
        var plain = MatmulCompiler.compile(MINIMAL, m, n, k, DType.FP32, 8, 8, 32);
        KpuResult p = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(plain.program());
        assertEquals(9728L, p.bytesPerLevel().get("external"));
    }

    private static Program single(DType dtype, Instruction in) {
        return Program.of("dequant", dtype.lowerName(), 1, 1, 1, List.of(in));
    }

    @Test
    void theMoveStreamsTheLargerSideAtTheBlockMoversRate() {
        // minimal: BlockMover 64 B per fabric cycle (2 ns), L3 and L2 2 ports x 64 B, latencies 4 and 2
        // fabric cycles. Flow timing: bytes / 64 cycles + 4 + 2.
        // int4 32 x 8 -> fp32: reads 128 B codes + 4 x 8 x 2 = 64 B scales = 192, writes 32 x 8 x 4 =
        // 1024: 1024 / 64 = 16 + 6 = 22 cycles.
        // int8 groups of 1, 32 x 8 -> bf16: reads 256 + 32 x 8 x 2 = 512 = 768, writes 512: the read side
        // is larger, 768 / 64 = 12 + 6 = 18 cycles.
        Instruction int4 = Instruction.dequant(0, L3, L3 + 1024, L2, 32, 8, 4, 8, new Dequant(4, 8));
        KpuResult a = new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(single(DType.FP32, int4));
        assertEquals(22, a.cycles());
        assertEquals(192L, a.bytesPerLevel().get("l3"));
        assertEquals(1024L, a.bytesPerLevel().get("l2"));
        Instruction int8 = Instruction.dequant(0, L3, L3 + 1024, L2, 32, 8, 2, 8, new Dequant(8, 1));
        KpuResult b = new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(single(DType.BF16, int8));
        assertEquals(18, b.cycles());
        // The burst engine streams the same 1024 B as a 32 x 8 fp32 BM_MOVE, through the same ports.
        KpuResult burst = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(single(DType.FP32, int4));
        KpuResult move = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none())
                .run(single(DType.FP32, Instruction.block(Op.BM_MOVE, 0, L3, L2, 32, 8, 4, 8, 8)));
        assertEquals(move.cycles(), burst.cycles());
    }

    @Test
    void theExpandedTileIsCodeTimesScaleAsFp32AndBf16() {
        // A 2 x 3 int4 block in groups of 1 (a scale per element row): codes row 0 = 1, -1, 7 (bytes
        // 0xF1, 0x07: elements 0, 1 in the low and high nibble, element 2 in the next byte's low
        // nibble, each row padded to 2 bytes), row 1 = -8 (0x8), 2, 0 (bytes 0x28, 0x00). Scales row 0
        // 0.5 (fp16 0x3800), row 1 0.1 (fp16 0x2E66 = 0.0999755859375).
        // fp32: 0.5, -0.5, 3.5 / -0.7998046875, 0.199951171875, 0.
        // bf16 (round to nearest even of the fp32 product): 0.5 = 0x3F00, -0.5 = 0xBF00, 3.5 = 0x4060;
        // -0.7998046875 = 0xBF4CC000 -> 0xBF4D (the dropped 0xC000 is above half); 0.199951171875 =
        // 0x3E4CC000 -> 0x3E4D; 0 -> 0.
        byte[] codes = {(byte) 0xF1, 0x07, 0x28, 0x00};
        byte[] scales = {0x00, 0x38, 0x00, 0x38, 0x00, 0x38, 0x66, 0x2E, 0x66, 0x2E, 0x66, 0x2E};
        float[] fp32 = {0.5f, -0.5f, 3.5f, -0.7998046875f, 0.199951171875f, 0f};
        int[] bf16 = {0x3F00, 0xBF00, 0x4060, 0xBF4D, 0x3E4D, 0};
        for (DType d : List.of(DType.FP32, DType.BF16)) {
            int e = d == DType.FP32 ? 4 : 2;
            KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
            top.map().write(L3, codes);
            top.map().write(L3 + 64, scales);
            top.run(single(d, Instruction.dequant(0, L3, L3 + 64, L2, 2, 3, e, 3, new Dequant(4, 1))));
            byte[] out = top.map().read(L2, 6 * e);
            for (int i = 0; i < 6; i++) {
                int bits = 0;
                for (int j = 0; j < e; j++) {
                    bits |= (out[i * e + j] & 0xFF) << (8 * j);
                }
                if (e == 4) {
                    assertEquals(fp32[i], Float.intBitsToFloat(bits), 0f, "fp32 element " + i);
                } else {
                    assertEquals(bf16[i], bits, d + " element " + i);
                }
            }
        }
    }

    @Test
    void badFieldsAreRefusedWithIndexAndField() {
        String ok = "{\"op\":\"BM_DEQUANT\",\"engine\":0,\"src\":" + L3 + ",\"src2\":" + (L3 + 1024) + ",\"dst\":" + L2
                + ",\"rows\":32,\"cols\":8,\"elem\":4,\"src_pitch\":8,\"dst_pitch\":8";
        String[][] cases = {
            {ok + "}", "instructions[0].dequant"},
            {ok + ",\"dequant\":{\"bits\":3,\"group\":8,\"offset\":0}}", "instructions[0].dequant.bits"},
            {ok + ",\"dequant\":{\"bits\":4,\"group\":0,\"offset\":0}}", "instructions[0].dequant.group"},
            {ok + ",\"dequant\":{\"bits\":4,\"group\":8,\"offset\":8}}", "instructions[0].dequant.offset"},
            {ok.replace("\"src_pitch\":8", "\"src_pitch\":16") + ",\"dequant\":{\"bits\":4,\"group\":8,\"offset\":0}}", "instructions[0].src_pitch"},
            {ok.replace("\"elem\":4", "\"elem\":8") + ",\"dequant\":{\"bits\":4,\"group\":8,\"offset\":0}}", "instructions[0].elem"},
            // to int8 operands the codes go unscaled: a scale address is an error
            {ok.replace("\"elem\":4", "\"elem\":1") + ",\"dequant\":{\"bits\":4,\"group\":8,\"offset\":0}}", "instructions[0].src2"},
            {ok.replace(",\"src2\":" + (L3 + 1024), "") + ",\"dequant\":{\"bits\":4,\"group\":8,\"offset\":0}}", "instructions[0].src2"},
            {"{\"op\":\"BM_MOVE\",\"engine\":0,\"src\":" + L3 + ",\"dst\":" + L2
                    + ",\"rows\":1,\"cols\":8,\"elem\":4,\"src_pitch\":8,\"dst_pitch\":8,\"dequant\":{\"bits\":4,\"group\":8,\"offset\":0}}",
                "instructions[0].dequant"},
        };
        for (String[] c : cases) {
            String json = "{\"version\":1,\"name\":\"p\",\"dtype\":\"fp32\",\"m\":1,\"n\":1,\"k\":1,\"instructions\":[" + c[0] + "]}";
            ConfigException e = assertThrows(ConfigException.class, () -> ProgramJson.read(json, "p.json"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage() + " should name " + c[1]);
        }
        // An int8 program takes int8 operands (Int8DequantTest), not fp32 ones.
        Instruction fp32 = Instruction.dequant(0, L3, L3 + 1024, L2, 32, 8, 4, 8, new Dequant(4, 8));
        ConfigException refused = assertThrows(ConfigException.class,
                () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(single(DType.INT8, fp32)));
        assertTrue(refused.getMessage().contains("instructions[0].elem") && refused.getMessage().contains("int8"), refused.getMessage());
        ConfigException bf16Width = assertThrows(ConfigException.class,
                () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(single(DType.BF16, fp32)));
        assertTrue(bf16Width.getMessage().contains("instructions[0].elem"), bf16Width.getMessage());
        // scales outside L3
        Instruction scalesInL2 = Instruction.dequant(0, L3, L2 + 4096, L2, 32, 8, 4, 8, new Dequant(4, 8));
        ConfigException where = assertThrows(ConfigException.class,
                () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(single(DType.FP32, scalesInL2)));
        assertTrue(where.getMessage().contains("instructions[0].src2"), where.getMessage());
    }

    @Test
    void aProgramWithDequantMovesRoundTripsThroughJson() {
        // k-steps of 8 rows in groups of 16: the second k-step starts at row 8 of its group
        Program p = MatmulCompiler.compile(MINIMAL, 16, 24, 32, DType.BF16, 8, 8, 8, new Dequant(4, 16)).program();
        assertTrue(p.instructions().stream().anyMatch(i -> i.op() == Op.BM_DEQUANT));
        String json = ProgramJson.write(p);
        assertTrue(json.contains("\"dequant\":{\"bits\":4,\"group\":16,\"offset\":8}"), json);
        assertEquals(p, ProgramJson.read(json, "p.json"));
    }
}

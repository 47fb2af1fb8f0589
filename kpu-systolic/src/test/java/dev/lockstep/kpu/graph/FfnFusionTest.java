package dev.lockstep.kpu.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.engine.TransactionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ffn fusion: fc1 + bias+activation drains H' into L3, fc2 reads it there. */
class FfnFusionTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");

    private static long compulsory(KernelGraph g, KpuConfig config, boolean fuse) {
        long sum = 0;
        for (FusedKernel f : GraphPlanner.plan(g, config, fuse)) {
            sum += GraphRunner.compulsoryBytes(g, f);
        }
        return sum;
    }

    @Test
    void smallFp32FfnKeepsItsHiddenActivationsOnChip() {
        // T = 32, d = 16, hidden 64, fp32 (every tensor 4 B an element) on minimal (64 KiB L3: budget 32768 B).
        // Elements: X = Y = Y' = 512, W1 = W2 = 1024, H = H' = 2048, b1 = 64, b2 = 16. H' = 8192 B fits.
        // Unfused: fc1 X+W1+H 3584 | gelu H+b1+H' 4160 | fc2 H'+W2+Y 3584 | bias2 Y+b2+Y' 1040 = 12368 el = 49472 B.
        // Fused:   X + W1 + b1 + W2 + b2 + Y' = 3152 el = 12608 B; saved 2 (H + H' + Y) = 9216 el = 36864 B.
        KernelGraph g = GraphWorkloads.ffn("ffn", DType.FP32, 32, 16, 64);
        List<FusedKernel> plan = GraphPlanner.plan(g, MINIMAL, true);
        assertEquals(1, plan.size());
        assertEquals("ffn", plan.getFirst().fusion());
        assertEquals("fc1+gelu+fc2+bias2", plan.getFirst().name());
        assertEquals(36864, plan.getFirst().savedBytes());
        assertEquals(49472, compulsory(g, MINIMAL, false));
        assertEquals(12608, compulsory(g, MINIMAL, true));

        GraphRunner runner = new GraphRunner(MINIMAL, DType.FP32);
        GraphResult fused = runner.run(g, true);
        GraphResult unfused = runner.run(g, false);
        // One tile covers each matmul on minimal, so nothing is reloaded: external = compulsory.
        assertEquals(12608, fused.externalBytes());
        assertEquals(49472, unfused.externalBytes());
        // The group's time is its two resident programs (the epilogues are in their drains), nothing else.
        var fc1 = MatmulCompiler.compileResident(MINIMAL, 32, 64, 16, DType.FP32, false, true, Activation.GELU);
        var fc2 = MatmulCompiler.compileResident(MINIMAL, 32, 16, 64, DType.FP32, true, false, Activation.NONE);
        assertEquals(cycles(fc1) + cycles(fc2), fused.cycles());
        // fc1 stores nothing off chip and loads X (2048 B), W1 (4096 B), b1 (256 B); fc2 loads W2 (4096 B)
        // and b2 (64 B), stores Y' (2048 B) and loads no A: 12608 B together, the hand count above.
        assertEquals(0, dmaBytes(fc1, Op.DMA_STORE));
        assertEquals(2048 + 4096 + 256, dmaBytes(fc1, Op.DMA_LOAD));
        assertEquals(4096 + 64, dmaBytes(fc2, Op.DMA_LOAD));
        assertEquals(2048, dmaBytes(fc2, Op.DMA_STORE));
    }

    @Test
    void smallInt8FfnCountsAccumulatorsAndOperandsAtTheirWidths() {
        // int8: operands 1 B, accumulators and biases 4 B. T = 32, d = 16, hidden 64 on minimal.
        // X 512, W1 1024, H 2048 x 4 = 8192, b1 256, H' 2048, W2 1024, Y 512 x 4 = 2048, b2 64, Y' 512 B.
        // Unfused: fc1 512 + 1024 + 8192 | gelu 8192 + 256 + 2048 | fc2 2048 + 1024 + 2048 | bias2 2048 + 64 + 512 = 27968 B.
        // Fused: X + W1 + b1 + W2 + b2 + Y' = 512 + 1024 + 256 + 1024 + 64 + 512 = 3392 B; saved 2 (8192 + 2048 + 2048) = 24576 B.
        KernelGraph g = GraphWorkloads.ffn("ffn", DType.INT8, 32, 16, 64);
        FusedKernel f = GraphPlanner.plan(g, MINIMAL, true).getFirst();
        assertEquals("ffn", f.fusion());
        assertEquals(24576, f.savedBytes());
        assertEquals(27968, compulsory(g, MINIMAL, false));
        assertEquals(3392, compulsory(g, MINIMAL, true));
        GraphResult fused = new GraphRunner(MINIMAL, DType.INT8).run(g, true);
        GraphResult unfused = new GraphRunner(MINIMAL, DType.INT8).run(g, false);
        assertEquals(3392, fused.externalBytes());
        assertEquals(27968, unfused.externalBytes());
    }

    @Test
    void refusedWhenTheHiddenActivationsDoNotFitAndTheEpiloguesTakeOver() {
        // fp32 T = 256: H' = 256 x 64 x 4 = 65536 B > 32768 B, half of minimal's L3: fc1+gelu and fc2+bias2
        // fuse as epilogues, saving 2 H and 2 Y = 2 x 65536 and 2 x 16384 B.
        KernelGraph big = GraphWorkloads.ffn("ffn", DType.FP32, 256, 16, 64);
        List<FusedKernel> plan = GraphPlanner.plan(big, MINIMAL, true);
        assertEquals(List.of("epilogue", "epilogue"), plan.stream().map(FusedKernel::fusion).toList());
        assertEquals(2 * 65536, plan.get(0).savedBytes());
        assertEquals(2 * 16384, plan.get(1).savedBytes());
        // int8 T = 1024: H' = 1024 x 64 x 1 = 65536 B > 32768 B: the epilogue fusions.
        KernelGraph int8Big = GraphWorkloads.ffn("ffn", DType.INT8, 1024, 16, 64);
        assertEquals(List.of("epilogue", "epilogue"),
                GraphPlanner.plan(int8Big, MINIMAL, true).stream().map(FusedKernel::fusion).toList());
    }

    @Test
    void int8FfnThatDidNotFitAtAccumulatorWidthFusesWithTheRequantizingDrain() {
        // int8 T = 256, d = 16, hidden 64 on minimal: H' = 256 x 64 x 1 = 16384 B, within the 32768 B budget.
        // When fc1 drained act(H + b1) as fp32 into accumulator slots, H' took 256 x 64 x 4 = 65536 B, all
        // of minimal's 64 KiB L3, and left no room for fc1's tiles: the epilogue fusions ran instead. With
        // the requantizing drain fc1 places H' at 16384 B and keeps 48 KiB for its tiles: it fuses.
        KernelGraph int8 = GraphWorkloads.ffn("ffn", DType.INT8, 256, 16, 64);
        assertEquals(List.of("ffn"), GraphPlanner.plan(int8, MINIMAL, true).stream().map(FusedKernel::fusion).toList());
        assertEquals(List.of("epilogue", "epilogue"),
                GraphPlanner.plan(int8, MINIMAL, true, false).stream().map(FusedKernel::fusion).toList());
        assertTrue(MatmulCompiler.residentFits(MINIMAL, 256, 64, 16, DType.INT8, false, true, Activation.GELU, 1f));
        assertTrue(!MatmulCompiler.residentFits(MINIMAL, 256, 64, 16, DType.INT8, false, true, Activation.GELU, null));
        // X 4096 + W1 1024 + 4 b1 256 + W2 1024 + 4 b2 64 + Y' 4096 = 10560 B.
        assertEquals(10560, compulsory(int8, MINIMAL, true));
        // fc1 stores nothing; its drains write H' once at one byte an element.
        var fc1 = MatmulCompiler.compileResident(MINIMAL, 256, 64, 16, DType.INT8, false, true, Activation.GELU, null, 1f);
        assertEquals(0, dmaBytes(fc1, Op.DMA_STORE));
        assertEquals(256 * 64, drainedBytes(fc1));
        // only an int8 program with a bias epilogue and C resident requantizes
        var fp32 = org.junit.jupiter.api.Assertions.assertThrows(dev.lockstep.sim.config.ConfigException.class,
                () -> MatmulCompiler.compileResident(MINIMAL, 256, 64, 16, DType.FP32, false, true, Activation.GELU, null, 1f));
        assertTrue(fp32.getMessage().startsWith("epilogue") && fp32.getMessage().contains("fp32"), fp32.getMessage());
        var noC = org.junit.jupiter.api.Assertions.assertThrows(dev.lockstep.sim.config.ConfigException.class,
                () -> MatmulCompiler.compileResident(MINIMAL, 256, 64, 16, DType.INT8, false, false, Activation.GELU, null, 1f));
        assertTrue(noC.getMessage().contains("C not resident"), noC.getMessage());
    }

    @Test
    void gpt2Int8FfnOnEmbodiedAiPlacesHiddenActivationsAtOneByte() {
        // GPT-2 fc1: 1024 x 3072 x 768. H' = 1024 x 3072 x 1 B = 3145728 B = 3 MiB (12 MiB at 4 B);
        // every drain requantizes, and the drains together write H' once.
        KpuConfig embodied = KpuConfig.load("embodied_ai");
        var fc1 = MatmulCompiler.compileResident(embodied, 1024, 3072, 768, DType.INT8, false, true, Activation.GELU, null, 1f);
        assertEquals(3145728L, drainedBytes(fc1));
        for (Instruction in : fc1.program().instructions()) {
            if (in.op() == Op.DRAIN) {
                assertEquals("bias_gelu_q", in.epilogue());
            }
        }
        assertEquals(0, dmaBytes(fc1, Op.DMA_STORE));
    }

    private static long drainedBytes(MatmulCompiler.Compiled c) {
        long sum = 0;
        for (Instruction in : c.program().instructions()) {
            sum += in.op() == Op.DRAIN ? in.writtenBytes() : 0;
        }
        return sum;
    }

    @Test
    void gpt2FfnFusesWhereItsHiddenActivationsFitHalfOfL3() {
        // GPT-2 FFN, T = 1024, d = 768, hidden 3072. Elements: X = Y' = 786432, W1 = W2 = 2359296,
        // H = H' = 3145728, Y = 786432, b1 = 3072, b2 = 768.
        // embodied_ai: 64 x 256 KiB L3, budget 8 MiB. int8 H' = 3 MiB fits; fp32 H' = 12 MiB does not.
        // datacenter: 256 x 512 KiB, budget 64 MiB: both fit.
        KpuConfig embodied = KpuConfig.load("embodied_ai");
        KpuConfig datacenter = KpuConfig.load("datacenter");
        KernelGraph int8 = GraphWorkloads.build("gpt2-ffn", DType.INT8);
        KernelGraph fp32 = GraphWorkloads.build("gpt2-ffn", DType.FP32);
        // int8, unfused: fc1 X + W1 + 4H | gelu 4H + 4 b1 + H' | fc2 H' + W2 + 4Y | bias2 4Y + 4 b2 + Y'
        //   = 786432 + 2359296 + 12582912 | 12582912 + 12288 + 3145728 | 3145728 + 2359296 + 3145728
        //   | 3145728 + 3072 + 786432 = 44055552 B.
        // int8, fused: X + W1 + 4 b1 + W2 + 4 b2 + Y' = 786432 + 2359296 + 12288 + 2359296 + 3072 + 786432 = 6306816 B:
        // 44055552 / 6306816 = 6.985x the whole block.
        for (KpuConfig c : List.of(embodied, datacenter)) {
            assertEquals("ffn", GraphPlanner.plan(int8, c, true).getFirst().fusion(), c.name());
            assertEquals(44055552L, compulsory(int8, c, false));
            assertEquals(6306816L, compulsory(int8, c, true));
        }
        // fp32 on embodied_ai: the epilogue fusions, X + W1 + b1 + H' | H' + W2 + b2 + Y' = 50347008 B
        // (kpu-top.md), against 81804288 unfused: 1.625x.
        assertEquals(List.of("epilogue", "epilogue"),
                GraphPlanner.plan(fp32, embodied, true).stream().map(FusedKernel::fusion).toList());
        assertEquals(50347008L, compulsory(fp32, embodied, true));
        // fp32 on datacenter: X + W1 + b1 + W2 + b2 + Y' = 4 x 6295296 = 25181184 B; 81804288 / 25181184 = 3.249x.
        assertEquals("ffn", GraphPlanner.plan(fp32, datacenter, true).getFirst().fusion());
        assertEquals(81804288L, compulsory(fp32, datacenter, false));
        assertEquals(25181184L, compulsory(fp32, datacenter, true));
    }

    @Test
    void residentProgramsAtPeFidelityComputeTheFfnElementForElement() {
        // The graph runner has no pe path, so the two programs of a fused group run here at pe: fc1 (C
        // resident, bias + ReLU on its drains) leaves H' in L3, L3 is copied whole to a second KpuTop
        // (one program per top), where fc2 (A resident, bias only) reads H'. fp32 with small integer
        // values: every product and sum is an integer below 2^24, so fp32 is exact in any order and Y'
        // must equal the plain loops exactly.
        // minimal, T = 32, d = 16, hidden 64: H' = 8 KiB, one row-major buffer at the start of L3 in both.
        assertEquals(MatmulCompiler.residentAddresses(MINIMAL, 32, 64, 16, DType.FP32, false, true)[1],
                MatmulCompiler.residentAddresses(MINIMAL, 32, 16, 64, DType.FP32, true, false)[0]);
        ffnAtPe(MINIMAL, 32, 16, 64);
        // edge_ai (2 x 128 KiB L3, 16 lanes), T = 64, d = 16, hidden 640: H' = 64 x 640 x 4 = 160 KiB is
        // more than one region, so both programs keep it in blocks of 64 x 128 (side 16 x 2^3 = 128,
        // 128 x 128 x 4 = 64 KiB = half a region; 64 rows in all): fc1's drains write with pitch 128.
        KpuConfig edge = KpuConfig.load("edge_ai");
        var fc1 = ffnAtPe(edge, 64, 16, 640);
        for (Instruction in : fc1.program().instructions()) {
            if (in.op() == Op.DRAIN) {
                assertEquals(128, in.dstPitch());
            }
        }
    }

    @Test
    void int8FfnWithTheRequantizingDrainAtPeEqualsPlainLoops() {
        // int8 on minimal, T = 32, d = 16, hidden 64: fc1 (C resident, bias + ReLU, requantized with
        // scale 0.75) writes H' as int8 into L3, L3 is copied to a second top, fc2 (A resident, bias
        // only) reads it as its int8 A and writes Y' as fp32. The loops below: int32 sums, ReLU, x 0.75
        // in fp32 (exact: a multiple of 0.25 below 2^22), ties to even, clamp; then fc2's integer sums
        // (below 2^24, exact in fp32) plus the bias.
        int t = 32;
        int d = 16;
        int hidden = 64;
        float scale = 0.75f;
        float[] x = values(t * d, 3);
        float[] w1 = values(d * hidden, 5);
        float[] b1 = values(hidden, 7);
        float[] w2 = values(hidden * d, 11);
        float[] b2 = values(d, 13);
        assertEquals(MatmulCompiler.residentAddresses(MINIMAL, t, hidden, d, DType.INT8, false, true)[1],
                MatmulCompiler.residentAddresses(MINIMAL, t, d, hidden, DType.INT8, true, false)[0]);
        var fc1 = MatmulCompiler.compileResident(MINIMAL, t, hidden, d, DType.INT8, false, true, Activation.RELU, null, scale);
        var fc2 = MatmulCompiler.compileResident(MINIMAL, t, d, hidden, DType.INT8, true, false, Activation.NONE);

        KpuTop first = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] ext1 = MatmulCompiler.operandAddresses(MINIMAL, t, hidden, d, DType.INT8);
        first.map().write(ext1[0], int8(x));
        first.map().write(ext1[1], int8(w1));
        first.map().write(align(ext1[2] + (long) t * hidden * 4), int32(b1));
        first.run(fc1.program());
        var l3 = MINIMAL.hierarchy().l3();
        byte[] onChip = first.map().read(l3.base(), Math.toIntExact(l3.bytes()));

        KpuTop second = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] ext2 = MatmulCompiler.operandAddresses(MINIMAL, t, d, hidden, DType.INT8);
        second.map().write(l3.base(), onChip);
        second.map().write(ext2[1], int8(w2));
        second.map().write(align(ext2[2] + (long) t * d * 4), int32(b2));
        second.run(fc2.program());
        byte[] y = second.map().read(ext2[2], t * d * 4);

        int ties = 0;
        for (int i = 0; i < t; i++) {
            float[] q = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                int s = (int) b1[j];
                for (int k = 0; k < d; k++) {
                    s += (int) x[i * d + k] * (int) w1[k * hidden + j];
                }
                float v = Math.max(s, 0) * scale;
                ties += v - Math.floor(v) == 0.5 ? 1 : 0;
                q[j] = (float) Math.max(-128, Math.min(127, Math.rint(v)));
            }
            for (int j = 0; j < d; j++) {
                float s = b2[j];
                for (int k = 0; k < hidden; k++) {
                    s += q[k] * w2[k * d + j];
                }
                assertEquals(s, Float.intBitsToFloat(le(y, (i * d + j) * 4)), "Y'[" + i + "][" + j + "]");
            }
        }
        assertTrue(ties > 0, "some of H' x 0.75 must fall on a tie");
    }

    private static byte[] int8(float[] v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) (int) v[i];
        }
        return out;
    }

    private static byte[] int32(float[] v) {
        byte[] out = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            int bits = (int) v[i];
            for (int j = 0; j < 4; j++) {
                out[i * 4 + j] = (byte) (bits >>> (8 * j));
            }
        }
        return out;
    }

    /** Runs the fused FFN's two programs at pe and checks Y' against plain loops; returns fc1's program. */
    private static MatmulCompiler.Compiled ffnAtPe(KpuConfig config, int t, int d, int hidden) {
        float[] x = values(t * d, 3);
        float[] w1 = values(d * hidden, 5);
        float[] b1 = values(hidden, 7);
        float[] w2 = values(hidden * d, 11);
        float[] b2 = values(d, 13);
        var fc1 = MatmulCompiler.compileResident(config, t, hidden, d, DType.FP32, false, true, Activation.RELU);
        var fc2 = MatmulCompiler.compileResident(config, t, d, hidden, DType.FP32, true, false, Activation.NONE);

        KpuTop first = new KpuTop(config, Fidelity.PE, TransactionLog.none());
        long[] ext1 = MatmulCompiler.operandAddresses(config, t, hidden, d, DType.FP32);
        first.map().write(ext1[0], bytes(x));
        first.map().write(ext1[1], bytes(w1));
        first.map().write(align(ext1[2] + (long) t * hidden * 4), bytes(b1));
        first.run(fc1.program());
        // L3 region by region (an access must lie in one).
        var l3 = config.hierarchy().l3();
        byte[][] onChip = new byte[l3.count()][];
        for (int r = 0; r < l3.count(); r++) {
            onChip[r] = first.map().read(l3.base() + r * l3.bytes(), Math.toIntExact(l3.bytes()));
        }

        KpuTop second = new KpuTop(config, Fidelity.PE, TransactionLog.none());
        long[] ext2 = MatmulCompiler.operandAddresses(config, t, d, hidden, DType.FP32);
        for (int r = 0; r < l3.count(); r++) {
            second.map().write(l3.base() + r * l3.bytes(), onChip[r]);
        }
        second.map().write(ext2[1], bytes(w2));
        second.map().write(align(ext2[2] + (long) t * d * 4), bytes(b2));
        second.run(fc2.program());
        byte[] y = second.map().read(ext2[2], t * d * 4);

        int zeros = 0;
        for (int i = 0; i < t; i++) {
            float[] hRow = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                float s = b1[j];
                for (int q = 0; q < d; q++) {
                    s += x[i * d + q] * w1[q * hidden + j];
                }
                hRow[j] = Math.max(s, 0);
                zeros += hRow[j] == 0 ? 1 : 0;
            }
            for (int j = 0; j < d; j++) {
                float s = b2[j];
                for (int q = 0; q < hidden; q++) {
                    s += hRow[q] * w2[q * d + j];
                }
                assertEquals(s, Float.intBitsToFloat(le(y, (i * d + j) * 4)), config.name() + " Y'[" + i + "][" + j + "]");
            }
        }
        assertTrue(zeros > 0 && zeros < t * hidden, "ReLU must clip some of H and keep the rest");
        return fc1;
    }

    private static long cycles(MatmulCompiler.Compiled c) {
        return new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(c.program()).cycles();
    }

    private static long dmaBytes(MatmulCompiler.Compiled c, Op op) {
        long sum = 0;
        for (Instruction in : c.program().instructions()) {
            sum += in.op() == op ? in.bytes() : 0;
        }
        return sum;
    }

    /** Integers in -3..3 from a fixed linear congruential sequence. */
    private static float[] values(int count, int seed) {
        float[] out = new float[count];
        long s = seed;
        for (int i = 0; i < count; i++) {
            s = (s * 6364136223846793005L + 1442695040888963407L);
            out[i] = (int) ((s >>> 33) % 7) - 3;
        }
        return out;
    }

    private static byte[] bytes(float[] v) {
        byte[] out = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToRawIntBits(v[i]);
            for (int j = 0; j < 4; j++) {
                out[i * 4 + j] = (byte) (bits >>> (8 * j));
            }
        }
        return out;
    }

    private static int le(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | b[off + 3] << 24;
    }

    private static long align(long v) {
        return (v + 63) / 64 * 64;
    }
}

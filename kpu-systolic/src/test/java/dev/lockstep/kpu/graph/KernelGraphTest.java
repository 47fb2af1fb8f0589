package dev.lockstep.kpu.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.compiler.ConvCompiler;
import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.quant.QuantFormat;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.EnergyConfig;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.Softmax;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelGraphTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");

    private static long compulsory(KernelGraph g, boolean fuse) {
        long sum = 0;
        for (FusedKernel f : GraphPlanner.plan(g, MINIMAL, fuse)) {
            sum += GraphRunner.compulsoryBytes(g, f);
        }
        return sum;
    }

    @Test
    void smallFfnFusedMovesTheHandCountedBytes() {
        // FFN fp32 (4-byte elements and accumulators), x 64 x 16, W1 16 x 64, W2 64 x 16:
        // X = 1024, W1 = W2 = 1024, H = H1 = 4096, Y = Y1 = 1024 elements, b1 = 64, b2 = 16.
        // Unfused: fc1 X+W1+H, gelu H+b1+H1, fc2 H1+W2+Y, bias2 Y+b2+Y1
        //   = 4 x (6144 + 8256 + 6144 + 2064) = 4 x 22608 = 90432 bytes.
        // H1 = 16384 B fits half of minimal's L3 (32768 B), so the whole block fuses (ffn):
        // X + W1 + b1 + W2 + b2 + Y1 = 4 x (1024 + 1024 + 64 + 1024 + 16 + 1024) = 4 x 4176 = 16704 bytes.
        // Saved: 2 H + 2 H1 + 2 Y = 4 x 18432 = 73728 = 90432 - 16704.
        KernelGraph g = GraphWorkloads.ffn("ffn", DType.FP32, 64, 16, 64);
        assertEquals(90432, compulsory(g, false));
        assertEquals(16704, compulsory(g, true));
        List<FusedKernel> plan = GraphPlanner.plan(g, MINIMAL, true);
        assertEquals(1, plan.size());
        assertEquals("ffn", plan.get(0).fusion());
        assertEquals(73728, plan.get(0).savedBytes());

        GraphRunner runner = new GraphRunner(MINIMAL, DType.FP32);
        GraphResult unfused = runner.run(g, false);
        GraphResult fused = runner.run(g, true);
        // MACs: 64 x 64 x 16 (fc1) + 64 x 16 x 64 (fc2) = 131072, fused or not.
        assertEquals(131072, unfused.macs());
        assertEquals(131072, fused.macs());
        assertEquals(73728, fused.savedBytes());
        assertEquals(0, unfused.savedBytes());
        assertEquals(90432, unfused.compulsoryBytes());
        assertTrue(fused.externalBytes() < unfused.externalBytes());
    }

    @Test
    void smallFfnFusedIsFasterThanUnfusedNowThatTheEpiloguePipelinesWithTheDrain() {
        // The small FFN (fp32) on minimal (8 lanes, 500 MHz array, 50 GB/s external, DMA 64 B/ns, L3 128 B
        // per 2 ns). Each matmul is one C tile (fc1 64 x 64, fc2 64 x 16), drained once at the end.
        // fc2 reads H' through a same-shape view (no kernel, no traffic), which the ffn fusion does not
        // take (FfnFusionTest covers it): here the two epilogue fusions are what runs fused.
        KernelGraph g = KernelGraph.builder("ffn", DType.FP32)
                .input("x", 1, 64, 16).weight("w1", 16, 64).bias("b1", 64).weight("w2", 64, 16).bias("b2", 16)
                .matmul("fc1", "x", "w1", "h")
                .biasAct("gelu", "h", "b1", "h_act", Activation.GELU)
                .view("h_act", "h_view", 1, 64, 64)
                .matmul("fc2", "h_view", "w2", "y")
                .biasAct("bias2", "y", "b2", "out", Activation.NONE)
                .build();
        GraphRunner runner = new GraphRunner(MINIMAL, DType.FP32);
        assertEquals(List.of("epilogue", "epilogue"), GraphPlanner.plan(g, MINIMAL, true).stream().map(FusedKernel::fusion).toList());
        List<KernelReport> unfused = runner.run(g, false).kernels();
        GraphResult fusedRun = runner.run(g, true);
        List<KernelReport> fused = fusedRun.kernels();
        // Unfused vector kernels: max(vector cycles, traffic / 50 GB/s).
        // gelu 64 x 64: 64 x 8 + 3 + 2 = 517 against 33,024 B / 50 = 660 ns = 331 cycles -> 517.
        // bias2 64 x 16: 64 x 2 + 3 = 131 against 8,256 B / 50 = 165 ns = 83 cycles -> 131.
        assertEquals(517, unfused.get(1).cycles());
        assertEquals(131, unfused.get(3).cycles());
        // Fused, each matmul first loads its bias on the one DMA engine, ahead of the A load: fc1 256 B,
        // 256 / 50 = 5.12 ns + external latency 60 ns + L3 latency 8 ns = 73.12 ns -> 37 array cycles;
        // fc2 64 B: 1.28 + 68 = 69.28 ns -> 35. The drain's wavefront (fc1: 8 x 71 = 568 steps; fc2:
        // 8 x 23 = 184) outlasts the vector engine's beats (512; 128), so the epilogue adds only its
        // fill: 3 + 2 (GELU) and 3 (no activation).
        assertEquals(unfused.get(0).cycles() + 37 + 5, fused.get(0).cycles());
        assertEquals(unfused.get(2).cycles() + 35 + 3, fused.get(1).cycles());
        // So fused - unfused = (42 - 517) + (38 - 131) = -568 cycles (it was +72 with the epilogue in series).
        assertEquals(runner.run(g, false).cycles() - 568, fusedRun.cycles());
    }

    @Test
    void gpt2FfnMovesAboutHalfTheActivationTrafficFused() {
        // GPT-2 small FFN, fp32, 1024 tokens, d = 768, hidden 3072 (elements):
        // X = Y = 786432, H = 3145728, W1 = W2 = 2359296, b1 = 3072, b2 = 768.
        // Unfused = X + W1 + H | H + b1 + H1 | H1 + W2 + Y | Y + b2 + Y1 = 20451072 elements = 81804288 B.
        // Fused   = X + W1 + b1 + H1 | H1 + W2 + b2 + Y1             = 12586752 elements = 50347008 B.
        // Ratio 1.625; the activations alone (all but weights and biases, 2 x 2359296 + 3840 elements)
        // go from 20 d to 10 d per token: exactly 2x (15728640 vs 7864320 elements).
        KernelGraph g = GraphWorkloads.build("gpt2-ffn", DType.FP32);
        long unfused = compulsory(g, false);
        long fused = compulsory(g, true);
        assertEquals(81804288L, unfused);
        assertEquals(50347008L, fused);
        long weights = 4L * (2 * 2359296 + 3840);
        assertEquals(2.0, (double) (unfused - weights) / (fused - weights), 1e-12);
    }

    @Test
    void quantizedWeightsMoveTheirCodesAndScales() {
        // GPT-2 FFN, int8 activations. W1 (768 x 3072) and W2 (3072 x 768) as int8 operands: 2359296 B
        // each. int4, groups of 128 along k: codes 768 x 3072 / 2 = 1179648 B + scales: W1
        // ceil(768/128) x 3072 = 18432, W2 ceil(3072/128) x 768 = 18432 fp16 = 36864 B each -> 1216512 B each.
        // Saving: 2 x (2359296 - 1216512) = 2285568 B. int8 with scales costs 2 x 36864 B more than plain int8.
        KernelGraph g = GraphWorkloads.build("gpt2-ffn", DType.INT8);
        long plain = 0;
        long int4 = 0;
        long int8 = 0;
        for (FusedKernel f : GraphPlanner.plan(g, MINIMAL, true)) {
            plain += GraphRunner.compulsoryBytes(g, f);
            int4 += GraphRunner.compulsoryBytes(g, f, QuantFormat.INT4, 128);
            int8 += GraphRunner.compulsoryBytes(g, f, QuantFormat.INT8, 128);
        }
        assertEquals(2285568, plain - int4);
        assertEquals(73728, int8 - plain);
    }

    @Test
    void energyIsMacsAndBytesTimesTheConfiguredFigures() {
        // With 1 pJ per MAC and 0 elsewhere the energy is the MAC count; with 1 pJ per external byte only,
        // the external bytes.
        KernelGraph g = GraphWorkloads.ffn("ffn", DType.FP32, 64, 16, 64);
        GraphResult macs = new GraphRunner(MINIMAL, DType.FP32, null, 0, new EnergyConfig(1, 0, 0, 0, 0)).run(g, true);
        assertEquals(131072.0, macs.energyPj().get("total"));
        GraphResult ext = new GraphRunner(MINIMAL, DType.FP32, null, 0, new EnergyConfig(0, 1, 0, 0, 0)).run(g, true);
        assertEquals((double) ext.externalBytes(), ext.energyPj().get("total"));
        // Per level: 2 MACs x 0.5 + (3 host + 4 external) x 10 + 5 x 1 (l3) + 6 x 2 (l2) + 7 x 3 (l1) = 1 + 70 + 5 + 12 + 21 = 109.
        var pj = new EnergyConfig(0.5, 10, 1, 2, 3).estimate(2, java.util.Map.of("host", 3L, "external", 4L, "l3", 5L, "l2", 6L, "l1", 7L));
        assertEquals(109.0, pj.get("total"));
        assertEquals(70.0, pj.get("external"));
        var e = assertThrows(ConfigException.class, () -> new EnergyConfig(-1, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("pj_per_mac"), e.getMessage());
    }

    @Test
    void attentionKeepsScoresOnChipOnlyWhenTheyFit() {
        // minimal: one 64 KiB L3 tile, half of it (32768 B) for scores + probabilities of one head.
        // seq 32, fp32: 32 x 32 x 4 = 4096 B each, 8192 per head: fused; saved 2 x (S + P) over 2
        // heads = 2 x 2 x 8192 = 32768 B. seq 128: 2 x 65536 B per head > 32768: not fused.
        KernelGraph small = attention(32);
        FusedKernel f = GraphPlanner.plan(small, MINIMAL, true).getFirst();
        assertEquals("attention", f.fusion());
        assertEquals(3, f.kernels().size());
        assertEquals(32768, f.savedBytes());
        // Fused group: Q + K + V (2 x 32 x 8 x 4 = 2048 B each) in, the context (2048 B) out.
        assertEquals(4 * 2048, GraphRunner.compulsoryBytes(small, f));
        for (FusedKernel g : GraphPlanner.plan(attention(128), MINIMAL, true)) {
            assertEquals("none", g.fusion());
        }
    }

    @Test
    void fusedAttentionRunsWithoutTheScoresAndProbabilitiesOffChip() {
        // seq 32, d_head 8, 2 heads, fp32 on minimal: Q, K, V, O 32 x 8 x 4 = 1024 B per head,
        // S and P 32 x 32 x 4 = 4096 B per head. Unfused (every tensor off chip, 2 heads):
        // qk Q + K in, S out 2048 + 2048 + 8192; softmax S in, P out 8192 + 8192; pv P + V in, O out
        // 8192 + 2048 + 2048: 40960 B. Fused: Q + K + V in, O out: 8192 B, and the matmul programs
        // store no S and load no P, so the runs' external bytes are those too (one tile covers each
        // 32 x 32 x 8 and 32 x 8 x 32 matmul: no reloads).
        GraphRunner runner = new GraphRunner(MINIMAL, DType.FP32);
        GraphResult unfused = runner.run(attention(32), false);
        GraphResult fused = runner.run(attention(32), true);
        assertEquals(40960, unfused.externalBytes());
        assertEquals(8192, fused.externalBytes());
        assertTrue(fused.cycles() < unfused.cycles(), "fused " + fused.cycles() + " cycles, unfused " + unfused.cycles());
        // The group's time is its own programs' (S kept in L3, P read there) per head plus the softmax;
        // the same matmuls storing S and loading P off chip take longer.
        long softmax = 2 * new Softmax().cycles(Instruction.DRAIN_VECTOR_ENGINE, 32, 32);
        long resident = 2 * (cycles(MatmulCompiler.compileResident(MINIMAL, 32, 32, 8, DType.FP32, false, true))
                + cycles(MatmulCompiler.compileResident(MINIMAL, 32, 8, 32, DType.FP32, true, false)));
        long offChip = 2 * (cycles(MatmulCompiler.compile(MINIMAL, 32, 32, 8, DType.FP32))
                + cycles(MatmulCompiler.compile(MINIMAL, 32, 8, 32, DType.FP32)));
        assertEquals(1, fused.kernels().size());
        assertEquals(resident + softmax, fused.kernels().getFirst().cycles());
        assertTrue(resident < offChip, "resident " + resident + ", off chip " + offChip);
    }

    private static long cycles(MatmulCompiler.Compiled c) {
        return new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(c.program()).cycles();
    }

    private static KernelGraph attention(int seq) {
        return KernelGraph.builder("attn", DType.FP32)
                .input("q", 2, seq, 8).input("k", 2, seq, 8).input("v", 2, seq, 8)
                .matmul("qk", "q", "k", "s", true)
                .softmax("sm", "s", "p")
                .matmul("pv", "p", "v", "o")
                .build();
    }

    @Test
    void convTrafficIm2colAgainstDirect() {
        // 8 x 8 x 4 input, 8 filters 3 x 3, stride 1, pad 1, fp32: output 8 x 8 (oh = (8 + 2 - 3) / 1 + 1),
        // M = 64, K = 36, N = 8. Input 256 elements, weight 288, output 512, patch matrix 64 x 36 = 2304.
        // Direct: (256 + 288 + 512) x 4 = 4224 B; im2col adds the patch matrix written and read: + 2 x 9216 = 22656 B.
        ConvShape s = new ConvShape(1, 8, 8, 4, 8, 3, 3, 1, 1);
        assertEquals(8, s.oh());
        for (ConvLowering l : ConvLowering.values()) {
            KernelGraph g = KernelGraph.builder("conv", DType.FP32).input("x", 1, 64, 4).input("w", 1, 36, 8)
                    .conv2d("c", "x", "w", "y", s, l).build();
            assertEquals(l == ConvLowering.DIRECT ? 4224 : 22656, compulsory(g, true));
            // MACs: 64 x 8 x 36 = 18432.
            assertEquals(18432, new GraphRunner(MINIMAL, DType.FP32).run(g, true).macs());
        }
        // ResNet-18 conv1: 224 + 6 - 7 = 223, / 2 + 1 = 112 (He et al. 2016: 112 x 112).
        assertEquals(112, new ConvShape(1, 224, 224, 3, 64, 7, 7, 2, 3).oh());
    }

    @Test
    void aDirectConvRunsItsOwnProgramAndAnIm2colConvTheMatmulPlusTheLoweringPass() {
        // 8 x 8 x 4 -> 8, 3 x 3, stride 1, pad 1, fp32 on minimal (M 64, N 8, K 36).
        ConvShape s = new ConvShape(1, 8, 8, 4, 8, 3, 3, 1, 1);
        long[] cycles = new long[2];
        for (ConvLowering l : ConvLowering.values()) {
            KernelGraph g = KernelGraph.builder("conv", DType.FP32).input("x", 1, 64, 4).input("w", 1, 36, 8)
                    .conv2d("c", "x", "w", "y", s, l).build();
            cycles[l.ordinal()] = new GraphRunner(MINIMAL, DType.FP32).run(g, true).cycles();
        }
        long direct = new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none())
                .run(ConvCompiler.compileDirect(MINIMAL, s, DType.FP32).program()).cycles();
        long matmul = new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none())
                .run(MatmulCompiler.compile(MINIMAL, 64, 8, 36, DType.FP32).program()).cycles();
        assertEquals(direct, cycles[ConvLowering.DIRECT.ordinal()]);
        // the lowering pass reads the input (1024 B) and writes the patch matrix (9216 B) at minimal's
        // external rate, 50 B a 1000 ps cycle: 10240 / 50 = 204.8 ns = 102.4 -> 103 array cycles of 2000 ps
        assertEquals(matmul + 103, cycles[ConvLowering.IM2COL.ordinal()]);
    }

    @Test
    void bertLayerRunsInTopologicalOrderWithItsFusions() {
        KernelGraph g = GraphWorkloads.build("bert-base-128", DType.INT8);
        Set<String> written = new HashSet<>();
        for (Kernel k : g.order()) {
            for (String in : k.inputs()) {
                String b = g.base(in);
                assertTrue(g.isGraphInput(b) || written.contains(b), k.name() + " reads " + in + " before it is written");
            }
            written.add(k.output());
        }
        // edge_ai: Q, K, V, out-proj, fc1, fc2 fused with their bias (6 epilogues); scores of one head
        // (128 x 128 x (4 + 1) B = 80 KiB) fit in half of its L3, so attention fuses as well.
        List<FusedKernel> plan = GraphPlanner.plan(g, KpuConfig.load("edge_ai"), true);
        assertEquals(6, plan.stream().filter(f -> f.fusion().equals("epilogue")).count());
        assertEquals(1, plan.stream().filter(f -> f.fusion().equals("attention")).count());
        // + residual1, layernorm1, residual2, layernorm2 alone: 11 groups.
        assertEquals(11, plan.size());
    }

    @Test
    void badGraphsNameTheKernelAndTheProblem() {
        var e = assertThrows(ConfigException.class, () -> KernelGraph.builder("g", DType.INT8)
                .input("x", 1, 4, 8).matmul("mm", "x", "w", "y"));
        assertTrue(e.getMessage().contains("kernels.mm") && e.getMessage().contains("'w'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> KernelGraph.builder("g", DType.INT8)
                .input("x", 1, 4, 8).input("w", 1, 7, 2).matmul("mm", "x", "w", "y"));
        assertTrue(e.getMessage().contains("8 columns") && e.getMessage().contains("depth 7"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> KernelGraph.builder("g", DType.INT8)
                .input("x", 1, 4, 8).bias("b", 3).biasAct("ba", "x", "b", "y", Activation.RELU));
        assertTrue(e.getMessage().contains("1 x 8"), e.getMessage());
    }
}

package dev.lockstep.tools.regress;

import dev.lockstep.kpu.compiler.ConvCompiler;
import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.graph.ConvShape;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuResult;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.memory.engine.TransactionLog;

import java.util.List;

/**
 * Compiled programs on the whole KPU (DMA, L3, BlockMovers, L2, Streamers, array, drain) at tile level
 * with burst memory timing, as {@code lockstep kpu run --config edge_ai} runs them.
 */
final class KpuTopWorkloads {
    private static final String PRESET = "edge_ai";

    private KpuTopWorkloads() {}

    static List<Workload> all() {
        return List.of(
                program("kpu.top.matmul.256", "KPU edge_ai, int8 matmul 256x256x256", false, 256, 256, 256),
                program("kpu.top.attention.scores", "KPU edge_ai, BERT-base attention scores of one head, QK^T 128x128x64",
                        false, 128, 128, 64),
                program("kpu.top.mlp.bert_ffn_up", "KPU edge_ai, BERT-base FFN up with bias + GELU on the drain path, 128x3072x768",
                        true, 128, 3072, 768),
                // ResNet-18's 3x3 convolution, 64 -> 64 channels on 56x56, lowered to a GEMM by im2col:
                // M = 56*56 output pixels, N = 64 filters, K = 3*3*64.
                program("kpu.top.conv.resnet_3x3_im2col", "KPU edge_ai, ResNet 3x3 conv 64->64 on 56x56 as an im2col GEMM 3136x64x576",
                        false, 3136, 64, 576),
                // The same convolution as a direct-conv program: input bands with halo, patches formed
                // by the Streamer (FEED_PATCHES), no patch matrix in memory.
                new SimpleWorkload("kpu.top.conv.resnet_3x3_direct", "KPU edge_ai, ResNet 3x3 conv 64->64 on 56x56 as a direct conv",
                        () -> {
                            KpuConfig cfg = KpuConfig.load(PRESET);
                            ConvShape s = new ConvShape(1, 56, 56, 64, 64, 3, 3, 1, 1);
                            return metrics(cfg, ConvCompiler.compileDirect(cfg, s, DType.INT8).program());
                        }));
    }

    private static Workload program(String name, String description, boolean mlp, int m, int n, int k) {
        return new SimpleWorkload(name, description, () -> {
            KpuConfig cfg = KpuConfig.load(PRESET);
            var compiled = mlp ? MatmulCompiler.compileMlp(cfg, m, n, k, DType.INT8) : MatmulCompiler.compile(cfg, m, n, k, DType.INT8);
            return metrics(cfg, compiled.program());
        });
    }

    private static List<Metric> metrics(KpuConfig cfg, Program program) {
        KpuResult r = new KpuTop(cfg, Fidelity.TILE, MemoryTiming.BURST, TransactionLog.none()).run(program);
        return List.of(
                Metric.count("cycles", r.cycles()),
                Metric.count("macs", r.macs()),
                Metric.count("instructions", r.instructions()),
                Metric.count("external_bytes", r.bytesPerLevel().getOrDefault("external", 0L)),
                Metric.count("l3_bytes", r.bytesPerLevel().getOrDefault("l3", 0L)),
                Metric.count("l2_bytes", r.bytesPerLevel().getOrDefault("l2", 0L)),
                Metric.count("l1_bytes", r.bytesPerLevel().getOrDefault("l1", 0L)));
    }
}

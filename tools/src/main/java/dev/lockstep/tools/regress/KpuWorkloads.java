package dev.lockstep.tools.regress;

import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Overlap;

import java.util.List;

/**
 * Matrix products on the KPU systolic array at tile level (the closed-form fold plan that the tests prove
 * equal to the register-level array), as {@code lockstep kpu matmul --fidelity tile} runs them.
 */
final class KpuWorkloads {
    private KpuWorkloads() {}

    static List<Workload> all() {
        return List.of(
                matmul("kpu.matmul.os.64", "16x16 array, output stationary, 64x64x64", 16, 16, Dataflow.OS, Overlap.NATIVE, 64, 64, 64),
                matmul("kpu.matmul.ws.bert_qkv", "32x32 array, weight stationary, BERT-base QKV projection 128x2304x768",
                        32, 32, Dataflow.WS, Overlap.NATIVE, 128, 2304, 768),
                matmul("kpu.matmul.is.mlp", "16x16 array, input stationary, MLP layer 256x3072x768",
                        16, 16, Dataflow.IS, Overlap.NATIVE, 256, 3072, 768),
                matmul("kpu.matmul.os.scalesim", "32x32 array, output stationary, SCALE-Sim v2 fold counting, 512x512x512",
                        32, 32, Dataflow.OS, Overlap.SCALESIM, 512, 512, 512));
    }

    private static Workload matmul(String name, String description, int rows, int cols, Dataflow df, Overlap ov,
                                   int m, int n, int k) {
        return new SimpleWorkload(name, description, () -> {
            FoldPlan p = new FoldPlan(rows, cols, df, ov, m, n, k);
            return List.of(
                    Metric.count("cycles", p.cycles()),
                    Metric.count("macs", p.macs()),
                    Metric.count("folds", p.folds()));
        });
    }
}

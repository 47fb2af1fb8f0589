package dev.lockstep.tools.regress;

import dev.lockstep.kpu.graph.GraphResult;
import dev.lockstep.kpu.graph.GraphRunner;
import dev.lockstep.kpu.graph.GraphWorkloads;
import dev.lockstep.kpu.scalesim.ComputeRow;
import dev.lockstep.kpu.scalesim.PythonSum;
import dev.lockstep.kpu.scalesim.ScaleSimCalc;
import dev.lockstep.kpu.scalesim.ScaleSimExamples;
import dev.lockstep.kpu.scalesim.TopologyLayer;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.KpuConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whole networks on the KPU: SCALE-Sim's AlexNet topology through its CALC model (as {@code lockstep
 * scalesim} runs it) and the BERT-base encoder layer kernel graph on {@code edge_ai} (as {@code lockstep
 * kpu run --workload bert-base-128}).
 */
final class KpuModelWorkloads {
    private KpuModelWorkloads() {}

    static List<Workload> all() {
        return List.of(
                new SimpleWorkload("kpu.scalesim.alexnet", "SCALE-Sim v2 example: AlexNet's five convolutions, 32x32 os, CALC",
                        KpuModelWorkloads::alexnet),
                new SimpleWorkload("kpu.graph.bert_base_128", "KPU edge_ai, BERT-base encoder layer kernel graph, sequence 128, int8, fused",
                        KpuModelWorkloads::bert));
    }

    private static List<Metric> alexnet() {
        List<Metric> out = new ArrayList<>();
        long total = 0;
        long stalls = 0;
        long folds = 0;
        List<TopologyLayer> layers = ScaleSimExamples.alexnet();
        for (TopologyLayer l : layers) {
            ComputeRow r = ScaleSimCalc.layer(ScaleSimExamples.config(), l, PythonSum.NEUMAIER);
            out.add(Metric.count("cycles_" + l.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"), r.totalCycles()));
            total += r.totalCycles();
            stalls += r.stallCycles();
            folds += r.folds();
        }
        out.add(Metric.count("cycles", total));
        out.add(Metric.count("stall_cycles", stalls));
        out.add(Metric.count("folds", folds));
        return out;
    }

    private static List<Metric> bert() {
        GraphResult r = new GraphRunner(KpuConfig.load("edge_ai"), DType.INT8)
                .run(GraphWorkloads.build("bert-base-128", DType.INT8), true);
        return List.of(
                Metric.count("cycles", r.cycles()),
                Metric.count("macs", r.macs()),
                Metric.count("external_bytes", r.externalBytes()),
                Metric.count("l3_bytes", r.bytesPerLevel().getOrDefault("l3", 0L)),
                Metric.count("l2_bytes", r.bytesPerLevel().getOrDefault("l2", 0L)),
                Metric.count("l1_bytes", r.bytesPerLevel().getOrDefault("l1", 0L)));
    }
}

package dev.lockstep.tools;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lockstep.kpu.graph.GraphFile;
import dev.lockstep.kpu.graph.GraphResult;
import dev.lockstep.kpu.top.EngineReport;
import dev.lockstep.kpu.graph.GraphRunner;
import dev.lockstep.kpu.graph.GraphWorkloads;
import dev.lockstep.kpu.graph.KernelGraph;
import dev.lockstep.kpu.graph.KernelReport;
import dev.lockstep.kpu.quant.QuantBench;
import dev.lockstep.kpu.quant.QuantError;
import dev.lockstep.kpu.quant.QuantFormat;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.EnergyConfig;
import dev.lockstep.kpu.top.KpuConfig;
import java.io.IOException;
import java.io.PrintWriter;
import dev.lockstep.tools.report.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * `kpu run` on a kernel graph (a built-in like bert-base-512, or a graph JSON/YAML file): plan with or
 * without fusion, run, print text or JSON, optionally CSV (one row per fused kernel, then the total).
 */
final class KpuGraphRun {
    /** Shape of the accuracy sample reported for quantized weights (QuantBench, seed 1): small enough to be instant. */
    private static final int SAMPLE_M = 64;
    private static final int SAMPLE_N = 64;
    private static final int SAMPLE_K = 768;

    private KpuGraphRun() {
    }

    /** True if {@code workload} names a built-in graph or a file that holds a graph (it has kernels, not instructions). */
    static boolean isGraph(String workload) {
        if (GraphWorkloads.has(workload)) {
            return true;
        }
        Path p = Path.of(workload);
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try {
            String text = Files.readString(p);
            return text.contains("\"kernels\"") || text.lines().anyMatch(l -> l.startsWith("kernels:"));
        } catch (IOException e) {
            throw new InputException("--workload " + workload + ": cannot read: " + e.getMessage());
        }
    }

    static KernelGraph load(String workload, DType dtype) {
        return GraphWorkloads.has(workload) ? GraphWorkloads.build(workload, dtype) : GraphFile.read(Path.of(workload));
    }

    static void run(PrintWriter out, KpuConfig cfg, KernelGraph g, boolean fuse, QuantFormat weights, int group,
            EnergyConfig energy, boolean json, Path csv) throws IOException {
        GraphResult r = new GraphRunner(cfg, g.dtype(), weights, group, energy).run(g, fuse);
        QuantBench q = weights != null && weights.quantized() ? QuantBench.run(SAMPLE_M, SAMPLE_N, SAMPLE_K, weights, group, 1) : null;
        if (csv != null) {
            writeCsv(csv, csv(r));
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("graph", r);
            if (q != null) {
                o.put("weightError", Map.of("sample", SAMPLE_M + "x" + SAMPLE_N + "x" + SAMPLE_K,
                        "weightOnly", q.weightOnly(), "integer", q.integer(), "fp32", q.fp32()));
            }
            out.println(JsonMapper.builder().build().writeValueAsString(o));
            return;
        }
        out.printf(Locale.ROOT, "%s on %s, %s (weights %s), %s%n", r.graph(), r.config(), r.dtype(), r.weights(), fuse ? "fused" : "unfused");
        out.printf(Locale.ROOT, "cycles       %d (%.1f ns), %d MACs, %.2f %% compute utilization%n", r.cycles(), r.nanoseconds(),
                r.macs(), 100 * r.computeUtilization());
        out.printf(Locale.ROOT, "external     %d B (compulsory %d B), fusion saved %d B%n", r.externalBytes(), r.compulsoryBytes(), r.savedBytes());
        out.printf(Locale.ROOT, "achieved     %.2f GOPS, external %.3f GB/s, intensity %.2f ops/byte%n", r.gops(), r.externalBandwidthGBs(),
                r.arithmeticIntensity());
        out.printf(Locale.ROOT, "bytes        %s%n", r.bytesPerLevel());
        out.printf(Locale.ROOT, "energy       %.3f uJ (%s pJ)%n", r.energyPj().get("total") / 1e6, rounded(r.energyPj()));
        if (q != null) {
            out.printf(Locale.ROOT, "accuracy     %s weights, groups of %d, on a %dx%dx%d sample: relative error weight-only %.3e, integer %.3e (fp32 %.3e)%n",
                    weights.lowerName(), group, SAMPLE_M, SAMPLE_N, SAMPLE_K, q.weightOnly().relFrobenius(), q.integer().relFrobenius(),
                    q.fp32().relFrobenius());
        }
        for (EngineReport e : r.engines()) {
            out.printf(Locale.ROOT, "  %-8s busy %d, waiting %d %s cycles, %.2f %%%n", e.name(), e.busyCycles(), e.dependencyWaitCycles(),
                    e.clock(), 100 * e.utilization());
        }
        for (KernelReport k : r.kernels()) {
            out.printf(Locale.ROOT, "  %-32s %-9s %12d cycles %14d B saved %d B%n", k.name(), k.fusion(), k.cycles(), k.externalBytes(),
                    k.savedBytes());
        }
    }

    private static Map<String, Long> rounded(Map<String, Double> pj) {
        Map<String, Long> out = new LinkedHashMap<>();
        pj.forEach((k, v) -> out.put(k, Math.round(v)));
        return out;
    }

    /** Atomically (temp file beside the target, then a move), so an interrupted run leaves no partial CSV. */
    static void writeCsv(Path file, String text) {
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("--csv " + file + ": cannot write: " + e.getMessage());
        }
    }

    /** Stable columns; the last row is the whole graph (fusion "total"). */
    static String csv(GraphResult r) {
        StringBuilder b = new StringBuilder("graph,config,dtype,weights,kernel,fusion,cycles,macs,compulsory_bytes,external_bytes,saved_bytes,energy_pj\n");
        for (KernelReport k : r.kernels()) {
            b.append(String.join(",", r.graph(), r.config(), r.dtype(), r.weights(), k.name(), k.fusion(), Long.toString(k.cycles()),
                    Long.toString(k.macs()), Long.toString(k.compulsoryBytes()), Long.toString(k.externalBytes()),
                    Long.toString(k.savedBytes()), "")).append('\n');
        }
        b.append(String.join(",", r.graph(), r.config(), r.dtype(), r.weights(), "all", "total", Long.toString(r.cycles()),
                Long.toString(r.macs()), Long.toString(r.compulsoryBytes()), Long.toString(r.externalBytes()),
                Long.toString(r.savedBytes()), String.format(Locale.ROOT, "%.1f", r.energyPj().get("total")))).append('\n');
        return b.toString();
    }
}

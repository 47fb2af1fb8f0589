package dev.lockstep.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.EngineReport;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuResult;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import dev.lockstep.kpu.quant.QuantFormat;
import dev.lockstep.kpu.top.EnergyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `lockstep kpu run`: compile (or read) a program and run it on the whole KPU. No wall time in the
 * output, so the same arguments print the same bytes (time it with /usr/bin/time).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a workload on the KPU (memory hierarchy + compute tile): cycles, utilization, traffic.")
final class KpuRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "PRESET|FILE", description = "minimal, edge_ai, embodied_ai, datacenter, or a hierarchy YAML/JSON")
    String config;
    @Option(names = "--workload", required = true, paramLabel = "matmul:M,N,K|NAME|FILE", description = "see `lockstep kpu workloads`")
    String workload;
    @Option(names = "--fidelity", paramLabel = "pe|tile", defaultValue = "tile", description = "default: ${DEFAULT-VALUE}")
    String fidelity;
    @Option(names = "--dtype", paramLabel = "int8|int16|fp32|bf16", defaultValue = "int8", description = "for matmul workloads (default: ${DEFAULT-VALUE})")
    String dtype;
    @Option(names = "--memory", paramLabel = "auto|burst|flow", defaultValue = "auto",
            description = "burst: the hierarchy's DMA/BlockMover engines; flow: one closed form per transfer; auto: burst up to "
                    + "64 MiB of DMA and BlockMover traffic, flow beyond (default: ${DEFAULT-VALUE})")
    String memory;
    @Option(names = "--tiles", paramLabel = "N", description = "compute tiles, overrides the configuration's compute_tiles (presets: 1)")
    Integer tiles;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;
    @Option(names = "--csv", paramLabel = "FILE", description = "also write the results as CSV (atomically)")
    Path csv;
    @Option(names = "--no-fuse", description = "graph workloads: run every kernel on its own (no epilogue, attention or ffn fusion)")
    boolean noFuse;
    @Option(names = "--weights", paramLabel = "int8|int4", description = "graph workloads: weights stored packed with per-group scales, executed packed (int8: codes as operands, "
            + "group scales on the drains; fp32/bf16: dequantized on chip)")
    String weights;
    @Option(names = "--group", paramLabel = "N", defaultValue = "128", description = "rows of a weight per scale with --weights (default: ${DEFAULT-VALUE})")
    int group;
    @Option(names = "--energy", paramLabel = "FILE", description = "pJ per MAC and per byte per level (JSON/YAML); default: docs/kpu-top.md, Energy")
    Path energy;
    @Option(names = "--trace", paramLabel = "FILE", description = "program workloads: write every instruction (and every dependency stall) "
            + "as a transaction trace, JSON Lines if FILE ends in .jsonl, else binary (atomically)")
    Path trace;

    @Override
    public Integer call() throws Exception {
        Fidelity f;
        DType dt;
        MemoryTiming mt;
        try {
            mt = memory.equalsIgnoreCase("auto") ? null : MemoryTiming.parse(memory);
            f = Fidelity.parse(fidelity);
            dt = DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new InputException("--" + e.getMessage());
        }
        if (tiles != null && tiles < 1) {
            throw new InputException("--tiles: value " + tiles + " is out of range, allowed >= 1");
        }
        KpuConfig cfg = tiles == null ? KpuConfig.load(config) : KpuConfig.load(config).withTiles(tiles);
        if (KpuGraphRun.isGraph(workload)) {
            QuantFormat wf = null;
            if (weights != null) {
                if (!weights.equals("int8") && !weights.equals("int4")) {
                    throw new InputException("--weights: value '" + weights + "' is not allowed, allowed int8, int4");
                }
                if (group < 1) {
                    throw new InputException("--group: value " + group + " is out of range, allowed >= 1");
                }
                wf = weights.equals("int8") ? QuantFormat.INT8 : QuantFormat.INT4;
            }
            if (f != Fidelity.TILE) {
                throw new InputException("--fidelity: graph workloads run at tile fidelity");
            }
            if (trace != null) {
                throw new InputException("--trace: graph workloads run one program per kernel; trace a kernel as a program workload "
                        + "(matmul:M,N,K, mlp:M,N,K or conv:...)");
            }
            var g = KpuGraphRun.load(workload, dt);
            if (wf != null && g.dtype() == DType.INT16) {
                throw new InputException("--weights: " + weights + " weights run on int8 (codes as operands, group scales on the"
                        + " drains), fp32 or bf16 arrays (weight-only), not int16: add --dtype int8, bf16 or fp32");
            }
            KpuGraphRun.run(spec.commandLine().getOut(), cfg, g, !noFuse, wf, group,
                    energy == null ? EnergyConfig.defaults(g.dtype()) : EnergyConfig.load(energy), json, csv);
            return ExitCodes.OK;
        }
        if (noFuse || weights != null) {
            throw new InputException("--no-fuse and --weights apply to graph workloads (lockstep kpu workloads)");
        }
        KpuWorkload w = KpuWorkload.resolve(workload, cfg, dt);
        KpuTop top = new KpuTop(cfg, f, mt != null ? mt : f == Fidelity.PE ? MemoryTiming.BURST : MemoryTiming.forProgram(w.program()),
                TransactionLog.none());
        KpuResult r;
        if (trace == null) {
            r = top.run(w.program());
        } else {
            TraceWriter tw = trace.getFileName().toString().endsWith(".jsonl") ? Traces.writeJsonLines(trace) : Traces.writeBinary(trace);
            try {
                top.traceInstructions(tw);
                r = top.run(w.program());
            } catch (RuntimeException e) {
                tw.discard();
                throw e;
            }
            tw.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Double> pj = (energy == null ? EnergyConfig.defaults(dt) : EnergyConfig.load(energy)).estimate(r.macs(), r.bytesPerLevel());
        if (csv != null) {
            KpuGraphRun.writeCsv(csv, csv(r, pj.get("total")));
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("result", r);
            o.put("tiling", w.tiling());
            o.put("energyPj", pj);
            ObjectMapper m = JsonMapper.builder().build();
            out.println(m.writeValueAsString(o));
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%s on %s (%d compute tile(s) of %dx%d, clock %s %d ps), fidelity %s%n", r.program(), r.config(), cfg.tiles(), r.rows(),
                r.cols(), r.arrayClock(), r.arrayPeriodPs(), r.fidelity());
        if (w.tiling() != null) {
            var t = w.tiling();
            out.printf(Locale.ROOT, "tiling       %d x %d x %d, %d buffer(s) per tile, estimate %d cycles%n", t.ti(), t.tj(), t.tk(),
                    t.buffers(), t.estimatedCycles());
        }
        out.printf(Locale.ROOT, "cycles       %d (%.1f ns), %d instructions%n", r.cycles(), r.nanoseconds(), r.instructions());
        out.printf(Locale.ROOT, "compute      %.2f %% utilization, %.2f GOPS%n", 100 * r.computeUtilization(), r.gops());
        out.printf(Locale.ROOT, "external     %.3f GB/s, intensity %.2f ops/byte%n", r.externalBandwidthGBs(), r.arithmeticIntensity());
        out.printf(Locale.ROOT, "bytes        %s%n", r.bytesPerLevel());
        out.printf(Locale.ROOT, "energy       %.3f uJ (pJ per MAC and per byte per level: docs/kpu-top.md, Energy)%n", pj.get("total") / 1e6);
        for (EngineReport e : r.engines()) {
            out.printf(Locale.ROOT, "  %-8s busy %d, waiting %d %s cycles, %.2f %%%n", e.name(), e.busyCycles(), e.dependencyWaitCycles(),
                    e.clock(), 100 * e.utilization());
        }
        return ExitCodes.OK;
    }

    /** One row; bytes per level as columns in the result's order. */
    private static String csv(KpuResult r, double energyPj) {
        StringBuilder head = new StringBuilder("program,config,fidelity,cycles,nanoseconds,instructions,macs,compute_utilization,gops,external_gbs,arithmetic_intensity");
        StringBuilder row = new StringBuilder(String.join(",", r.program(), r.config(), r.fidelity(), Long.toString(r.cycles()),
                String.format(Locale.ROOT, "%.1f", r.nanoseconds()), Long.toString(r.instructions()), Long.toString(r.macs()),
                String.format(Locale.ROOT, "%.6f", r.computeUtilization()), String.format(Locale.ROOT, "%.3f", r.gops()),
                String.format(Locale.ROOT, "%.3f", r.externalBandwidthGBs()), String.format(Locale.ROOT, "%.3f", r.arithmeticIntensity())));
        r.bytesPerLevel().forEach((level, bytes) -> {
            head.append(',').append(level).append("_bytes");
            row.append(',').append(bytes);
        });
        head.append(",energy_pj");
        row.append(',').append(String.format(Locale.ROOT, "%.1f", energyPj));
        return head + "\n" + row + "\n";
    }
}

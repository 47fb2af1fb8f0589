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
import java.io.PrintWriter;
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
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

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
        KpuConfig cfg = KpuConfig.load(config);
        KpuWorkload w = KpuWorkload.resolve(workload, cfg, dt);
        KpuResult r = new KpuTop(cfg, f, mt != null ? mt : f == Fidelity.PE ? MemoryTiming.BURST : MemoryTiming.forProgram(w.program()), TransactionLog.none()).run(w.program());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("result", r);
            o.put("tiling", w.tiling());
            ObjectMapper m = JsonMapper.builder().build();
            out.println(m.writeValueAsString(o));
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%s on %s (%dx%d array, clock %s %d ps), fidelity %s%n", r.program(), r.config(), r.rows(), r.cols(),
                r.arrayClock(), r.arrayPeriodPs(), r.fidelity());
        if (w.tiling() != null) {
            var t = w.tiling();
            out.printf(Locale.ROOT, "tiling       %d x %d x %d, %d buffer(s) per tile, estimate %d cycles%n", t.ti(), t.tj(), t.tk(),
                    t.buffers(), t.estimatedCycles());
        }
        out.printf(Locale.ROOT, "cycles       %d (%.1f ns), %d instructions%n", r.cycles(), r.nanoseconds(), r.instructions());
        out.printf(Locale.ROOT, "compute      %.2f %% utilization, %.2f GOPS%n", 100 * r.computeUtilization(), r.gops());
        out.printf(Locale.ROOT, "external     %.3f GB/s, intensity %.2f ops/byte%n", r.externalBandwidthGBs(), r.arithmeticIntensity());
        out.printf(Locale.ROOT, "bytes        %s%n", r.bytesPerLevel());
        for (EngineReport e : r.engines()) {
            out.printf(Locale.ROOT, "  %-8s busy %d, waiting %d %s cycles, %.2f %%%n", e.name(), e.busyCycles(), e.dependencyWaitCycles(),
                    e.clock(), 100 * e.utilization());
        }
        return ExitCodes.OK;
    }
}

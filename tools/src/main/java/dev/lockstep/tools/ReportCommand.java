package dev.lockstep.tools;

import dev.lockstep.fabric.compat.CompatMetrics;
import dev.lockstep.fabric.compat.EmulatorCompat;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.memory.bench.BandwidthSweep;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.sim.config.ConfigReader;
import dev.lockstep.tools.regress.FabricWorkloads;
import dev.lockstep.tools.report.AtomicFiles;
import dev.lockstep.tools.report.ChartRender;
import dev.lockstep.tools.report.FabricRoofline;
import dev.lockstep.tools.report.HtmlReport;
import dev.lockstep.tools.report.KpuRoofline;
import dev.lockstep.tools.report.MemoryRoofs;
import dev.lockstep.tools.report.PerfettoExport;
import dev.lockstep.tools.report.PipelineRun;
import dev.lockstep.tools.report.Roofline;
import dev.lockstep.tools.report.RooflineChart;
import dev.lockstep.tools.report.Sweep;
import dev.lockstep.tools.report.SweepChart;
import dev.lockstep.tools.report.Timeline;
import dev.lockstep.tools.report.TimelineChart;
import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.Traces;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;

/**
 * `lockstep report`: runs the study a report is about (fabric kernels on a roofline whose roofs come from
 * a memory-hierarchy configuration, the memory bandwidth sweep) and writes one self-contained HTML page
 * with its plots beside it; with a trace, adds its utilization timeline and a Perfetto export.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an HTML report (roofline, bandwidth sweep, utilization timeline) and its plots into DIR.")
final class ReportCommand implements Callable<Integer> {
    private static final int W = 900;
    private static final int H = 560;
    private static final long[] SWEEP_BYTES = {4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "PRESET|FILE", defaultValue = "minimal",
            description = "memory hierarchy: a preset (minimal, edge_ai, embodied_ai, datacenter) or a .yaml/.json file (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for report.html and the plots")
    Path out;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "a trace whose transactions give the utilization timeline (default: a traced DMA/BlockMover pipeline run)")
    Path trace;

    @Option(names = "--period-ps", paramLabel = "PS", description = "with --trace: clock period of its cycles in picoseconds")
    Long periodPs;

    @Override
    public Integer call() throws IOException {
        if ((trace == null) != (periodPs == null) || periodPs != null && periodPs < 1) {
            throw new InputException("--trace and --period-ps PS >= 1 go together (the clock the trace's cycles count)");
        }
        boolean preset = Presets.NAMES.contains(config);
        HierarchyConfig cfg = preset ? Presets.load(config) : ConfigReader.read(Path.of(config), HierarchyConfig.class);
        String configText = preset ? Presets.text(config) : Files.readString(Path.of(config));
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        List<String> files = new ArrayList<>();
        HtmlReport html = new HtmlReport("Lockstep report: " + cfg.name());

        progress.step("fabric kernels");
        double fabricHz = MemoryRoofs.hertz(cfg, cfg.l1().clock());
        int lanes = 4 * EmulatorCompat.LANES_PER_TILE;
        List<Roofline.Point> points = new ArrayList<>();
        List<List<String>> kernelRows = new ArrayList<>();
        kernel("GEMV dense", FabricWorkloads.gemvDense(), fabricHz, points, kernelRows);
        kernel("GEMV sparse", FabricWorkloads.gemvSparse(), fabricHz, points, kernelRows);
        kernel("attention", FabricWorkloads.attention(), fabricHz, points, kernelRows);
        kernel("conv3d", FabricWorkloads.conv3d(), fabricHz, points, kernelRows);
        Roofline roofline = new Roofline("Ternary fabric (" + lanes + " lanes) on the " + cfg.name() + " hierarchy",
                FabricRoofline.OP_UNIT, FabricRoofline.peak(lanes, fabricHz), MemoryRoofs.of(cfg), points);
        JFreeChart rooflineChart = RooflineChart.chart(roofline);
        ChartRender.write(rooflineChart, out.resolve("roofline.png"), W, H);
        ChartRender.write(rooflineChart, out.resolve("roofline.svg"), W, H);
        files.add("roofline.png");
        files.add("roofline.svg");

        html.heading("Ternary fabric roofline");
        html.paragraph(String.format(Locale.ROOT, "Compute roof %s GOPS: %d lanes x 2 ternary ops (one ternary MAC) x %.1f MHz "
                        + "(the hierarchy's L1 clock). Bandwidth roofs are the aggregate peaks of each level of the configuration.",
                fmt(roofline.peakOpsPerSec() / 1e9), lanes, fabricHz / 1e6));
        List<List<String>> roofRows = new ArrayList<>();
        for (Roofline.Roof r : roofline.roofs()) {
            roofRows.add(List.of(r.level(), fmt(r.bytesPerSec() / 1e9), fmt(roofline.ridge(r))));
        }
        html.table("roofs", List.of("level", "peak GB/s", "ridge (ops/byte)"), roofRows);
        html.svg("roofline", "Roofline: ternary fabric kernels against the " + cfg.name() + " hierarchy",
                ChartRender.svg(rooflineChart, W, H));
        html.table("kernels", List.of("kernel", "cycles", "MACs", "zero-skipped", "bytes", "intensity (ops/byte)", "GOPS"),
                kernelRows);

        progress.step("KPU layers");
        int side = 16;
        List<Roofline.Point> layers = new ArrayList<>();
        List<List<String>> layerRows = new ArrayList<>();
        layer("QKV", new FoldPlan(side, side, Dataflow.WS, Overlap.NATIVE, 128, 2304, 768), fabricHz, layers, layerRows);
        layer("scores", new FoldPlan(side, side, Dataflow.WS, Overlap.NATIVE, 128, 128, 64), fabricHz, layers, layerRows);
        layer("FFN1", new FoldPlan(side, side, Dataflow.WS, Overlap.NATIVE, 128, 3072, 768), fabricHz, layers, layerRows);
        layer("GEMV", new FoldPlan(side, side, Dataflow.WS, Overlap.NATIVE, 1, 768, 768), fabricHz, layers, layerRows);
        Roofline kpu = new Roofline("KPU " + side + "x" + side + " array, weight stationary, on the " + cfg.name() + " hierarchy",
                KpuRoofline.OP_UNIT, KpuRoofline.peak(side, side, fabricHz), MemoryRoofs.of(cfg), layers);
        JFreeChart kpuChart = RooflineChart.chart(kpu);
        ChartRender.write(kpuChart, out.resolve("roofline-kpu.png"), W, H);
        ChartRender.write(kpuChart, out.resolve("roofline-kpu.svg"), W, H);
        files.add("roofline-kpu.png");
        files.add("roofline-kpu.svg");
        html.heading("KPU roofline");
        html.paragraph(String.format(Locale.ROOT, "Compute roof %s GOPS: %dx%d MACs x 2 ops x %.1f MHz. Bytes are each "
                        + "product's compulsory traffic (int8 operands read once, int32 results written once); cycles from "
                        + "the array's fold plan (tile level).", fmt(kpu.peakOpsPerSec() / 1e9), side, side, fabricHz / 1e6));
        html.svg("roofline-kpu", "Roofline: BERT-base layers (sequence 128) and a GEMV on the KPU array", ChartRender.svg(kpuChart, W, H));
        html.table("layers", List.of("layer MxNxK", "cycles", "MACs", "folds", "utilization", "bytes", "intensity (ops/byte)", "GOPS"),
                layerRows);

        progress.step("memory bandwidth sweep");
        List<Sweep.Series> series = new ArrayList<>();
        List<List<String>> sweepRows = new ArrayList<>();
        for (BandwidthSweep.Engine e : BandwidthSweep.Engine.values()) {
            double[] x = new double[SWEEP_BYTES.length];
            double[] y = new double[SWEEP_BYTES.length];
            for (int i = 0; i < SWEEP_BYTES.length; i++) {
                BandwidthSweep.Result r = BandwidthSweep.run(cfg, e, BandwidthSweep.Pattern.SEQUENTIAL, SWEEP_BYTES[i], 1);
                x[i] = SWEEP_BYTES[i] / 1024.0;
                y[i] = r.achieved() / 1e9;
                sweepRows.add(List.of(e.name().toLowerCase(Locale.ROOT), Long.toString(SWEEP_BYTES[i]),
                        Long.toString(r.simulatedPs()), fmt(r.achieved() / 1e9), fmt(r.peak() / 1e9),
                        String.format(Locale.ROOT, "%.1f%%", 100 * r.efficiency())));
            }
            series.add(new Sweep.Series(e.name().toLowerCase(Locale.ROOT), x, y));
        }
        JFreeChart sweepChart = SweepChart.chart(new Sweep("Achieved bandwidth, sequential, " + cfg.name(),
                "transfer size (KiB)", "achieved GB/s (simulated)", true, series));
        byte[] sweepPng = ChartRender.png(sweepChart, W, H);
        AtomicFiles.write(out.resolve("sweep.png"), sweepPng);
        files.add("sweep.png");
        html.heading("Memory bandwidth sweep");
        html.png("sweep", "Achieved bandwidth against transfer size, one line per engine", sweepPng);
        html.table("sweep-table", List.of("engine", "bytes", "simulated ps", "achieved GB/s", "peak GB/s", "efficiency"),
                sweepRows);

        progress.step("utilization timeline");
        Path traced = trace;
        ToLongFunction<String> periods;
        String timelineTitle;
        if (trace == null) {
            traced = out.resolve("pipeline.lkt");
            periods = PipelineRun.run(cfg, traced);
            files.add("pipeline.lkt");
            timelineTitle = "Utilization: double-buffered DMA -> L3 -> BlockMover -> L2 pipeline, " + cfg.name();
        } else {
            long p = periodPs;
            periods = c -> p;
            timelineTitle = "Utilization: " + trace.getFileName();
        }
        Timeline t;
        try (TraceReader in = Traces.open(traced)) {
            t = Timeline.of(in, periods);
        }
        try (TraceReader in = Traces.open(traced)) {
            PerfettoExport.export(in, out.resolve("trace.perfetto.json"), periods);
        }
        files.add("trace.perfetto.json");
        byte[] png = ChartRender.png(TimelineChart.chart(timelineTitle, t), W, 140 + 40 * Math.max(1, t.tracks().size()));
        AtomicFiles.write(out.resolve("timeline.png"), png);
        files.add("timeline.png");
        html.heading("Utilization timeline");
        if (trace == null) {
            html.paragraph("The DMA fetches " + PipelineRun.TILES + " tiles of 8 KiB from external memory into alternating "
                    + "halves of L3; each arrival starts the BlockMover copying that tile into an L2 bank while the DMA "
                    + "fetches the next. Each engine's cycles are converted with its own clock.");
        }
        html.png("timeline", "Busy and stalled intervals per engine", png);
        List<List<String>> util = new ArrayList<>();
        long end = t.endPs();
        for (int i = 0; i < t.tracks().size(); i++) {
            util.add(List.of(t.tracks().get(i), pct(t.coveredPs(i, false), end), pct(t.coveredPs(i, true), end)));
        }
        html.table("utilization", List.of("engine", "busy", "stalled"), util);

        html.heading("Configuration");
        html.preformatted("config", configText);
        html.heading("Files");
        html.links(files);
        html.write(out.resolve("report.html"));
        progress.step("done");
        spec.commandLine().getOut().println("wrote " + out.resolve("report.html") + " and " + String.join(", ", files));
        return ExitCodes.OK;
    }

    private static void kernel(String label, CompatMetrics m, double hz, List<Roofline.Point> points, List<List<String>> rows) {
        Roofline.Point p = FabricRoofline.point(label, m, hz);
        points.add(p);
        rows.add(List.of(label, Long.toString(m.cycles()), Long.toString(m.totalOps()), Long.toString(m.zeroSkips()),
                Long.toString(m.memReads() + m.memWrites()), fmt(p.intensity()), fmt(p.opsPerSec() / 1e9)));
    }

    private static void layer(String label, FoldPlan plan, double hz, List<Roofline.Point> points, List<List<String>> rows) {
        Roofline.Point p = KpuRoofline.point(label, plan, 1, 4, hz);
        points.add(p);
        rows.add(List.of(label + " " + plan.m() + "x" + plan.n() + "x" + plan.k(), Long.toString(plan.cycles()), Long.toString(plan.macs()), Long.toString(plan.folds()),
                String.format(Locale.ROOT, "%.1f%%", 100.0 * plan.macs() / ((double) plan.cycles() * plan.rows() * plan.cols())),
                fmt(p.bytes()), fmt(p.intensity()), fmt(p.opsPerSec() / 1e9)));
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

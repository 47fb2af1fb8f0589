package dev.lockstep.tools;

import dev.lockstep.cosim.CosimOptions;
import dev.lockstep.cosim.CosimResult;
import dev.lockstep.cosim.FabricCosim;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.KernelStats;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.fabric.kernel.TileBackend;
import dev.lockstep.fabric.pt5.InvalidBytes;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.fabric.telemetry.CostModel;
import dev.lockstep.fabric.telemetry.KernelTelemetry;
import dev.lockstep.kpu.graph.GraphResult;
import dev.lockstep.kpu.graph.GraphRunner;
import dev.lockstep.kpu.graph.GraphWorkloads;
import dev.lockstep.kpu.graph.KernelReport;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.random.SplitMix64;
import dev.lockstep.tools.report.AtomicFiles;
import dev.lockstep.tools.report.ChartRender;
import dev.lockstep.tools.report.FabricRoofline;
import dev.lockstep.tools.report.HtmlReport;
import dev.lockstep.tools.report.KpuRoofline;
import dev.lockstep.tools.report.MemoryRoofs;
import dev.lockstep.tools.report.PerfettoExport;
import dev.lockstep.tools.report.Roofline;
import dev.lockstep.tools.report.RooflineChart;
import dev.lockstep.tools.report.Timeline;
import dev.lockstep.tools.report.TimelineChart;
import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;

/**
 * `lockstep demo`: one end-to-end study on the shipped defaults. A BERT-base encoder layer (sequence 128)
 * compiled and run on the whole KPU at tile level; a sparse ternary GEMV on the fabric's kernel model with
 * y checked against the plain product; a short lockstep run of the fabric top against its RTL under
 * Verilator. Prints one summary and writes an HTML report with its plots into a folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"End-to-end study: a BERT-base encoder layer on the KPU, a sparse ternary GEMV on the fabric "
                + "(y checked), and fabric_top against its RTL under Verilator; a summary table and an HTML report.",
                "Exit 0 when every check passes, 1 when one fails, 2 on bad usage.",
                "The first run builds the RTL under Verilator (cached afterwards)."})
final class DemoCommand implements Callable<Integer> {
    private static final int W = 900;
    private static final int H = 560;
    /** The fabric clock of the reference design (fabric gemv's default), for GOPS and the roofline. */
    private static final double FABRIC_HZ = 250e6;
    private static final int GEMV_ROWS = 768;
    private static final int GEMV_COLS = 768;
    private static final double GEMV_SPARSITY = 2.0 / 3;
    /** Random frames for the RTL check: about 5,000 fabric_top cycles with seed 1. */
    private static final int RTL_FRAMES = 15;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = "edge_ai",
            description = "KPU preset: minimal, edge_ai, embodied_ai or datacenter (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "GEMV and RTL stimulus seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lockstep-demo",
            description = "folder for report.html, its plots and trace (default: ${DEFAULT-VALUE})")
    Path outDir;

    /** The FFN up GEMM with bias + GELU (the graph's fc1+gelu), run alone with its instructions traced. */
    private static final String TRACED = "mlp:128,3072,768";
    private static final List<String> LEVELS = List.of("external", "l3", "l2", "l1");

    @Override
    public Integer call() throws Exception {
        if (!Presets.NAMES.contains(config)) {
            throw new InputException("--config must be one of " + String.join(", ", Presets.NAMES) + ", got '" + config + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        Files.createDirectories(outDir);
        KpuConfig cfg = KpuConfig.load(config);

        progress.step("KPU " + cfg.name() + ": BERT-base encoder layer kernel graph (bert-base-128, int8, fused)");
        GraphResult bert = new GraphRunner(cfg, DType.INT8).run(GraphWorkloads.build("bert-base-128", DType.INT8), true);
        progress.step("KPU " + cfg.name() + ": FFN up + GELU alone (" + TRACED + "), instructions traced for the timeline");
        Path trace = outDir.resolve("kpu-ffn-up.lkt");
        KpuTop top = new KpuTop(cfg, Fidelity.TILE, MemoryTiming.BURST, TransactionLog.none());
        try (TraceWriter tw = Traces.writeBinary(trace)) {
            top.traceInstructions(tw);
            top.run(KpuWorkload.resolve(TRACED, cfg, DType.INT8).program());
        }

        progress.step("fabric: ternary GEMV " + GEMV_ROWS + "x" + GEMV_COLS + ", 2/3 zero trits, 4 tiles, tile level, y checked");
        Gemv gemv = gemv(seed);

        progress.step("RTL: fabric_top.v under Verilator against the Java FabricTop (" + RTL_FRAMES + " random frames)");
        CosimResult rtl = FabricCosim.run(RTL_FRAMES, seed,
                CosimOptions.defaults().withVcdWindow(outDir.resolve("fabric_top-divergence.vcd")));

        progress.step("report: roofline, timeline, HTML");
        List<String> files = report(cfg, bert, gemv, rtl, trace);
        progress.step("done");

        printSummary(out, cfg, bert, gemv, rtl);
        out.println();
        out.println("Report: " + outDir.resolve("report.html") + " (plots and trace beside it: " + String.join(", ", files) + ")");
        boolean passed = gemv.wrongRow < 0 && rtl.passed();
        if (!rtl.passed()) {
            out.println();
            out.println(rtl.report().stripTrailing());
        }
        out.println(passed ? "All checks passed: GEMV y == W x, and fabric_top.v agrees with the Java model on every cycle."
                : "A CHECK FAILED: " + (gemv.wrongRow >= 0 ? "GEMV row " + gemv.wrongRow + " differs from the plain product. " : "")
                + (rtl.passed() ? "" : "fabric_top.v diverged from the Java model (report above)."));
        return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The fabric GEMV's outcome: stats, and the first row of y that differs from W x (-1: none). */
    private record Gemv(KernelStats stats, KernelTelemetry telemetry, int wrongRow) {
        double seconds() {
            return telemetry.cycles() / FABRIC_HZ;
        }

        double gops() {
            return 2.0 * stats.totalOps() / seconds() / 1e9;
        }
    }

    private static Gemv gemv(long seed) {
        FabricSession session = new FabricSession(new TileBackend(4, 15, new Pt5Options(Pt5Mapping.A, InvalidBytes.REJECT),
                FrameTiming.HARDWARE));
        SplitMix64 random = new SplitMix64(seed);
        int[][] w = new int[GEMV_ROWS][];
        for (int r = 0; r < GEMV_ROWS; r++) {
            w[r] = trits(random, GEMV_COLS);
        }
        int[] x = trits(random, GEMV_COLS);
        int[] y = TernaryGemm.gemv(session, w, x);
        int wrong = -1;
        for (int r = 0; r < GEMV_ROWS && wrong < 0; r++) {
            long s = 0;
            for (int c = 0; c < GEMV_COLS; c++) {
                s += w[r][c] * x[c];
            }
            if (s != y[r]) {
                wrong = r;
            }
        }
        KernelStats s = session.stats();
        return new Gemv(s, KernelTelemetry.of(s, GEMV_ROWS), wrong);
    }

    /** n trits, each zero with probability 2/3, else +1 or -1 by the sign bit. */
    private static int[] trits(SplitMix64 random, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = random.nextLong();
            v[i] = ((bits >>> 11) & ((1L << 52) - 1)) * 0x1.0p-52 < GEMV_SPARSITY ? 0 : bits < 0 ? -1 : 1;
        }
        return v;
    }

    private static void printSummary(PrintWriter out, KpuConfig cfg, GraphResult bert, Gemv gemv, CosimResult rtl) {
        out.printf(Locale.ROOT, "Lockstep demo: BERT-base encoder layer (sequence 128, int8, fused kernels) on the KPU %s preset "
                + "(%dx%d array, tile level)%n", cfg.name(), cfg.rows(), cfg.cols());
        String fmt = "%-24s %-9s %10s %6s %8s %10s%n";
        out.printf(Locale.ROOT, fmt, "kernel", "fusion", "cycles", "util", "GOPS", "DRAM");
        double periodS = bert.arrayPeriodPs() * 1e-12;
        int pes = cfg.rows() * cfg.cols() * cfg.tiles();
        for (KernelReport k : bert.kernels()) {
            out.printf(Locale.ROOT, fmt, k.name(), k.fusion(), String.format(Locale.ROOT, "%,d", k.cycles()),
                    pct((double) k.macs() / ((double) k.cycles() * pes)), num(2.0 * k.macs() / (k.cycles() * periodS) / 1e9),
                    bytes(k.externalBytes()));
        }
        out.printf(Locale.ROOT, fmt, "layer total", "", String.format(Locale.ROOT, "%,d", bert.cycles()), pct(bert.computeUtilization()),
                num(2.0 * bert.macs() / (bert.nanoseconds() * 1e-9) / 1e9), bytes(bert.externalBytes()));
        out.printf(Locale.ROOT, "  %.3f ms, %.2f GMACs; bytes DRAM %s, L3 %s, L2 %s, L1 %s; fusion saved %s of DRAM traffic%n",
                bert.nanoseconds() * 1e-6, bert.macs() / 1e9, bytes(level(bert, "external")), bytes(level(bert, "l3")),
                bytes(level(bert, "l2")), bytes(level(bert, "l1")), bytes(bert.savedBytes()));
        double pj = bert.energyPj().getOrDefault("total", 0.0);
        out.printf(Locale.ROOT, "  energy %.1f uJ, %.2f pJ per MAC (%.0f%% of it DRAM)%n", pj * 1e-6, pj / bert.macs(),
                100 * bert.energyPj().getOrDefault("external", 0.0) / pj);
        out.println();
        KernelStats s = gemv.stats();
        KernelTelemetry t = gemv.telemetry();
        out.printf(Locale.ROOT, "Ternary fabric: GEMV %dx%d, 2/3 zero trits, 4 tiles x 15 lanes, tile level, %.0f MHz%n",
                GEMV_ROWS, GEMV_COLS, FABRIC_HZ / 1e6);
        out.printf(Locale.ROOT, "  %,d cycles, %s GOPS, zero-skip %s, %,d bytes read, %,d written, cost %.1f, "
                        + "semantic efficiency %.3f, check %s%n", t.cycles(), num(gemv.gops()), pct(s.zeroSkipRatio()),
                t.memReads(), t.memWrites(), CostModel.PUBLISHED.cost(t, false), t.semanticEfficiency(),
                gemv.wrongRow() < 0 ? "y == W x" : "FAILED at row " + gemv.wrongRow());
        out.println();
        out.printf(Locale.ROOT, "RTL lockstep: fabric_top.v (Verilator) vs Java FabricTop, %d random frames%n", RTL_FRAMES);
        out.printf(Locale.ROOT, "  %,d cycles, every output pin compared every cycle, %d divergences (%s)%n", rtl.cycles(),
                rtl.divergences(), rtl.fromCache() ? "RTL model cached" : "RTL built in " + rtl.setup().toSeconds() + " s");
    }

    private static long level(GraphResult r, String level) {
        return r.bytesPerLevel().getOrDefault(level, 0L);
    }

    private List<String> report(KpuConfig cfg, GraphResult bert, Gemv gemv, CosimResult rtl, Path trace) throws IOException {
        HierarchyConfig h = cfg.hierarchy();
        List<String> files = new ArrayList<>();
        HtmlReport html = new HtmlReport("Lockstep demo: BERT-base layer on " + cfg.name() + ", ternary GEMV, RTL check");

        double hz = MemoryRoofs.hertz(h, cfg.arrayClock());
        double periodS = bert.arrayPeriodPs() * 1e-12;
        int pes = cfg.rows() * cfg.cols() * cfg.tiles();
        List<Roofline.Point> points = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (KernelReport k : bert.kernels()) {
            if (k.macs() > 0 && k.externalBytes() > 0) {
                points.add(new Roofline.Point(k.name(), 2.0 * k.macs(), k.externalBytes(), k.cycles() * periodS));
            }
            rows.add(List.of(k.name(), k.fusion(), Long.toString(k.cycles()), Long.toString(k.macs()),
                    pct((double) k.macs() / ((double) k.cycles() * pes)), num(2.0 * k.macs() / (k.cycles() * periodS) / 1e9),
                    Long.toString(k.externalBytes()), Long.toString(k.compulsoryBytes()), Long.toString(k.savedBytes())));
        }
        rows.add(List.of("layer total", "", Long.toString(bert.cycles()), Long.toString(bert.macs()), pct(bert.computeUtilization()),
                num(2.0 * bert.macs() / (bert.nanoseconds() * 1e-9) / 1e9), Long.toString(bert.externalBytes()),
                Long.toString(bert.compulsoryBytes()), Long.toString(bert.savedBytes())));
        Roofline kpu = new Roofline("BERT-base encoder layer on the KPU " + cfg.name() + " (" + cfg.rows() + "x" + cfg.cols() + ")",
                KpuRoofline.OP_UNIT, KpuRoofline.peak(cfg.rows(), cfg.cols(), hz) * cfg.tiles(), MemoryRoofs.of(h), points);
        JFreeChart kpuChart = RooflineChart.chart(kpu);
        ChartRender.write(kpuChart, outDir.resolve("roofline-kpu.png"), W, H);
        ChartRender.write(kpuChart, outDir.resolve("roofline-kpu.svg"), W, H);
        files.add("roofline-kpu.png");
        files.add("roofline-kpu.svg");
        html.heading("KPU: BERT-base encoder layer, sequence 128, int8");
        html.paragraph(String.format(Locale.ROOT, "The bert-base-128 kernel graph, fused (bias, GELU and the attention's "
                        + "softmax on the drain path), compiled for the %s preset and run on the whole KPU (DMA, L3, "
                        + "BlockMovers, L2, Streamers, %dx%d array) at tile level. Compute roof %s GOPS (%dx%d MACs x 2 ops "
                        + "x %.0f MHz). A dot's intensity is its ops per external (DRAM) byte; kernels without MACs "
                        + "(residual adds, layer norms) have no dot.", cfg.name(), cfg.rows(), cfg.cols(),
                num(kpu.peakOpsPerSec() / 1e9), cfg.rows(), cfg.cols(), hz / 1e6));
        html.svg("roofline-kpu", "Roofline: the layer's kernels on the " + cfg.name() + " KPU", ChartRender.svg(kpuChart, W, H));
        html.table("layers", List.of("kernel", "fusion", "cycles", "MACs", "utilization", "GOPS", "DRAM bytes",
                "compulsory bytes", "saved by fusion"), rows);
        List<List<String>> levels = new ArrayList<>();
        for (String l : LEVELS) {
            levels.add(List.of(l, Long.toString(level(bert, l))));
        }
        html.table("levels", List.of("level", "bytes read + written"), levels);
        List<List<String>> energy = new ArrayList<>();
        bert.energyPj().forEach((k, v) -> energy.add(List.of(k, String.format(Locale.ROOT, "%.1f", v * 1e-6))));
        html.table("energy", List.of("part", "energy (uJ)"), energy);

        ToLongFunction<String> periods = component -> MemoryRoofs.periodPs(h,
                component.startsWith("dma") ? h.dma().clock() : component.startsWith("bm") ? h.blockMover().clock() : cfg.arrayClock());
        Timeline t;
        try (TraceReader in = Traces.open(trace)) {
            t = Timeline.of(in, periods);
        }
        try (TraceReader in = Traces.open(trace)) {
            PerfettoExport.export(in, outDir.resolve("trace.perfetto.json"), periods);
        }
        files.add("kpu-ffn-up.lkt");
        files.add("trace.perfetto.json");
        byte[] timeline = ChartRender.png(TimelineChart.chart("Engines of the KPU during FFN up + GELU (" + cfg.name() + ")", t),
                W, 140 + 40 * Math.max(1, t.tracks().size()));
        AtomicFiles.write(outDir.resolve("timeline.png"), timeline);
        files.add("timeline.png");
        html.heading("Utilization timeline: FFN up + GELU (fc1+gelu), run alone");
        html.paragraph("One bar per instruction queue (DMA engines, BlockMovers, Streamers, the array tile, the drain path), "
                + "from the instruction trace; each queue's cycles are converted with its own clock. Stalled: the queue's "
                + "next instruction waits for the data or buffer it depends on. trace.perfetto.json opens in ui.perfetto.dev.");
        html.png("timeline", "Busy and stalled intervals per engine", timeline);
        List<List<String>> util = new ArrayList<>();
        for (int i = 0; i < t.tracks().size(); i++) {
            long end = Math.max(1, t.endPs());
            util.add(List.of(t.tracks().get(i), pct((double) t.coveredPs(i, false) / end),
                    pct((double) t.coveredPs(i, true) / end)));
        }
        html.table("utilization", List.of("engine", "busy", "stalled"), util);

        KernelStats s = gemv.stats();
        KernelTelemetry tel = gemv.telemetry();
        Roofline fabric = new Roofline("Ternary GEMV on the fabric (60 lanes, " + (long) (FABRIC_HZ / 1e6) + " MHz)",
                FabricRoofline.OP_UNIT, FabricRoofline.peak(60, FABRIC_HZ), MemoryRoofs.of(h),
                List.of(new Roofline.Point("GEMV sparse", 2.0 * s.totalOps(), tel.memReads() + tel.memWrites(), gemv.seconds())));
        JFreeChart fabricChart = RooflineChart.chart(fabric);
        byte[] fabricPng = ChartRender.png(fabricChart, W, H);
        AtomicFiles.write(outDir.resolve("roofline-fabric.png"), fabricPng);
        files.add("roofline-fabric.png");
        html.heading("Ternary fabric: sparse GEMV");
        html.paragraph(String.format(Locale.ROOT, "GEMV %dx%d, each trit zero with probability 2/3, 4 tiles x 15 lanes, "
                        + "kernel model at tile level with the hardware frame timing; y checked against the plain integer "
                        + "product: %s. Bandwidth roofs are the %s hierarchy's, for scale.", GEMV_ROWS, GEMV_COLS,
                gemv.wrongRow() < 0 ? "equal" : "row " + gemv.wrongRow() + " differs", cfg.name()));
        html.png("roofline-fabric", "Roofline: the GEMV on the ternary fabric", fabricPng);
        html.table("gemv", List.of("cycles", "total ops", "zero-skipped", "zero-skip", "bytes read", "bytes written", "GOPS",
                        "cost", "semantic efficiency"),
                List.of(List.of(Long.toString(tel.cycles()), Long.toString(s.totalOps()), Long.toString(s.zeroSkips()),
                        pct(s.zeroSkipRatio()), Long.toString(tel.memReads()), Long.toString(tel.memWrites()), num(gemv.gops()),
                        String.format(Locale.ROOT, "%.1f", CostModel.PUBLISHED.cost(tel, false)),
                        String.format(Locale.ROOT, "%.4f", tel.semanticEfficiency()))));

        html.heading("RTL lockstep check");
        html.paragraph("fabric_top.v under Verilator and the Java FabricTop, driven through AXI4-Lite and AXI4-Stream by "
                + RTL_FRAMES + " random frames (seed " + rtl.seed() + "); every output pin compared every cycle, results "
                + "compared through AXI reads.");
        html.table("rtl", List.of("design", "cycles", "divergences"),
                List.of(List.of("fabric_top", Long.toString(rtl.cycles()), Long.toString(rtl.divergences()))));

        html.heading("Configuration");
        html.preformatted("config", Presets.text(config));
        html.heading("Files");
        html.links(files);
        html.write(outDir.resolve("report.html"));
        return files;
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Bytes in binary units, three significant figures: compact enough for a table column. */
    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.3g %s", v, units[u]);
    }
}

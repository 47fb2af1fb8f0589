package dev.lockstep.tools;

import dev.lockstep.kpu.scalesim.ComputeReport;
import dev.lockstep.kpu.scalesim.ComputeRow;
import dev.lockstep.kpu.scalesim.PeCrossCheck;
import dev.lockstep.kpu.scalesim.PeRow;
import dev.lockstep.kpu.scalesim.PythonSum;
import dev.lockstep.kpu.scalesim.ScaleSimCalc;
import dev.lockstep.kpu.scalesim.ScaleSimConfig;
import dev.lockstep.kpu.scalesim.ScaleSimConfigReader;
import dev.lockstep.kpu.scalesim.ScaleSimDataflow;
import dev.lockstep.kpu.scalesim.ScaleSimExamples;
import dev.lockstep.kpu.scalesim.TopologyLayer;
import dev.lockstep.kpu.scalesim.TopologyReader;
import dev.lockstep.kpu.scalesim.UnsupportedLayerException;
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

/** `lockstep scalesim`: SCALE-Sim v2's command line and its COMPUTE_REPORT.csv, from closed forms. */
@Command(name = "scalesim", mixinStandardHelpOptions = true,
        description = {"Read SCALE-Sim v2 config and topology files and write the COMPUTE_REPORT.csv that SCALE-Sim v2 "
                + "writes in CALC mode (same columns, same numbers), to OUTDIR/<run_name>/ as SCALE-Sim does.",
                "Without -c and -t it runs the built-in example: AlexNet's five convolutions on 32 x 32, os."},
        footer = {"", "Compatibility and its limits: docs/scalesim.md."})
final class ScaleSimCommand implements Callable<Integer> {
    enum InputType { conv, gemm }

    enum Fidelity { calc, pe }

    enum SumRule { neumaier, left_to_right }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE.cfg",
            description = "SCALE-Sim v2 config (default: the built-in " + ScaleSimExamples.CONFIG + ")")
    Path config;

    @Option(names = {"-t", "--topology"}, paramLabel = "TOPOLOGY.csv",
            description = "SCALE-Sim v2 topology (default: the built-in " + ScaleSimExamples.ALEXNET
                    + ", or " + ScaleSimExamples.GEMM + " with -i gemm)")
    Path topology;

    @Option(names = {"-i", "--input-type"}, paramLabel = "conv|gemm", defaultValue = "conv",
            description = "topology rows are convolutions or GEMMs (Layer Name, M, N, K) (default: ${DEFAULT-VALUE})")
    InputType inputType;

    @Option(names = {"-p", "--path"}, paramLabel = "OUTDIR", required = true,
            description = "top directory of the run; the report goes to OUTDIR/<run_name>/" + ComputeReport.FILE_NAME)
    Path outDir;

    @Option(names = "--fidelity", paramLabel = "calc|pe", defaultValue = "calc",
            description = "calc: SCALE-Sim's closed forms (default). pe: also re-run every layer on the register-level "
                    + "array (random int8 operands, SCALE-Sim's non-overlapping folds) and write "
                    + ComputeReport.PE_FILE_NAME + " beside the report; exit 1 if its cycles or products disagree")
    Fidelity fidelity;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "--fidelity pe: operands of layer i come from seed S + i (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--python-sum", paramLabel = "neumaier|left_to_right", defaultValue = "neumaier",
            description = "how the CPython that ran SCALE-Sim summed per-fold figures, which shows in the last digits: "
                    + "neumaier (3.12 and later) or left_to_right (3.11 and earlier) (default: ${DEFAULT-VALUE})")
    SumRule sumRule;

    @Override
    public Integer call() throws IOException {
        ScaleSimConfig cfg = config == null ? ScaleSimExamples.config() : ScaleSimConfigReader.read(config);
        if (cfg.userBandwidth()) {
            throw new InputException(source(config, ScaleSimExamples.CONFIG) + ": InterfaceBandwidth USER simulates"
                    + " SRAM/DRAM stalls, which is not reproduced; use CALC (see docs/scalesim.md)");
        }
        TopologyReader.Kind kind = inputType == InputType.gemm ? TopologyReader.Kind.GEMM : TopologyReader.Kind.CONV;
        List<TopologyLayer> layers;
        if (topology != null) {
            layers = TopologyReader.read(topology, kind);
        } else {
            layers = kind == TopologyReader.Kind.GEMM ? ScaleSimExamples.gemm() : ScaleSimExamples.alexnet();
        }
        String topoName = source(topology, kind == TopologyReader.Kind.GEMM ? ScaleSimExamples.GEMM : ScaleSimExamples.ALEXNET);
        PythonSum rule = sumRule == SumRule.neumaier ? PythonSum.NEUMAIER : PythonSum.LEFT_TO_RIGHT;
        List<ComputeRow> rows = new ArrayList<>(layers.size());
        for (TopologyLayer layer : layers) {
            try {
                rows.add(ScaleSimCalc.layer(cfg, layer, rule));
            } catch (ArithmeticException e) {
                throw new InputException(topoName + ": layer " + layer.name() + " is too large for 64-bit counts");
            } catch (UnsupportedLayerException e) {
                throw new InputException(topoName + ": " + e.getMessage());
            }
        }
        Path runDir = outDir.resolve(cfg.runName());
        Files.createDirectories(runDir);
        Path report = runDir.resolve(ComputeReport.FILE_NAME);
        ComputeReport.writeAtomically(report, ComputeReport.format(rows));
        PrintWriter out = spec.commandLine().getOut();
        print(out, cfg, topoName, layers, rows, report);
        return fidelity == Fidelity.pe ? crossCheck(out, cfg, layers, rows, runDir, topoName) : ExitCodes.OK;
    }

    private int crossCheck(PrintWriter out, ScaleSimConfig cfg, List<TopologyLayer> layers, List<ComputeRow> rows,
                           Path runDir, String topoName) throws IOException {
        List<PeRow> pe = new ArrayList<>(layers.size());
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        int bad = 0;
        for (int i = 0; i < layers.size(); i++) {
            String what = "pe " + layers.get(i).name();
            // Edges the run will take: SCALE-Sim's count + 1, plus the last drain of an os array.
            long edges = rows.get(i).totalCycles() + 1 + (cfg.dataflow() == ScaleSimDataflow.OS ? cfg.arrayHeight() : 0);
            PeRow p;
            try {
                p = PeCrossCheck.layer(cfg, layers.get(i), rows.get(i), seed + i, done -> progress.cycles(what, done, edges));
            } catch (UnsupportedLayerException e) {
                throw new InputException(topoName + ": " + e.getMessage());
            }
            progress.endLine();
            pe.add(p);
            if (!p.cyclesMatch() || !p.productOk()) {
                bad++;
            }
            out.printf(Locale.ROOT, "pe  %-3d %-16s %d edges, SCALE-Sim count %d (%s), int8 product %s%n", i,
                    layers.get(i).name(), p.peEdges(), p.peTotalCycles(),
                    p.cyclesMatch() ? "matches calc" : "calc says " + rows.get(i).totalCycles(),
                    p.productOk() ? "ok" : "WRONG");
        }
        Path file = runDir.resolve(ComputeReport.PE_FILE_NAME);
        ComputeReport.writeAtomically(file, ComputeReport.formatPe(layers, rows, pe));
        out.printf(Locale.ROOT, "pe: %d of %d layers agree with calc; wrote %s%n", layers.size() - bad, layers.size(), file);
        return bad == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String source(Path given, String builtIn) {
        return given == null ? "(built-in) " + builtIn : given.toString();
    }

    private static void print(PrintWriter out, ScaleSimConfig cfg, String topoName, List<TopologyLayer> layers,
                              List<ComputeRow> rows, Path report) {
        out.printf(Locale.ROOT, "%s: %d x %d array, %s, CALC; topology %s%n", cfg.runName(), cfg.arrayHeight(),
                cfg.arrayWidth(), cfg.dataflow().configName(), topoName);
        out.printf(Locale.ROOT, "%-3s %-16s %8s %8s %8s %8s %14s %10s%n",
                "id", "layer", "M", "N", "K", "folds", "total cycles", "util %");
        long sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            ComputeRow r = rows.get(i);
            out.printf(Locale.ROOT, "%-3d %-16s %8d %8d %8d %8d %14d %10.2f%n", i, layers.get(i).name(), r.m(), r.n(),
                    r.k(), r.folds(), r.totalCycles(), r.overallUtilPercent());
            sum += r.totalCycles();
        }
        out.printf(Locale.ROOT, "total %d cycles over %d layers; wrote %s%n", sum, rows.size(), report);
    }
}

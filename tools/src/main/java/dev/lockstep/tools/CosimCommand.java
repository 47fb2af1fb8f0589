package dev.lockstep.tools;

import dev.lockstep.cosim.CosimOptions;
import dev.lockstep.cosim.CosimResult;
import dev.lockstep.cosim.FabricCosim;
import dev.lockstep.cosim.LaneCosim;
import dev.lockstep.cosim.SystolicCosim;
import dev.lockstep.cosim.VectorCosim;
import dev.lockstep.kpu.systolic.Dataflow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `lockstep cosim ...`: a Java register-level model against its RTL under Verilator, cycle for cycle. */
@Command(name = "cosim", description = "Run a block's Java model and its RTL in lockstep on random stimulus.",
        subcommands = {CosimCommand.Lane.class, CosimCommand.Vector.class, CosimCommand.Fabric.class,
                CosimCommand.Systolic.class})
final class CosimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The options of the targets that run a number of random cycles. */
    static final class RunOptions {
        @Option(names = "--cycles", paramLabel = "N", defaultValue = "100000",
                description = "random cycles to run (default: ${DEFAULT-VALUE})")
        long cycles;

        @Mixin
        ReportOptions report;

        CosimOptions toOptions(TerminalProgress progress, String block) {
            if (cycles < 1) {
                throw new InputException("--cycles must be >= 1, got " + cycles);
            }
            return report.toOptions(progress, block, cycles);
        }
    }

    /** The options every cosim target shares: the seed and how a divergence is reported. */
    static final class ReportOptions {
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "stimulus seed; the same seed gives the same run (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--vcd", paramLabel = "FILE",
                description = "on a divergence, write a VCD window of both sides around it to FILE")
        Path vcd;

        @Option(names = "--trace-dir", paramLabel = "DIR",
                description = "record both sides as binary traces java.trace and rtl.trace in DIR")
        Path traceDir;

        @Option(names = "--context", paramLabel = "N", defaultValue = "8",
                description = "agreeing cycles to show before a divergence (default: ${DEFAULT-VALUE})")
        int context;

        @Option(names = "--all", description = "do not stop at the first divergence; count them all")
        boolean all;

        CosimOptions toOptions(TerminalProgress progress, String block, long total) {
            if (context < 0) {
                throw new InputException("--context must be >= 0, got " + context);
            }
            CosimOptions o = CosimOptions.defaults().withContext(context);
            if (vcd != null) {
                o = o.withVcdWindow(vcd);
            }
            if (traceDir != null) {
                o = o.withTraceDir(traceDir);
            }
            o = o.withProgress(done -> progress.cycles(block, done, total));
            return all ? o.continuing() : o;
        }
    }

    /** Prints a run's outcome and maps it to the exit code. */
    static int finish(PrintWriter out, TerminalProgress progress, CosimResult r) {
        progress.endLine();
        out.println(r.report().stripTrailing());
        if (!r.fromCache()) {
            out.printf(Locale.ROOT, "(RTL built under Verilator in %.1f s; cached for later runs)%n", r.setup().toMillis() / 1e3);
        }
        return r.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    @Command(name = "lane", mixinStandardHelpOptions = true,
            description = "TernaryLane (Java) against ternary_lane.v, compared every cycle.")
    static final class Lane implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RunOptions run;

        @Override
        public Integer call() {
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
            CosimOptions o = run.toOptions(progress, "ternary_lane");
            return finish(spec.commandLine().getOut(), progress, LaneCosim.run(run.cycles, run.report.seed, o));
        }
    }

    @Command(name = "vector", mixinStandardHelpOptions = true,
            description = "VectorEngine (Java) against the Chisel-generated vector_engine, compared every cycle.")
    static final class Vector implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RunOptions run;

        @Option(names = "--lanes", paramLabel = "N", defaultValue = "15",
                description = "lanes of the engine, 1..64 (default: ${DEFAULT-VALUE}, as in TFMBS)")
        int lanes;

        @Override
        public Integer call() {
            if (lanes < 1 || lanes > 64) {
                throw new InputException("--lanes must be in 1..64, got " + lanes);
            }
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
            CosimOptions o = run.toOptions(progress, "vector_engine");
            return finish(spec.commandLine().getOut(), progress, VectorCosim.run(lanes, run.cycles, run.report.seed, o));
        }
    }

    @Command(name = "systolic", mixinStandardHelpOptions = true,
            description = "SystolicArray (Java, register level) against the Chisel-generated systolic_array, "
                    + "int8, on random folds, compared every cycle.")
    static final class Systolic implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--rows", paramLabel = "R", defaultValue = "16", description = "array rows, 1..64 (default: ${DEFAULT-VALUE})")
        int rows;

        @Option(names = "--cols", paramLabel = "C", defaultValue = "16", description = "array columns, 1..64 (default: ${DEFAULT-VALUE})")
        int cols;

        @Option(names = "--dataflow", paramLabel = "os|ws", defaultValue = "os",
                description = "array hardware: output- or weight-stationary (default: ${DEFAULT-VALUE})")
        String dataflow;

        @Option(names = "--folds", paramLabel = "N", defaultValue = "200",
                description = "random folds to run, each to its last result (default: ${DEFAULT-VALUE})")
        int folds;

        @Mixin
        ReportOptions report;

        @Override
        public Integer call() {
            if (rows < 1 || rows > SystolicCosim.MAX_SIDE || cols < 1 || cols > SystolicCosim.MAX_SIDE) {
                throw new InputException("--rows and --cols must be in 1..64, got " + rows + " and " + cols);
            }
            if (folds < 1) {
                throw new InputException("--folds must be >= 1, got " + folds);
            }
            Dataflow df = switch (dataflow.trim().toLowerCase(Locale.ROOT)) {
                case "os" -> Dataflow.OS;
                case "ws" -> Dataflow.WS;
                default -> throw new InputException("--dataflow must be os or ws (is runs on ws hardware), got '" + dataflow + "'");
            };
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
            long cycles = SystolicCosim.cycles(rows, cols, df, folds, report.seed);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "systolic_array %dx%d %s int8: %d random folds in %d cycles%n",
                    rows, cols, df.lowerName(), folds, cycles);
            CosimOptions o = report.toOptions(progress, "systolic_array", cycles);
            return finish(out, progress, SystolicCosim.run(rows, cols, df, folds, report.seed, o));
        }
    }

    @Command(name = "fabric", mixinStandardHelpOptions = true,
            description = {"FabricTop (Java) against fabric_top.v (4 tiles x 15 lanes), driven only through AXI4-Lite "
                    + "and AXI4-Stream by random frames; every output pin compared every cycle, results through AXI reads."})
    static final class Fabric implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "1000",
                description = "random frames to run (default: ${DEFAULT-VALUE})")
        int frames;

        @Mixin
        ReportOptions report;

        @Override
        public Integer call() {
            if (frames < 1) {
                throw new InputException("--frames must be >= 1, got " + frames);
            }
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
            long total = FabricCosim.cyclesFor(frames, report.seed);
            CosimOptions o = report.toOptions(progress, "fabric_top", total);
            return finish(spec.commandLine().getOut(), progress, FabricCosim.run(frames, report.seed, o));
        }
    }
}

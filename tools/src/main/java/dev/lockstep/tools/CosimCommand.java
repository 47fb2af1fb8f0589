package dev.lockstep.tools;

import dev.lockstep.cosim.CosimOptions;
import dev.lockstep.cosim.CosimResult;
import dev.lockstep.cosim.FabricCosim;
import dev.lockstep.cosim.LaneCosim;
import dev.lockstep.cosim.VectorCosim;
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
        subcommands = {CosimCommand.Lane.class, CosimCommand.Vector.class, CosimCommand.Fabric.class})
final class CosimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: lane, vector or fabric");
    }

    /** The options every cosim target shares. */
    static final class RunOptions {
        @Option(names = "--cycles", paramLabel = "N", defaultValue = "100000",
                description = "random cycles to run (default: ${DEFAULT-VALUE})")
        long cycles;

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

        CosimOptions toOptions(TerminalProgress progress, String block) {
            if (cycles < 1) {
                throw new InputException("--cycles must be >= 1, got " + cycles);
            }
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
            long total = cycles;
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
            return finish(spec.commandLine().getOut(), progress, LaneCosim.run(run.cycles, run.seed, o));
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
            return finish(spec.commandLine().getOut(), progress, VectorCosim.run(lanes, run.cycles, run.seed, o));
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

        @Override
        public Integer call() {
            if (frames < 1) {
                throw new InputException("--frames must be >= 1, got " + frames);
            }
            if (context < 0) {
                throw new InputException("--context must be >= 0, got " + context);
            }
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
            long total = FabricCosim.cyclesFor(frames, seed);
            CosimOptions o = CosimOptions.defaults().withContext(context)
                    .withProgress(done -> progress.cycles("fabric_top", done, total));
            if (vcd != null) {
                o = o.withVcdWindow(vcd);
            }
            if (traceDir != null) {
                o = o.withTraceDir(traceDir);
            }
            return finish(spec.commandLine().getOut(), progress, FabricCosim.run(frames, seed, all ? o.continuing() : o));
        }
    }
}

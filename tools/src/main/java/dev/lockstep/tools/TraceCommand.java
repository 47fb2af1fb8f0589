package dev.lockstep.tools;

import dev.lockstep.trace.TraceComparator;
import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceRecord;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import dev.lockstep.trace.VcdExport;
import dev.lockstep.tools.report.PerfettoExport;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `lockstep trace ...`: compare and convert trace files (binary or JSON Lines, detected by content). */
@Command(name = "trace", description = "Compare and convert trace files.",
        subcommands = {TraceCommand.Diff.class, TraceCommand.Export.class})
final class TraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: diff or export");
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Report the first divergence between an expected and an actual trace.",
                    "Exit code 0 when they agree, 1 when they differ."})
    static final class Diff implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "EXPECTED", description = "the reference trace")
        Path expected;

        @Parameters(index = "1", paramLabel = "ACTUAL", description = "the trace under test")
        Path actual;

        @Option(names = "--context", paramLabel = "N", defaultValue = "8",
                description = "agreeing records to show before the divergence (default: ${DEFAULT-VALUE})")
        int context;

        @Option(names = "--all", description = "walk both traces to the end and count every divergence")
        boolean all;

        @Override
        public Integer call() throws IOException {
            if (context < 0) {
                throw new InputException("--context must be >= 0, got " + context);
            }
            PrintWriter out = spec.commandLine().getOut();
            TraceComparator.Result r;
            try (TraceReader e = Traces.open(expected); TraceReader a = Traces.open(actual)) {
                r = TraceComparator.compare(e, a, new TraceComparator.Options(context, all));
            }
            if (r.equal()) {
                out.printf("traces agree: %d comparisons%n", r.recordsCompared());
                return ExitCodes.OK;
            }
            out.println("first divergence: " + r.first().describe());
            if (!r.lastAgreeing().isEmpty()) {
                out.println("last " + r.lastAgreeing().size() + " agreeing records:");
                for (TraceRecord rec : r.lastAgreeing()) {
                    out.println("  " + Render.record(rec));
                }
            }
            out.printf("%s%d divergence(s), %d comparisons%n", all ? "" : "stopped at the first: ",
                    r.divergences(), r.recordsCompared());
            return ExitCodes.CHECK_FAILED;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Convert a trace to VCD (waveform viewers), Perfetto / Chrome trace JSON or JSON Lines.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TRACE", description = "the trace to convert")
        Path input;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--vcd", paramLabel = "FILE", required = true, description = "write VCD to FILE")
            Path vcd;

            @Option(names = "--jsonl", paramLabel = "FILE", required = true, description = "write JSON Lines to FILE")
            Path jsonl;

            @Option(names = "--perfetto", paramLabel = "FILE", required = true,
                    description = "write Chrome trace event JSON (ui.perfetto.dev, chrome://tracing) to FILE; needs --period-ps")
            Path perfetto;
        }

        @Option(names = "--period-ps", paramLabel = "PS",
                description = "Perfetto only: clock period of the trace's cycles in picoseconds (e.g. 1000 for 1 GHz)")
        Long periodPs;

        @Option(names = "--from", paramLabel = "CYCLE", defaultValue = "0",
                description = "VCD only: first cycle of the window (default: ${DEFAULT-VALUE})")
        long from;

        @Option(names = "--to", paramLabel = "CYCLE", defaultValue = "" + Long.MAX_VALUE,
                description = "VCD only: last cycle of the window (default: the end)")
        long to;

        @Override
        public Integer call() throws IOException {
            if (from < 0 || to < from) {
                throw new InputException("cycle window --from " + from + " --to " + to + " is empty or negative");
            }
            if (target.jsonl != null && (from != 0 || to != Long.MAX_VALUE)) {
                throw new InputException("--from/--to select a VCD window; a JSON Lines export copies the whole trace");
            }
            if (target.perfetto != null && (periodPs == null || periodPs < 1)) {
                throw new InputException("--perfetto needs --period-ps PS >= 1 (the clock the trace's cycles count), got "
                        + periodPs);
            }
            if (target.perfetto == null && periodPs != null) {
                throw new InputException("--period-ps applies to --perfetto only");
            }
            if (target.perfetto != null && (from != 0 || to != Long.MAX_VALUE)) {
                throw new InputException("--from/--to select a VCD window; a Perfetto export converts the whole trace");
            }
            try (TraceReader in = Traces.open(input)) {
                if (target.perfetto != null) {
                    PerfettoExport.export(in, target.perfetto, periodPs);
                } else if (target.vcd != null) {
                    VcdExport.export(in, target.vcd, from, to);
                } else {
                    try (TraceWriter w = Traces.writeJsonLines(target.jsonl)) {
                        Traces.copy(in, w);
                    }
                }
            }
            return ExitCodes.OK;
        }
    }
}

package dev.lockstep.tools;

import dev.lockstep.tools.regress.Baseline;
import dev.lockstep.tools.regress.RegressionCheck;
import dev.lockstep.tools.regress.SuiteRegistry;
import dev.lockstep.tools.regress.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `lockstep regress record|check SUITE`: the regression gate over committed baselines. */
@Command(name = "regress", mixinStandardHelpOptions = true, description = "Record baselines of a workload suite, or check a fresh run against them.",
        subcommands = {RegressCommand.Record.class, RegressCommand.Check.class})
final class RegressCommand implements Runnable {
    static final String DEFAULT_DIR = "regress/baselines";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: record or check");
    }

    static List<Workload> suite(String name) {
        SuiteRegistry registry = SuiteRegistry.builtIn();
        List<Workload> w = registry.suite(name);
        if (w == null) {
            throw new InputException("no suite '" + name + "', known: " + String.join(", ", registry.names()));
        }
        return w;
    }

    static Baseline runSuite(String name, PrintWriter err) {
        List<Workload> workloads = suite(name);
        TerminalProgress progress = new TerminalProgress(err);
        return RegressionCheck.run(name, workloads, w -> progress.step("running " + w));
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Run SUITE and write its metrics as the baseline DIR/SUITE.json (atomically).")
    static final class Record implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUITE", description = "canonical or smoke")
        String suite;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
                description = "folder of the baselines (default: ${DEFAULT-VALUE})")
        Path dir;

        @Override
        public Integer call() throws IOException {
            Baseline b = runSuite(suite, spec.commandLine().getErr());
            Path file = Baseline.file(dir, suite);
            b.write(file);
            spec.commandLine().getOut().printf("recorded %d metrics of suite %s in %s%n", b.entries().size(), suite, file);
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Re-run SUITE and compare every metric with DIR/SUITE.json.",
                    "Exit 1 if a metric moved beyond the tolerance (counts and cycles either way, rates when they drop),",
                    "or if the suite and its baseline no longer have the same metrics; 0 otherwise."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SUITE", description = "canonical or smoke")
        String suite;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
                description = "folder of the baselines (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--tolerance", paramLabel = "PCT", defaultValue = "5%",
                description = "allowed relative move, e.g. 5%% or 0.1%% (default: 5%%)")
        String tolerance;

        @Override
        public Integer call() throws IOException {
            double tol = percent(tolerance);
            suite(suite);
            Baseline baseline = Baseline.read(Baseline.file(dir, suite));
            if (!baseline.suite().equals(suite)) {
                throw new InputException(Baseline.file(dir, suite) + ": suite: the file is for suite '"
                        + baseline.suite() + "', not '" + suite + "'");
            }
            Baseline now = runSuite(suite, spec.commandLine().getErr());
            List<RegressionCheck.Row> rows = RegressionCheck.compare(baseline, now, tol);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%-22s %-16s %16s %16s %9s  %s%n", "workload", "metric", "baseline", "now", "delta", "verdict");
            int failed = 0;
            for (RegressionCheck.Row r : rows) {
                out.printf(Locale.ROOT, "%-22s %-16s %16s %16s %9s  %s%n", r.workload(), r.metric(), value(r.baseline()),
                        value(r.now()), delta(r.delta()), r.verdict().name().toLowerCase(Locale.ROOT));
                failed += r.failed() ? 1 : 0;
            }
            out.printf(Locale.ROOT, "%d metrics, %d beyond tolerance %s or unmatched%n", rows.size(), failed, tolerance);
            return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }

        static double percent(String s) {
            if (s.endsWith("%")) {
                try {
                    double p = Double.parseDouble(s.substring(0, s.length() - 1));
                    if (p >= 0 && Double.isFinite(p)) {
                        return p / 100;
                    }
                } catch (NumberFormatException ignored) {
                    // falls through to the one error message below
                }
            }
            throw new InputException("--tolerance must be a percentage >= 0 such as 5% or 0.5%, got '" + s + "'");
        }

        private static String value(double v) {
            return Double.isNaN(v) ? "-" : Baseline.number(v);
        }

        private static String delta(double d) {
            if (Double.isNaN(d)) {
                return "-";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "+inf" : "-inf";
            }
            return String.format(Locale.ROOT, "%+.2f%%", 100 * d);
        }
    }
}

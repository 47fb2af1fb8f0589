package dev.lockstep.tools;

import dev.lockstep.sim.bench.BareHeapHold;
import dev.lockstep.sim.bench.ClockedRingBenchmark;
import dev.lockstep.sim.bench.HoldBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep bench kernel`: the two kernel workloads of the kernel benchmark reference (hold model and
 * clocked ring), each run several times in one JVM; prints median and best rates, the ratio to the
 * SystemC 2.3.4 figures measured on this kind of machine, and the check values, which must equal the
 * reference's or the run fails (exit 1): a fast kernel that computes something else is no kernel.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Hold model (P = 1e4, 1e5) and clocked ring (N = 1000) throughput, with check values.")
final class BenchKernelCommand implements Callable<Integer> {
    /** One workload: its reference check values and the SystemC rate (M/s) from kernel-bench.md. */
    private record HoldCase(int pending, long lastPs, long sumPs, double systemcMillions) {}

    private static final HoldCase[] HOLD = {
        new HoldCase(10_000, 11008206L, 60565492147481L, 4.87),
        new HoldCase(100_000, 11033990L, 60868817809214L, 3.11),
    };
    private static final long RING_XOR = 0x834703bdd52b98f0L;
    private static final double RING_SYSTEMC_MILLIONS = 63.1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "measured runs per workload; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new InputException("--runs must be >= 1, got " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean checksOk = true;
        out.printf(Locale.ROOT, "%-26s %12s %10s %12s  %s%n", "workload", "median M/s", "best M/s", "vs SystemC", "check");
        for (HoldCase c : HOLD) {
            // Kernel and bare heap alternate so both see the same machine load; their ratio is the
            // figure that compares across machines and days.
            double[] rates = new double[runs];
            double[] bare = new double[runs];
            HoldBenchmark.Result r = null;
            HoldBenchmark.Result b = null;
            for (int i = 0; i < runs; i++) {
                r = HoldBenchmark.run(c.pending(), 1_000_000, 10_000_000);
                rates[i] = r.eventsPerSecond();
                b = BareHeapHold.run(c.pending(), 1_000_000, 10_000_000);
                bare[i] = b.eventsPerSecond();
            }
            boolean ok = matches(r, c) && matches(b, c);
            checksOk &= ok;
            row(out, "hold P=" + c.pending() + " (events)", rates, c.systemcMillions(),
                    "last_ps=" + r.lastPs() + " sum_ps=" + r.sumPs() + (ok ? " ok" : " MISMATCH"));
            row(out, "  bare binary heap", bare, c.systemcMillions(),
                    String.format(Locale.ROOT, "kernel/bare %.2f", Medians.of(rates) / Medians.of(bare)));
        }
        double[] rates = new double[runs];
        ClockedRingBenchmark.Result r = null;
        for (int i = 0; i < runs; i++) {
            r = ClockedRingBenchmark.run(1000, 10_000, 100_000);
            rates[i] = r.componentCyclesPerSecond();
        }
        boolean ok = r.xor() == RING_XOR;
        checksOk &= ok;
        row(out, "clocked N=1000 (comp-cyc)", rates, RING_SYSTEMC_MILLIONS,
                String.format(Locale.ROOT, "xor=0x%016x%s", r.xor(), ok ? " ok" : " MISMATCH"));
        out.println("SystemC 2.3.4 figures are the reference's (same kind of machine); compare ratios, not absolutes.");
        return checksOk ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static boolean matches(HoldBenchmark.Result r, HoldCase c) {
        return r.lastPs() == c.lastPs() && r.sumPs() == c.sumPs();
    }

    private static void row(PrintWriter out, String name, double[] rates, double systemc, String check) {
        double median = Medians.of(rates);
        double best = Arrays.stream(rates).max().orElseThrow();
        out.printf(Locale.ROOT, "%-26s %12.2f %10.2f %11.1fx  %s%n", name, median / 1e6, best / 1e6,
                median / 1e6 / systemc, check);
    }
}

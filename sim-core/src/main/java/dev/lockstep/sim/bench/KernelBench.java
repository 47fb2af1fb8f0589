package dev.lockstep.sim.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs the two kernel workloads of the benchmark reference at full size, several times each, and
 * prints median and best rates with the check values. The CLI's {@code lockstep bench kernel} calls
 * {@link #run(int, PrintStream)}; {@link #main} is for running from a plain classpath.
 */
public final class KernelBench {
    public static final long HOLD_WARMUP = 1_000_000;
    public static final long HOLD_MEASURED = 10_000_000;
    public static final int RING_COMPONENTS = 1000;
    public static final int RING_WARMUP = 10_000;
    public static final int RING_EDGES = 100_000;

    private KernelBench() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        run(repetitions, System.out);
    }

    /** Runs each workload {@code repetitions} times and prints one line per workload. */
    public static void run(int repetitions, PrintStream out) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        }
        for (int p : new int[] {10_000, 100_000}) {
            // Kernel and bare heap alternate, so both see the same load on a shared machine.
            double[] rates = new double[repetitions];
            double[] bare = new double[repetitions];
            HoldBenchmark.Result last = null;
            HoldBenchmark.Result lastBare = null;
            for (int r = 0; r < repetitions; r++) {
                lastBare = BareHeapHold.run(p, HOLD_WARMUP, HOLD_MEASURED);
                bare[r] = lastBare.eventsPerSecond();
                last = HoldBenchmark.run(p, HOLD_WARMUP, HOLD_MEASURED);
                rates[r] = last.eventsPerSecond();
            }
            out.printf(Locale.ROOT, "hold    P=%-7d median %7.2f M events/s  best %7.2f  last_ps=%d sum_ps=%d%n",
                    p, median(rates) / 1e6, max(rates) / 1e6, last.lastPs(), last.sumPs());
            out.printf(Locale.ROOT, "bare    P=%-7d median %7.2f M events/s  best %7.2f  last_ps=%d sum_ps=%d  kernel/bare %.2f%n",
                    p, median(bare) / 1e6, max(bare) / 1e6, lastBare.lastPs(), lastBare.sumPs(),
                    median(rates) / median(bare));
        }
        double[] rates = new double[repetitions];
        ClockedRingBenchmark.Result last = null;
        for (int r = 0; r < repetitions; r++) {
            last = ClockedRingBenchmark.run(RING_COMPONENTS, RING_WARMUP, RING_EDGES);
            rates[r] = last.componentCyclesPerSecond();
        }
        out.printf(Locale.ROOT, "clocked N=%-7d median %7.2f M comp-cycles/s  best %7.2f  xor=0x%016x%n",
                RING_COMPONENTS, median(rates) / 1e6, max(rates) / 1e6, last.xor());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}

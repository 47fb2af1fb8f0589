package dev.lockstep.tools;

import dev.lockstep.fabric.kernel.FabricBackend;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.KernelStats;
import dev.lockstep.fabric.kernel.PeBackend;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.fabric.kernel.TileBackend;
import dev.lockstep.sim.random.SplitMix64;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * `lockstep bench fabric`: GEMV 1024 x 1024 at 50 % sparsity on 4 tiles, at tile and pe level, each run
 * several times in one JVM; prints median wall and thread CPU time (CPU time is the steadier figure
 * on a shared machine), lane-cycles per second of CPU time and the check of y (a wrong product fails
 * the run, exit 1). Stats, cycles included, must be equal at both levels, or the run fails.
 */
@Command(name = "fabric", mixinStandardHelpOptions = true,
        description = "GEMV 1024 x 1024 on 4 fabric tiles at tile and pe level: medians, lane-cycles/s, checks.")
final class BenchFabricCommand implements Callable<Integer> {
    private static final int ROWS = 1024;
    private static final int COLS = 1024;
    private static final int TILES = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "measured runs per level; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new InputException("--runs must be >= 1, got " + runs);
        }
        SplitMix64 random = new SplitMix64(1);
        int[][] w = new int[ROWS][COLS];
        int[] x = new int[COLS];
        for (int r = 0; r < ROWS; r++) {
            fill(random, w[r]);
        }
        fill(random, x);
        int[] expected = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                expected[r] += w[r][c] * x[c];
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-32s %10s %10s %16s %8s  %s%n", "workload", "wall ms", "cpu ms",
                "M lane-cyc/cpu-s", "cycles", "check");
        KernelStats tile = measure(out, "GEMV 1024x1024 4 tiles, tile", TileBackend::new, w, x, expected);
        KernelStats pe = measure(out, "GEMV 1024x1024 4 tiles, pe", PeBackend::new, w, x, expected);
        boolean same = tile != null && tile.equals(pe);
        out.println(same ? "tile and pe stats equal" : "tile and pe stats DIFFER");
        return same ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The stats of the last run, or null if y was wrong. */
    private KernelStats measure(PrintWriter out, String name, IntFunction<FabricBackend> backend,
                                int[][] w, int[] x, int[] expected) {
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        KernelStats stats = null;
        boolean ok = true;
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            FabricSession session = new FabricSession(backend.apply(TILES));
            int[] y = TernaryGemm.gemv(session, w, x);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            ok &= java.util.Arrays.equals(y, expected);
            stats = session.stats();
        }
        double cpuMedian = Medians.of(cpu);
        // Lane-cycles: every lane of every tile for every compute cycle, what the hardware clocks.
        double laneCycles = (double) stats.cycles() * TILES * 15;
        out.printf(Locale.ROOT, "%-32s %10.1f %10.1f %16.1f %8d  %s%n", name, Medians.of(ms), cpuMedian,
                laneCycles / (cpuMedian / 1e3) / 1e6, stats.cycles(), ok ? "y ok" : "y WRONG");
        return ok ? stats : null;
    }

    private static void fill(SplitMix64 random, int[] v) {
        for (int i = 0; i < v.length; i++) {
            int k = random.nextInt(4);
            // 50 % zeros, 25 % each sign.
            v[i] = k < 2 ? 0 : k == 2 ? 1 : -1;
        }
    }
}

package dev.lockstep.tools;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Matmul;
import dev.lockstep.kpu.systolic.MatmulRun;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.systolic.PeMatmul;
import dev.lockstep.kpu.systolic.SystolicArray;
import dev.lockstep.kpu.systolic.TileMatmul;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep bench systolic`: speed of the systolic array at each fidelity, as medians of several runs
 * in one JVM. The pe figures are MACs the array performs per second of wall time (the number to hold
 * against Verilator running the same array); the tile figure is the time of an 8192^3 product on
 * 16x16, cycles only. Each workload's result is checked (exit 1 if wrong).
 */
@Command(name = "systolic", mixinStandardHelpOptions = true,
        description = "Systolic array throughput: pe MACs/s (bare array and whole product) and tile 8192^3 time.")
final class BenchSystolicCommand implements Callable<Integer> {
    /** 8192^3 OS native on 16x16: T = 8192, period 8192, folds 512 * 512, one fold 8192 + 32 + 16 - 2. */
    private static final long BIG_CYCLES = (512L * 512 - 1) * 8192 + 8238;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "measured runs; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--rows", paramLabel = "R", defaultValue = "16", description = "array rows for the pe workloads (default: ${DEFAULT-VALUE})")
    int rows;
    @Option(names = "--cols", paramLabel = "C", defaultValue = "16", description = "array columns for the pe workloads (default: ${DEFAULT-VALUE})")
    int cols;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new InputException("--runs must be >= 1, got " + runs);
        }
        if (rows < 1 || rows > 256 || cols < 1 || cols > 256) {
            throw new InputException("--rows and --cols must be in 1..256, got " + rows + " and " + cols);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean ok = true;
        out.printf(Locale.ROOT, "%-44s %14s %14s  %s%n", "workload", "median", "best", "check");

        for (Dataflow df : new Dataflow[] {Dataflow.OS, Dataflow.WS}) {
            double[] rate = new double[runs];
            long macs = 0;
            for (int i = 0; i < runs; i++) {
                long[] r = bareArray(df, 200_000);
                macs = r[0];
                rate[i] = r[0] / (r[1] / 1e9);
            }
            // Every PE MACs on every edge once the pipeline is full: (edges - (C - 1)) x R x C at most.
            boolean good = macs > 0 && macs <= 200_000L * rows * cols;
            ok &= good;
            row(out, String.format(Locale.ROOT, "pe bare %s array %dx%d int8, MACs/s", df.lowerName(), rows, cols),
                    rate, 1e6, "M", good ? "macs=" + macs + " ok" : "MISMATCH");
        }

        int size = 256;
        Matmul p = Matmul.random(size, size, size, DType.INT8, 7);
        long[] expected = TileMatmul.run(p, rows, cols, Dataflow.OS, Overlap.NATIVE, true).c();
        for (Dataflow df : Dataflow.values()) {
            double[] rate = new double[runs];
            boolean good = true;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                MatmulRun run = PeMatmul.run(p, rows, cols, df, Overlap.NATIVE);
                long ns = System.nanoTime() - t0;
                rate[i] = p.m() * (double) p.n() * p.k() / (ns / 1e9);
                good &= Arrays.equals(expected, run.c())
                        && run.cycles() == new FoldPlan(rows, cols, df, Overlap.NATIVE, size, size, size).cycles();
            }
            ok &= good;
            row(out, String.format(Locale.ROOT, "pe matmul %d^3 %s on %dx%d int8, MACs/s", size, df.lowerName(), rows, cols),
                    rate, 1e6, "M", good ? "C and cycles ok" : "MISMATCH");
        }

        double[] tileNs = new double[runs];
        long cycles = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            cycles = new FoldPlan(16, 16, Dataflow.OS, Overlap.NATIVE, 8192, 8192, 8192).cycles();
            tileNs[i] = System.nanoTime() - t0;
        }
        boolean good = cycles == BIG_CYCLES;
        ok &= good;
        row(out, "tile 8192^3 os on 16x16, cycles only, time", tileNs, 1e3, "us",
                "cycles=" + cycles + (good ? " ok" : " MISMATCH"));
        out.println("pe MACs/s count MACs the array performs (padding PEs included for bare, useful MACs for matmul).");
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Steps a bare array with every row valid, as a cosim harness would; returns {macs, nanoseconds}. */
    private long[] bareArray(Dataflow df, int edges) {
        SystolicArray arr = new SystolicArray(rows, cols, df, DType.INT8);
        long seed = 0x9E37_79B9L;
        long t0 = System.nanoTime();
        for (int e = 0; e < edges; e++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int bits = (int) (seed >>> 32);
            for (int i = 0; i < rows; i++) {
                arr.setWest(i, bits >>> (i & 15), true, 0);
            }
            for (int j = 0; j < cols; j++) {
                arr.setNorth(j, bits >>> (j & 15));
            }
            arr.setDrain(e % 4096 == 4095, 0);
            arr.step();
        }
        long ns = System.nanoTime() - t0;
        return new long[] {arr.macs(), ns};
    }

    private static void row(PrintWriter out, String name, double[] values, double unit, String unitName, String check) {
        double median = Medians.of(values) / unit;
        double best = Arrays.stream(values).max().orElseThrow() / unit;
        if (unitName.equals("us")) {
            best = Arrays.stream(values).min().orElseThrow() / unit;
        }
        out.printf(Locale.ROOT, "%-44s %12.2f %s %12.2f %s  %s%n", name, median, unitName, best, unitName, check);
    }
}

package dev.lockstep.tools;

import dev.lockstep.cosim.RtlSystolicPins;
import dev.lockstep.cosim.SystolicCosim;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Matmul;
import dev.lockstep.kpu.systolic.MatmulRun;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.systolic.PeMatmul;
import dev.lockstep.kpu.systolic.TileMatmul;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * `lockstep kpu matmul`: one C = A x B (A m x k, B k x n, random operands from --seed) on an R x C
 * systolic array. At pe (the default) the register-level array computes C and it is checked against
 * the transaction-level product (exit 1 if they differ); at rtl the same feeder drives the generated
 * systolic_array under Verilator (int8 only) and is checked the same way; at tile the closed form
 * gives the cycles and C is not computed, so any size runs in microseconds. The output is the same for the same arguments
 * (no wall times in it).
 */
@Command(name = "matmul", mixinStandardHelpOptions = true,
        description = "Run one matrix product on the systolic array; print cycles, utilization and MACs.")
final class KpuMatmulCommand implements Callable<Integer> {
    /** pe holds A, B and C in memory; beyond this many elements of one it refuses. */
    private static final long MAX_ELEMENTS = 1L << 27;
    private static final int MAX_ARRAY_SIDE = 4096;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--m", required = true, paramLabel = "M", description = "rows of A and C")
    int m;
    @Option(names = "--n", required = true, paramLabel = "N", description = "columns of B and C")
    int n;
    @Option(names = "--k", required = true, paramLabel = "K", description = "columns of A, rows of B")
    int k;
    @Option(names = "--rows", paramLabel = "R", defaultValue = "16", description = "array rows (default: ${DEFAULT-VALUE})")
    int rows;
    @Option(names = "--cols", paramLabel = "C", defaultValue = "16", description = "array columns (default: ${DEFAULT-VALUE})")
    int cols;
    @Option(names = "--dataflow", paramLabel = "os|ws|is", defaultValue = "os", description = "default: ${DEFAULT-VALUE}")
    String dataflow;
    @Option(names = "--dtype", paramLabel = "int8|int16|fp32|bf16", defaultValue = "int8", description = "default: ${DEFAULT-VALUE}")
    String dtype;
    @Option(names = "--fidelity", paramLabel = "pe|tile|rtl", defaultValue = "pe",
            description = "pe: register-level array, result checked; tile: closed form, cycles only; "
                    + "rtl: the systolic_array RTL under Verilator, int8, result checked (default: ${DEFAULT-VALUE})")
    String fidelity;
    @Option(names = "--overlap", paramLabel = "native|scalesim", defaultValue = "native",
            description = "native: folds overlap (double buffering); scalesim: SCALE-Sim v2's back-to-back folds (default: ${DEFAULT-VALUE})")
    String overlap;
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "operand seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        Dataflow df = parse(() -> Dataflow.parse(dataflow));
        DType dt = parse(() -> DType.parse(dtype));
        Overlap ov = parse(() -> Overlap.parse(overlap));
        checkSizes();
        String level = fidelity.toLowerCase(Locale.ROOT);
        if (!level.equals("pe") && !level.equals("tile") && !level.equals("rtl")) {
            throw new InputException("--fidelity must be pe, tile or rtl, got '" + fidelity + "'");
        }
        if (level.equals("rtl")) {
            if (dt != DType.INT8) {
                throw new InputException("--fidelity rtl: the systolic RTL is int8 only, got --dtype " + dt.lowerName());
            }
            if (rows > SystolicCosim.MAX_SIDE || cols > SystolicCosim.MAX_SIDE) {
                throw new InputException("--fidelity rtl: --rows and --cols must be in 1.." + SystolicCosim.MAX_SIDE
                        + ", got " + rows + " and " + cols);
            }
        }
        boolean computes = !level.equals("tile");
        FoldPlan plan = new FoldPlan(rows, cols, df, ov, m, n, k);
        if (computes && Math.max(Math.max((long) m * k, (long) k * n), (long) m * n) > MAX_ELEMENTS) {
            throw new InputException("operands of " + m + "x" + n + "x" + k + " exceed " + MAX_ELEMENTS
                    + " elements; use --fidelity tile");
        }
        String check;
        MatmulRun run;
        if (computes) {
            Matmul p = Matmul.random(m, n, k, dt, seed);
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
            LongConsumer report = done -> progress.cycles(level, done, plan.cycles());
            if (level.equals("rtl")) {
                try (RtlSystolicPins array = RtlSystolicPins.open(rows, cols, df == Dataflow.OS ? Dataflow.OS : Dataflow.WS)) {
                    run = PeMatmul.run(p, array, df, ov, report);
                }
            } else {
                run = PeMatmul.run(p, rows, cols, df, ov, report);
            }
            progress.endLine();
            long[] expected = TileMatmul.run(p, rows, cols, df, ov, true).c();
            check = Arrays.equals(expected, run.c()) ? "ok" : "MISMATCH";
        } else {
            run = new MatmulRun(plan.cycles(), plan.macs(), plan.folds(), null);
            check = "skipped";
        }
        print(plan, run, df, dt, ov, level, check);
        return check.equals("MISMATCH") ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private void checkSizes() {
        if (m < 1 || n < 1 || k < 1) {
            throw new InputException("--m, --n and --k must be >= 1, got " + m + ", " + n + ", " + k);
        }
        if (rows < 1 || rows > MAX_ARRAY_SIDE || cols < 1 || cols > MAX_ARRAY_SIDE) {
            throw new InputException("--rows and --cols must be in 1.." + MAX_ARRAY_SIDE + ", got " + rows + " and " + cols);
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new InputException("--" + e.getMessage());
        }
    }

    private void print(FoldPlan plan, MatmulRun run, Dataflow df, DType dt, Overlap ov, String level, String check) {
        PrintWriter out = spec.commandLine().getOut();
        double util = (double) plan.macs() / ((double) run.cycles() * rows * cols);
        String scalesim = ov == Overlap.SCALESIM ? Long.toString(plan.scalesimTotalCycles()) : null;
        if (json) {
            out.printf(Locale.ROOT,
                    "{\"m\":%d,\"n\":%d,\"k\":%d,\"rows\":%d,\"cols\":%d,\"dataflow\":\"%s\",\"dtype\":\"%s\","
                            + "\"fidelity\":\"%s\",\"overlap\":\"%s\",\"folds\":%d,\"period\":%d,\"cycles\":%d,"
                            + "\"macs\":%d,\"utilization\":%.6f,\"mappingEfficiency\":%.6f,\"scalesimTotalCycles\":%s,"
                            + "\"check\":\"%s\"}%n",
                    m, n, k, rows, cols, df.lowerName(), dt.lowerName(), level,
                    ov.name().toLowerCase(Locale.ROOT), run.folds(), plan.period(), run.cycles(), plan.macs(),
                    util, plan.mappingEfficiency(), scalesim == null ? "null" : scalesim, check.toLowerCase(Locale.ROOT));
            return;
        }
        out.printf(Locale.ROOT, "matmul %dx%dx%d (m x n x k) %s on %dx%d, %s, %s overlap, fidelity %s%n",
                m, n, k, dt.lowerName(), rows, cols, df.lowerName(), ov.name().toLowerCase(Locale.ROOT), level);
        out.printf(Locale.ROOT, "folds        %d (period %d cycles)%n", run.folds(), plan.period());
        out.printf(Locale.ROOT, "cycles       %d%n", run.cycles());
        if (scalesim != null) {
            out.printf(Locale.ROOT, "scalesim     %d (SCALE-Sim v2 Total Cycles)%n", plan.scalesimTotalCycles());
        }
        out.printf(Locale.ROOT, "MACs         %d%n", plan.macs());
        out.printf(Locale.ROOT, "utilization  %.2f %% (mapping efficiency %.2f %%)%n", 100 * util, 100 * plan.mappingEfficiency());
        out.printf(Locale.ROOT, "check        %s%n", check.equals("ok") ? "ok: C equals the reference product" : check);
    }
}

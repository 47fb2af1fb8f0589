package dev.lockstep.tools;

import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.KernelStats;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.sim.random.SplitMix64;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep fabric gemv`: a random ternary y = W x mapped onto the fabric (tfmbs.md 4.2), run at the
 * chosen fidelity and checked against the plain integer product (exit 1 if any row differs).
 */
@Command(name = "gemv", mixinStandardHelpOptions = true,
        description = "Random ternary GEMV on the fabric: cycles, zero-skip, kernel stats, and a check of y.")
final class FabricGemvCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", paramLabel = "R", required = true, description = "rows of W (outputs)")
    int rows;

    @Option(names = "--cols", paramLabel = "C", required = true, description = "columns of W (inputs)")
    int cols;

    @Option(names = "--sparsity", paramLabel = "P", defaultValue = "0.5",
            description = "probability that a trit of W or x is 0, in 0..1 (default ${DEFAULT-VALUE})")
    double sparsity;

    @Option(names = "--tiles", paramLabel = "T", defaultValue = "4", description = "tiles, 1..32 (default ${DEFAULT-VALUE})")
    int tiles;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "SplitMix64 seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fidelity", paramLabel = "LEVEL", defaultValue = "tile",
            description = "pe, tile or rtl (not yet); default ${DEFAULT-VALUE}")
    String fidelity;

    @Option(names = "--skip-compaction", description = "tile level only: the skip-compaction timing experiment")
    boolean skipCompaction;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        if (rows < 1 || rows > 1 << 20) {
            throw new InputException("--rows must be in 1..1048576, got " + rows);
        }
        if (cols < 1 || cols > 1 << 20) {
            throw new InputException("--cols must be in 1..1048576, got " + cols);
        }
        if ((long) rows * cols > 1L << 26) {
            throw new InputException("--rows x --cols must be at most 2^26, got " + (long) rows * cols);
        }
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new InputException("--sparsity must be in 0..1, got " + sparsity);
        }
        if (tiles < 1 || tiles > 32) {
            throw new InputException("--tiles must be in 1..32, got " + tiles);
        }
        FabricSession session = new FabricSession(FabricFidelity.backend(fidelity, tiles, 15, Pt5Mapping.A,
                skipCompaction ? FrameTiming.SKIP_COMPACTION : FrameTiming.HARDWARE));
        SplitMix64 random = new SplitMix64(seed);
        int[][] w = new int[rows][];
        for (int r = 0; r < rows; r++) {
            w[r] = trits(random, cols);
        }
        int[] x = trits(random, cols);
        int[] y = TernaryGemm.gemv(session, w, x);
        int wrong = -1;
        for (int r = 0; r < rows && wrong < 0; r++) {
            long s = 0;
            for (int c = 0; c < cols; c++) {
                s += w[r][c] * x[c];
            }
            if (s != y[r]) {
                wrong = r;
            }
        }
        KernelStats s = session.stats();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"rows\": %d, \"cols\": %d, \"sparsity\": %s, \"tiles\": %d, \"seed\": %d, "
                            + "\"fidelity\": \"%s\", \"timing\": \"%s\", \"check\": \"%s\", \"zero_skip_ratio\": %.6f, "
                            + "\"stats\": {\"total_ops\": %d, \"zero_skips\": %d, \"active_ops\": %d, \"bank_reads\": %d, "
                            + "\"bank_writes\": %d, \"broadcasts\": %d, \"cycles\": %d, \"edges\": %d, \"frames\": %d}}%n",
                    rows, cols, sparsity, tiles, seed, session.backend().fidelity(),
                    skipCompaction ? "skip-compaction" : "hardware", wrong < 0 ? "ok" : "wrong", s.zeroSkipRatio(),
                    s.totalOps(), s.zeroSkips(), s.activeOps(), s.bankReads(), s.bankWrites(), s.broadcasts(),
                    s.cycles(), s.edges(), s.frames());
        } else {
            out.printf(Locale.ROOT, "GEMV %d x %d, sparsity %s, %d tiles, seed %d, fidelity %s%s%n", rows, cols,
                    sparsity, tiles, seed, session.backend().fidelity(), skipCompaction ? " (skip-compaction timing)" : "");
            out.printf(Locale.ROOT, "cycles %d (compute), %d edges START->DONE over %d frames%n", s.cycles(), s.edges(), s.frames());
            out.printf(Locale.ROOT, "zero-skip %.2f %% (%d of %d ops), active ops %d%n", 100 * s.zeroSkipRatio(),
                    s.zeroSkips(), s.totalOps(), s.activeOps());
            out.printf(Locale.ROOT, "bank words read %d, written %d, broadcasts %d%n", s.bankReads(), s.bankWrites(), s.broadcasts());
            out.println(wrong < 0 ? "check: y == W x for all " + rows + " rows"
                    : "check FAILED: row " + wrong + " differs from the plain product");
        }
        return wrong < 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private int[] trits(SplitMix64 random, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = random.nextLong();
            // 52 bits for the zero test, the top bit for the sign.
            v[i] = ((bits >>> 11) & ((1L << 52) - 1)) * 0x1.0p-52 < sparsity ? 0 : bits < 0 ? -1 : 1;
        }
        return v;
    }
}

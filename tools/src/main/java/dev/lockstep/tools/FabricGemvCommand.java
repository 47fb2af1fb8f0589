package dev.lockstep.tools;

import dev.lockstep.fabric.compat.CompatMetrics;
import dev.lockstep.fabric.compat.EmulatorCompat;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.KernelStats;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.telemetry.CostModel;
import dev.lockstep.fabric.telemetry.KernelTelemetry;
import dev.lockstep.fabric.telemetry.Throughput;
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
            description = "pe, tile or rtl; default ${DEFAULT-VALUE}")
    String fidelity;

    @Option(names = "--skip-compaction", description = "tile level only: the skip-compaction timing experiment")
    boolean skipCompaction;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--clock-mhz", paramLabel = "F", defaultValue = "250",
            description = "fabric clock for GOPS, MHz (default ${DEFAULT-VALUE}, the reference's; one MAC = 2 ops)")
    double clockMhz;

    @Option(names = "--metrics", paramLabel = "MODE", defaultValue = "lockstep",
            description = "lockstep (default), or emulator-compat: also print what the original C emulator "
                    + "reports for the same GEMV (a compatibility mode, not this model)")
    String metrics;

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
        if (!(clockMhz > 0 && clockMhz <= 1e6)) {
            throw new InputException("--clock-mhz must be in (0, 1000000], got " + clockMhz);
        }
        if (!metrics.equals("lockstep") && !metrics.equals("emulator-compat")) {
            throw new InputException("--metrics must be lockstep or emulator-compat, got '" + metrics + "'");
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
        FabricFidelity.release(session.backend());
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
        KernelTelemetry t = KernelTelemetry.of(s, rows);
        double cost = CostModel.PUBLISHED.cost(t, false);
        double clockHz = clockMhz * 1e6;
        double gops = Throughput.achievedGops(t, clockHz);
        double peak = Throughput.peakGops(tiles * session.lanes(), clockHz);
        CompatMetrics compat = metrics.equals("emulator-compat") ? emulatorCompat(w, x) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"rows\": %d, \"cols\": %d, \"sparsity\": %s, \"tiles\": %d, \"seed\": %d, "
                            + "\"fidelity\": \"%s\", \"timing\": \"%s\", \"check\": \"%s\", \"zero_skip_ratio\": %.6f, "
                            + "\"stats\": {\"total_ops\": %d, \"zero_skips\": %d, \"active_ops\": %d, \"bank_reads\": %d, "
                            + "\"bank_writes\": %d, \"broadcasts\": %d, \"cycles\": %d, \"edges\": %d, \"frames\": %d}, "
                            + "\"telemetry\": {\"mem_read_bytes\": %d, \"mem_write_bytes\": %d, \"cycles\": %d}, "
                            + "\"cost\": %.1f, \"semantic_efficiency\": %.6f, \"economic_efficiency\": %.6f, "
                            + "\"clock_mhz\": %s, \"gops\": %.6f, \"peak_gops\": %.6f%s}%n",
                    rows, cols, sparsity, tiles, seed, session.backend().fidelity(),
                    skipCompaction ? "skip-compaction" : "hardware", wrong < 0 ? "ok" : "wrong", s.zeroSkipRatio(),
                    s.totalOps(), s.zeroSkips(), s.activeOps(), s.bankReads(), s.bankWrites(), s.broadcasts(),
                    s.cycles(), s.edges(), s.frames(), t.memReads(), t.memWrites(), t.cycles(), cost,
                    t.semanticEfficiency(), CostModel.PUBLISHED.economicEfficiency(t, false), clockMhz, gops, peak,
                    compat == null ? "" : ", \"emulator_compat\": " + compatJson(compat));
        } else {
            out.printf(Locale.ROOT, "GEMV %d x %d, sparsity %s, %d tiles, seed %d, fidelity %s%s%n", rows, cols,
                    sparsity, tiles, seed, session.backend().fidelity(), skipCompaction ? " (skip-compaction timing)" : "");
            out.printf(Locale.ROOT, "cycles %d (compute), %d edges START->DONE over %d frames%n", s.cycles(), s.edges(), s.frames());
            out.printf(Locale.ROOT, "zero-skip %.2f %% (%d of %d ops), active ops %d%n", 100 * s.zeroSkipRatio(),
                    s.zeroSkips(), s.totalOps(), s.activeOps());
            out.printf(Locale.ROOT, "bank words read %d, written %d, broadcasts %d%n", s.bankReads(), s.bankWrites(), s.broadcasts());
            out.printf(Locale.ROOT, "fabric memory: %d bytes read, %d written (a bank word is 3 PT-5 bytes, a result 4)%n",
                    t.memReads(), t.memWrites());
            out.printf(Locale.ROOT, "cost %.1f (1 active + 5 read + 8 written + 2 broadcast, tfmbs.md 5), "
                    + "semantic efficiency %.4f, economic efficiency %.6f%n", cost, t.semanticEfficiency(),
                    CostModel.PUBLISHED.economicEfficiency(t, false));
            out.printf(Locale.ROOT, "%.3f GOPS at %s MHz over %d edges (one MAC = 2 ops; peak %.3f GOPS on %d lanes)%n",
                    gops, clockMhz, t.cycles(), peak, tiles * session.lanes());
            if (compat != null) {
                out.printf(Locale.ROOT, "emulator-compat (compatibility mode: the original C emulator's metrics, "
                                + "not this model): total %d, skips %d, reads %d, writes %d, cycles %d, lanes %d, "
                                + "hits %d, misses %d, cost %.1f, semantic %.4f, economic %.6f%n",
                        compat.totalOps(), compat.zeroSkips(), compat.memReads(), compat.memWrites(), compat.cycles(),
                        compat.lanesUsed(), compat.residencyHits(), compat.residencyMisses(), compat.fabricCost(),
                        compat.semanticEfficiency(), compat.economicEfficiency());
            }
            out.println(wrong < 0 ? "check: y == W x for all " + rows + " rows"
                    : "check FAILED: row " + wrong + " differs from the plain product");
        }
        return wrong < 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The same W and x through the emulator-compat layer: one instance, tiles 0..T-1 in the mask. */
    private CompatMetrics emulatorCompat(int[][] w, int[] x) {
        EmulatorCompat emu = new EmulatorCompat(1);
        int[] flat = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w[r], 0, flat, r * cols, cols);
        }
        int wb = emu.alloc(flat.length / 5 + 1);
        int xb = emu.alloc(cols / 5 + 1);
        int yb = emu.alloc(4 * rows);
        emu.writeTrits(wb, flat);
        emu.writeTrits(xb, x);
        return emu.gemv(wb, xb, yb, rows, cols, tiles == 32 ? -1 : (1 << tiles) - 1);
    }

    private static String compatJson(CompatMetrics m) {
        return String.format(Locale.ROOT, "{\"mode\": \"emulator-compat\", \"total_ops\": %d, \"zero_skips\": %d, "
                        + "\"mem_reads\": %d, \"mem_writes\": %d, \"broadcasts\": %d, \"residency_hits\": %d, "
                        + "\"residency_misses\": %d, \"cycles\": %d, \"lanes_used\": %d, \"cost\": %.1f, "
                        + "\"semantic_efficiency\": %.6f, \"economic_efficiency\": %.6f}",
                m.totalOps(), m.zeroSkips(), m.memReads(), m.memWrites(), m.broadcasts(), m.residencyHits(),
                m.residencyMisses(), m.cycles(), m.lanesUsed(), m.fabricCost(), m.semanticEfficiency(),
                m.economicEfficiency());
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

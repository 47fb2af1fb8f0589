package dev.lockstep.tools;

import dev.lockstep.cosim.CosimBench;
import dev.lockstep.cosim.CosimOptions;
import dev.lockstep.cosim.CosimResult;
import dev.lockstep.cosim.LaneCosim;
import dev.lockstep.cosim.VectorCosim;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep demo`: the most meaningful end-to-end run available today. The TFMBS ternary lane and the
 * 15-lane vector engine, Java register-level models against their RTL under Verilator, compared on every
 * output every cycle, then the lockstep speed against Verilator alone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Co-simulate the ternary lane and the 15-lane vector engine against their RTL and report.",
                "The first run builds the RTL under Verilator (cached afterwards)."})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "stimulus seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lockstep-demo",
            description = "where a divergence's VCD window goes (default: ${DEFAULT-VALUE})")
    Path outDir;

    private static final long LANE_CYCLES = 1_000_000;
    private static final long VECTOR_CYCLES = 200_000;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr());
        out.println("Lockstep demo: Java register-level models against their RTL under Verilator,");
        out.println("every output compared every cycle (accumulator, skip and active counters, overflow;");
        out.println("for the engine also its cycle and utilization counters), on seeded random stimulus:");
        out.println("resets, enable toggling, frame clears, every op mode incl. NOP/ADD/unknown, BIAS_EN,");
        out.println("zero-skip, POOL MAX/MIN/AVG, the illegal trit code 11, lane counts, masks, weight broadcast.");
        out.println();

        progress.step("ternary_lane: building or loading ternary_lane.v, then " + LANE_CYCLES + " cycles");
        CosimResult lane = LaneCosim.run(LANE_CYCLES, seed, options("ternary_lane"));
        // Measured before the engine runs: once the runner's loop has seen both blocks its calls into
        // the harness are no longer single-type, and the lane figure would understate the lane.
        progress.step("measuring the lane against Verilator alone on the same stimulus");
        CosimBench speed = CosimBench.lane(LANE_CYCLES, seed);
        progress.step("vector_engine[15]: building or loading the Chisel-emitted RTL, then " + VECTOR_CYCLES + " cycles");
        CosimResult vector = VectorCosim.run(15, VECTOR_CYCLES, seed, options("vector_engine"));
        progress.step("done");

        out.printf(Locale.ROOT, "%-19s %10s %12s %18s %14s%n", "block", "cycles", "divergences", "lockstep M cyc/s", "RTL");
        row(out, "ternary_lane", lane);
        row(out, "vector_engine[15]", vector);
        out.println();
        out.printf(Locale.ROOT, "Lane speed: lockstep %.2f M cycles/s, Verilator alone %.2f M cycles/s on the same stimulus"
                + " (ratio %.2f).%n", speed.lockstepCyclesPerSecond() / 1e6, speed.rtlAloneCyclesPerSecond() / 1e6,
                speed.ratio());
        boolean passed = lane.passed() && vector.passed() && speed.lockstepPassed();
        for (CosimResult r : new CosimResult[] {lane, vector}) {
            if (!r.passed()) {
                out.println();
                out.println(r.report().stripTrailing());
            }
        }
        out.println(passed ? "All checks passed: the Java models and the RTL agree on every cycle."
                : "The models and the RTL DIVERGED: see the report above.");
        return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private CosimOptions options(String block) {
        return CosimOptions.defaults().withVcdWindow(outDir.resolve(block + "-divergence.vcd"));
    }

    private static void row(PrintWriter out, String name, CosimResult r) {
        out.printf(Locale.ROOT, "%-19s %,10d %12d %18.2f %14s%n", name, r.cycles(), r.divergences(),
                r.cyclesPerSecond() / 1e6, r.fromCache() ? "cached" : "built " + r.setup().toSeconds() + " s");
    }
}

package dev.lockstep.tools;

import dev.lockstep.cosim.CosimBench;
import dev.lockstep.cosim.FabricCosim;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep bench cosim`: lockstep speed (Java model + RTL + comparison every cycle) against the same
 * RTL driven alone by the same stimulus, as medians over several runs.
 */
@Command(name = "cosim", mixinStandardHelpOptions = true,
        description = "Lockstep co-simulation throughput against Verilator alone on the same stimulus.")
final class BenchCosimCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--block", paramLabel = "lane|vector|fabric", defaultValue = "lane",
            description = "the block to run (default: ${DEFAULT-VALUE})")
    String block;

    @Option(names = "--lanes", paramLabel = "N", defaultValue = "15", description = "vector engine lanes (default: ${DEFAULT-VALUE})")
    int lanes;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "5000000",
            description = "cycles per measured run (default: ${DEFAULT-VALUE})")
    long cycles;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "1000",
            description = "random frames per run of the fabric block, instead of --cycles (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "stimulus seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "runs; medians are reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        if (!block.equals("lane") && !block.equals("vector") && !block.equals("fabric")) {
            throw new InputException("--block must be lane, vector or fabric, got '" + block + "'");
        }
        if (frames < 1) {
            throw new InputException("--frames must be >= 1, got " + frames);
        }
        if (lanes < 1 || lanes > 64) {
            throw new InputException("--lanes must be in 1..64, got " + lanes);
        }
        if (cycles < 1 || runs < 1) {
            throw new InputException("--cycles and --runs must be >= 1, got " + cycles + " and " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        double[] lockstep = new double[runs];
        double[] alone = new double[runs];
        boolean passed = true;
        String name = null;
        for (int i = 0; i < runs; i++) {
            CosimBench b = switch (block) {
                case "lane" -> CosimBench.lane(cycles, seed);
                case "vector" -> CosimBench.vector(lanes, cycles, seed);
                default -> CosimBench.fabric(frames, seed);
            };
            lockstep[i] = b.lockstepCyclesPerSecond();
            alone[i] = b.rtlAloneCyclesPerSecond();
            passed &= b.lockstepPassed();
            name = b.block();
        }
        double ls = Medians.of(lockstep);
        double rtl = Medians.of(alone);
        long measured = block.equals("fabric") ? FabricCosim.cyclesFor(frames, seed) : cycles;
        out.printf(Locale.ROOT, "%s, %d cycles, seed %d, median of %d:%n", name, measured, seed, runs);
        out.printf(Locale.ROOT, "  lockstep (Java + RTL + compare)  %8.2f M cycles/s%n", ls / 1e6);
        out.printf(Locale.ROOT, "  Verilator alone, same stimulus   %8.2f M cycles/s%n", rtl / 1e6);
        out.printf(Locale.ROOT, "  ratio lockstep / RTL alone       %8.2f%n", ls / rtl);
        out.println(passed ? "  every run: zero divergences" : "  DIVERGED: run `lockstep cosim` for the report");
        return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}

package dev.lockstep.tools;

import dev.lockstep.cosim.CosimBench;
import dev.lockstep.cosim.FabricCosim;
import dev.lockstep.cosim.SystolicBench;
import dev.lockstep.cosim.SystolicCosim;
import dev.lockstep.kpu.systolic.Dataflow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
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

    private static final List<String> BLOCKS = List.of("lane", "vector", "fabric", "systolic");

    @Option(names = "--block", paramLabel = "lane|vector|fabric|systolic", defaultValue = "lane",
            description = "the block to run (default: ${DEFAULT-VALUE}); systolic compares the Java pe array "
                    + "alone with its RTL under Verilator alone")
    String block;

    @Option(names = "--lanes", paramLabel = "N", defaultValue = "15", description = "vector engine lanes (default: ${DEFAULT-VALUE})")
    int lanes;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "16", description = "systolic array rows (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--cols", paramLabel = "C", defaultValue = "16", description = "systolic array columns (default: ${DEFAULT-VALUE})")
    int cols;

    @Option(names = "--dataflow", paramLabel = "os|ws", defaultValue = "os", description = "systolic array hardware (default: ${DEFAULT-VALUE})")
    String dataflow;

    @Option(names = "--cycles", paramLabel = "N",
            description = "cycles per measured run (default: 5000000; systolic 1000000)")
    Long cycles;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "1000",
            description = "random frames per run of the fabric block, instead of --cycles (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "stimulus seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "runs; medians are reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        if (!BLOCKS.contains(block)) {
            throw new InputException("--block must be " + String.join(", ", BLOCKS.subList(0, BLOCKS.size() - 1))
                    + " or " + BLOCKS.getLast() + ", got '" + block + "'");
        }
        if (block.equals("systolic")) {
            return systolic();
        }
        if (frames < 1) {
            throw new InputException("--frames must be >= 1, got " + frames);
        }
        long cycles = this.cycles == null ? 5_000_000 : this.cycles;
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

    /** The Java pe array and its RTL, each alone on the same recorded fold pins, and the two in lockstep. */
    private int systolic() {
        if (rows < 1 || rows > SystolicCosim.MAX_SIDE || cols < 1 || cols > SystolicCosim.MAX_SIDE) {
            throw new InputException("--rows and --cols must be in 1..64, got " + rows + " and " + cols);
        }
        Dataflow df = switch (dataflow.trim().toLowerCase(Locale.ROOT)) {
            case "os" -> Dataflow.OS;
            case "ws" -> Dataflow.WS;
            default -> throw new InputException("--dataflow must be os or ws, got '" + dataflow + "'");
        };
        long cycles = this.cycles == null ? 1_000_000 : this.cycles;
        if (cycles < 1 || runs < 1) {
            throw new InputException("--cycles and --runs must be >= 1, got " + cycles + " and " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        double[] java = new double[runs];
        double[] rtl = new double[runs];
        double[] lockstep = new double[runs];
        double[] ratio = new double[runs];
        boolean passed = true;
        long macs = 0;
        for (int i = 0; i < runs; i++) {
            SystolicBench b = SystolicBench.measure(rows, cols, df, cycles, seed);
            java[i] = b.javaCyclesPerSecond();
            rtl[i] = b.rtlCyclesPerSecond();
            lockstep[i] = b.lockstepCyclesPerSecond();
            // Java and RTL of one run are measured seconds apart; their ratio is steadier under a
            // changing machine load than the ratio of the two medians.
            ratio[i] = b.ratio();
            passed &= b.lockstepPassed();
            macs = b.macs();
        }
        double j = Medians.of(java);
        double r = Medians.of(rtl);
        double perCycle = macs / (double) cycles;
        out.printf(Locale.ROOT, "systolic_array %dx%d %s int8, random folds, %d cycles (%d MACs), seed %d, median of %d:%n",
                rows, cols, df.lowerName(), cycles, macs, seed, runs);
        out.printf(Locale.ROOT, "  Java pe array alone               %8.2f M cycles/s %10.1f M MACs/s%n", j / 1e6, j * perCycle / 1e6);
        out.printf(Locale.ROOT, "  Verilator alone, same pins        %8.2f M cycles/s %10.1f M MACs/s%n", r / 1e6, r * perCycle / 1e6);
        out.printf(Locale.ROOT, "  ratio Java pe / Verilator         %8.2f  (median of the runs' ratios; min %.2f, max %.2f)%n",
                Medians.of(ratio), Arrays.stream(ratio).min().orElseThrow(), Arrays.stream(ratio).max().orElseThrow());
        out.printf(Locale.ROOT, "  lockstep (Java + RTL + compare)   %8.2f M cycles/s%n", Medians.of(lockstep) / 1e6);
        out.println(passed ? "  every run: zero divergences" : "  DIVERGED: run `lockstep cosim systolic` for the report");
        return passed ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}

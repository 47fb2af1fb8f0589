package dev.lockstep.tools;

import dev.lockstep.kpu.vector.Reduction;
import dev.lockstep.kpu.vector.VectorBench;
import dev.lockstep.kpu.vector.VectorEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep kpu sfu`: one vector-engine operation on a rows x n tile, its error against a
 * double-precision java.lang.Math reference and its cycles. Output depends on the arguments only.
 */
@Command(name = "sfu", mixinStandardHelpOptions = true,
        description = "Run one vector-engine / SFU operation; print its error vs java.lang.Math and its cycles.")
final class KpuSfuCommand implements Callable<Integer> {
    private static final int MAX_ELEMENTS = 1 << 26;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--op", required = true, paramLabel = VectorBench.OPS, description = "the operation")
    String op;
    @Option(names = "--n", paramLabel = "N", defaultValue = "65536",
            description = "elements per row; activations sweep N points over [2 min, 2 max] (default: ${DEFAULT-VALUE})")
    int n;
    @Option(names = "--rows", paramLabel = "R", defaultValue = "1", description = "rows of the tile (default: ${DEFAULT-VALUE})")
    int rows;
    @Option(names = "--table", paramLabel = "ENTRIES", defaultValue = "256", description = "SFU table entries (default: ${DEFAULT-VALUE})")
    int table;
    @Option(names = "--min", paramLabel = "X", defaultValue = "-8", description = "table range start (default: ${DEFAULT-VALUE})")
    double min;
    @Option(names = "--max", paramLabel = "X", defaultValue = "8", description = "table range end (default: ${DEFAULT-VALUE})")
    double max;
    @Option(names = "--width", paramLabel = "W", defaultValue = "8", description = "vector lanes (default: ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--depth", paramLabel = "D", defaultValue = "3", description = "pipeline depth in cycles (default: ${DEFAULT-VALUE})")
    int depth;
    @Option(names = "--sfu-depth", paramLabel = "S", defaultValue = "2", description = "SFU latency in cycles (default: ${DEFAULT-VALUE})")
    int sfuDepth;
    @Option(names = "--reduction", paramLabel = "tree|serial", defaultValue = "tree", description = "lane combine (default: ${DEFAULT-VALUE})")
    String reduction;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "data seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        if ((long) rows * n > MAX_ELEMENTS || rows < 1 || n < 1) {
            throw new InputException("--rows x --n must be in 1.." + MAX_ELEMENTS + ", got " + rows + " x " + n);
        }
        VectorBench b;
        VectorEngine ve;
        try {
            Reduction red = switch (reduction.toLowerCase(Locale.ROOT)) {
                case "tree" -> Reduction.TREE;
                case "serial" -> Reduction.SERIAL;
                default -> throw new IllegalArgumentException("reduction must be tree or serial, got '" + reduction + "'");
            };
            ve = new VectorEngine(width, depth, sfuDepth, red);
            b = VectorBench.run(op, rows, n, table, min, max, ve, seed);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String bound = Double.isNaN(b.bound()) ? null : String.format(Locale.ROOT, "%.6e", b.bound());
        if (json) {
            out.printf(Locale.ROOT, "{\"op\":\"%s\",\"rows\":%d,\"n\":%d,\"table\":%d,\"min\":%s,\"max\":%s,\"width\":%d,"
                            + "\"depth\":%d,\"sfuDepth\":%d,\"reduction\":\"%s\",\"maxAbsError\":%.6e,\"meanAbsError\":%.6e,"
                            + "\"statedBound\":%s,\"cycles\":%d}%n",
                    b.op(), rows, n, table, min, max, width, depth, sfuDepth, ve.reduction().name().toLowerCase(Locale.ROOT),
                    b.maxAbs(), b.meanAbs(), bound == null ? "null" : bound, b.cycles());
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%s on %d x %d, %d lanes, depth %d, sfu depth %d, %s reduction%n", b.op(), rows, n,
                width, depth, sfuDepth, ve.reduction().name().toLowerCase(Locale.ROOT));
        if (bound != null) {
            out.printf(Locale.ROOT, "table        %d entries over [%s, %s], swept over [%s, %s]%n", table, min, max, 2 * min, 2 * max);
        }
        out.printf(Locale.ROOT, "max error    %.3e (vs java.lang.Math in double)%n", b.maxAbs());
        out.printf(Locale.ROOT, "mean error   %.3e%n", b.meanAbs());
        if (bound != null) {
            out.printf(Locale.ROOT, "stated bound %s%n", bound);
        }
        out.printf(Locale.ROOT, "cycles       %d%n", b.cycles());
        return ExitCodes.OK;
    }
}

package dev.lockstep.tools;

import dev.lockstep.kpu.quant.QuantBench;
import dev.lockstep.kpu.quant.QuantError;
import dev.lockstep.kpu.quant.QuantFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep kpu quant`: C = X x W with int8 or int4 weights (per-group fp16 scales) on N(0, 1) data
 * from the seed; the error of the fp32, weight-only and integer paths against the exact product, and
 * the weight bytes moved against fp32.
 */
@Command(name = "quant", mixinStandardHelpOptions = true,
        description = "Quantized matmul accuracy against fp32 and the weight bytes it saves.")
final class KpuQuantCommand implements Callable<Integer> {
    /** The exact reference costs m n k double MACs; beyond this it would take minutes. */
    private static final long MAX_MACS = 1L << 31;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--m", required = true, paramLabel = "M", description = "rows of X and C")
    int m;
    @Option(names = "--n", required = true, paramLabel = "N", description = "columns of W and C")
    int n;
    @Option(names = "--k", required = true, paramLabel = "K", description = "columns of X, rows of W")
    int k;
    @Option(names = "--bits", paramLabel = "8|4", defaultValue = "8", description = "weight code bits (default: ${DEFAULT-VALUE})")
    int bits;
    @Option(names = "--group", paramLabel = "G", defaultValue = "128", description = "k per scale group (default: ${DEFAULT-VALUE})")
    int group;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "data seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() {
        if (m < 1 || n < 1 || k < 1 || group < 1) {
            throw new InputException("--m, --n, --k and --group must be >= 1, got " + m + ", " + n + ", " + k + ", " + group);
        }
        if ((long) m * n * k > MAX_MACS) {
            throw new InputException("m x n x k = " + (long) m * n * k + " exceeds " + MAX_MACS + " (the exact reference would take minutes)");
        }
        if (bits != 8 && bits != 4) {
            throw new InputException("--bits must be 8 or 4, got " + bits);
        }
        QuantBench b = QuantBench.run(m, n, k, QuantFormat.ofBits(bits), group, seed);
        PrintWriter out = spec.commandLine().getOut();
        double saved = 1 - (double) b.quantBytes() / b.fp32Bytes();
        if (json) {
            out.printf(Locale.ROOT, "{\"m\":%d,\"n\":%d,\"k\":%d,\"bits\":%d,\"group\":%d,\"seed\":%d,\"fp32\":%s,"
                            + "\"weightOnly\":%s,\"integer\":%s,\"fp32WeightBytes\":%d,\"quantWeightBytes\":%d,\"bytesSaved\":%d}%n",
                    m, n, k, bits, group, seed, json(b.fp32()), json(b.weightOnly()), json(b.integer()),
                    b.fp32Bytes(), b.quantBytes(), b.fp32Bytes() - b.quantBytes());
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "quant matmul %dx%dx%d (m x n x k), int%d weights, group %d, seed %d%n", m, n, k, bits, group, seed);
        out.printf(Locale.ROOT, "path          rel frobenius   max abs     mean abs    max/max|ref|%n");
        row(out, "fp32", b.fp32());
        row(out, "weight-only", b.weightOnly());
        row(out, "int" + bits + " x int8", b.integer());
        out.printf(Locale.ROOT, "weight bytes  %d int%d vs %d fp32: %d saved (%.2f %%, %.2fx less)%n", b.quantBytes(), bits,
                b.fp32Bytes(), b.fp32Bytes() - b.quantBytes(), 100 * saved, (double) b.fp32Bytes() / b.quantBytes());
        return ExitCodes.OK;
    }

    private static void row(PrintWriter out, String name, QuantError e) {
        out.printf(Locale.ROOT, "%-13s %-15.3e %-11.3e %-11.3e %.3e%n", name, e.relFrobenius(), e.maxAbs(), e.meanAbs(), e.maxAbsOverMaxRef());
    }

    private static String json(QuantError e) {
        return String.format(Locale.ROOT, "{\"relFrobenius\":%.6e,\"maxAbs\":%.6e,\"meanAbs\":%.6e,\"maxAbsOverMaxRef\":%.6e}",
                e.relFrobenius(), e.maxAbs(), e.meanAbs(), e.maxAbsOverMaxRef());
    }
}

package dev.lockstep.kpu.vector;

import java.util.Locale;
import java.util.Random;

/**
 * The accuracy and cost experiment behind `lockstep kpu sfu`: one operation on a rows x n tile,
 * its fp32 result against a double-precision reference, and its cycles on a given engine.
 * Activations are swept over n evenly spaced points of [2 min, 2 max] (both tails included), one
 * row per point set; the other operations take N(0, 1) data from the seed (java.util.Random's
 * Gaussian is specified bit for bit). References use double arithmetic and java.lang.Math.
 */
public record VectorBench(String op, int rows, int n, double maxAbs, double meanAbs, double bound, long cycles) {

    /** Operation names the bench accepts. */
    public static final String OPS = "relu|gelu|silu|sigmoid|tanh|bias|add|mul|softmax|layernorm|rmsnorm";

    public static VectorBench run(String op, int rows, int n, int tableSize, double min, double max,
                                  VectorEngine ve, long seed) {
        if (rows < 1 || n < 1) {
            throw new IllegalArgumentException("rows and n must be >= 1, got " + rows + " and " + n);
        }
        String name = op.toLowerCase(Locale.ROOT);
        Random rnd = new Random(seed);
        float[] x = new float[rows * n];
        float[] other = new float[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
            other[i] = (float) rnd.nextGaussian();
        }
        double[] ref = new double[x.length];
        DrainOp d;
        double bound = Double.NaN;
        switch (name) {
            case "softmax" -> {
                d = new Softmax();
                for (int r = 0; r < rows; r++) {
                    softmaxRef(x, r * n, n, ref);
                }
            }
            case "layernorm", "rmsnorm" -> {
                boolean ln = name.equals("layernorm");
                if (ln && n < 2) {
                    throw new IllegalArgumentException("layernorm needs n >= 2 (one element has no spread), got " + n);
                }
                d = ln ? new LayerNorm(null, null, 0f) : new RmsNorm(null, 0f);
                for (int r = 0; r < rows; r++) {
                    normRef(x, r * n, n, ln, ref);
                }
            }
            case "add", "mul" -> {
                boolean add = name.equals("add");
                d = new Elementwise(add ? Elementwise.Kind.ADD : Elementwise.Kind.MUL, other);
                for (int i = 0; i < x.length; i++) {
                    ref[i] = add ? (double) x[i] + other[i] : (double) x[i] * other[i];
                }
            }
            case "bias" -> {
                float[] bias = java.util.Arrays.copyOf(other, n);
                d = new BiasActivation(1f, bias, Lut.of(Activation.NONE));
                for (int i = 0; i < x.length; i++) {
                    ref[i] = (double) x[i] + bias[i % n];
                }
            }
            default -> {
                Activation a = Activation.parse(name);
                if (a == Activation.NONE) {
                    throw new IllegalArgumentException("op must be one of " + OPS + ", got '" + op + "'");
                }
                Lut lut = Lut.of(a, tableSize, min, max);
                d = new BiasActivation(1f, null, lut);
                bound = lut.errorBound();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < n; c++) {
                        double t = n == 1 ? 0.5 : (double) c / (n - 1);
                        x[r * n + c] = (float) (2 * min + t * 2 * (max - min));
                    }
                }
                for (int i = 0; i < x.length; i++) {
                    ref[i] = activationRef(a, x[i]);
                }
            }
        }
        DrainResult res = d.run(ve, x, rows, n);
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < ref.length; i++) {
            double e = Math.abs(res.tile()[i] - ref[i]);
            worst = Math.max(worst, e);
            sum += e;
        }
        return new VectorBench(name, rows, n, worst, sum / ref.length, bound, res.cycles());
    }

    private static double activationRef(Activation a, double x) {
        return switch (a) {
            case NONE -> x;
            case RELU -> Math.max(x, 0);
            case GELU -> x * 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
            case SILU -> x / (1 + Math.exp(-x));
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    private static void softmaxRef(float[] x, int off, int n, double[] out) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            m = Math.max(m, x[off + c]);
        }
        double s = 0;
        for (int c = 0; c < n; c++) {
            out[off + c] = Math.exp(x[off + c] - m);
            s += out[off + c];
        }
        for (int c = 0; c < n; c++) {
            out[off + c] /= s;
        }
    }

    private static void normRef(float[] x, int off, int n, boolean center, double[] out) {
        double mean = 0;
        if (center) {
            for (int c = 0; c < n; c++) {
                mean += x[off + c];
            }
            mean /= n;
        }
        double sq = 0;
        for (int c = 0; c < n; c++) {
            sq += (x[off + c] - mean) * (x[off + c] - mean);
        }
        double inv = 1 / Math.sqrt(sq / n);
        for (int c = 0; c < n; c++) {
            out[off + c] = (x[off + c] - mean) * inv;
        }
    }
}

package dev.lockstep.kpu.quant;

import java.util.Random;

/**
 * The accuracy experiment behind `lockstep kpu quant` and docs/kpu-vector.md: X (m x k) and W
 * (k x n) drawn from N(0, 1) with a seed (java.util.Random's Gaussian is specified bit for bit, so
 * every JVM draws the same numbers), the exact product in double, and the error of fp32, weight-only
 * and integer (W8A8 / W4A8) results against it, with the bytes each weight format moves.
 */
public record QuantBench(int m, int n, int k, QuantFormat format, int groupSize,
                         QuantError fp32, QuantError weightOnly, QuantError integer, long fp32Bytes, long quantBytes) {

    public static QuantBench run(int m, int n, int k, QuantFormat format, int groupSize, long seed) {
        Random rnd = new Random(seed);
        float[] x = gaussian(rnd, m * k);
        float[] w = gaussian(rnd, k * n);
        double[] exact = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int kk = 0; kk < k; kk++) {
                    s += (double) x[i * k + kk] * w[kk * n + j];
                }
                exact[i * n + j] = s;
            }
        }
        QuantizedWeights q = QuantizedWeights.quantize(w, k, n, format, groupSize);
        return new QuantBench(m, n, k, format, groupSize,
                QuantError.of(exact, QuantMatmul.fp32(x, w, m, k, n)),
                QuantError.of(exact, QuantMatmul.weightOnly(x, m, k, q)),
                QuantError.of(exact, QuantMatmul.integer(x, m, k, q)),
                QuantFormat.FP32.weightBytes(k, n, groupSize), q.bytes());
    }

    private static float[] gaussian(Random rnd, int count) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}

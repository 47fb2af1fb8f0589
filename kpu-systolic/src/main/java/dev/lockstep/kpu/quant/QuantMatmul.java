package dev.lockstep.kpu.quant;

import dev.lockstep.kpu.vector.VectorEngine;

/**
 * C = X x W with quantized weights (X m x k fp32 activations, W k x n), in the two ways the KPU can
 * run it:
 * <ul>
 *   <li>{@link #weightOnly}: codes dequantized to fp32 on the way in, fp32 array;</li>
 *   <li>{@link #integer}: X quantized to int8 per row (symmetric, fp32 scale), the int8 array
 *   multiplies codes (int4 unpacked to int8) into int32 partial sums, one K fold per weight group,
 *   and the vector engine scales each group's int32 tile by sx[row] sw[group][col] and accumulates
 *   it in fp32, groups in ascending order.</li>
 * </ul>
 * Sums run in ascending k (fp32) or group (int32 within, fp32 across), as the array does.
 */
public final class QuantMatmul {
    private QuantMatmul() {}

    public static float[] weightOnly(float[] x, int m, int k, QuantizedWeights w) {
        checkX(x, m, k, w);
        float[] wf = w.dequantize();
        return fp32(x, wf, m, k, w.n());
    }

    /** The fp32 product in the array's order: the baseline the quantized paths are compared with. */
    public static float[] fp32(float[] x, float[] w, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int kk = 0; kk < k; kk++) {
                    acc += x[i * k + kk] * w[kk * n + j];
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    public static float[] integer(float[] x, int m, int k, QuantizedWeights w) {
        checkX(x, m, k, w);
        int n = w.n();
        int g = w.groupSize();
        byte[] wq = w.codes();
        float[] sw = w.scales();
        byte[] xq = new byte[x.length];
        float[] sx = quantizeRows(x, m, k, xq);
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0;
                for (int group = 0; group * g < k; group++) {
                    int part = 0;
                    for (int kk = group * g; kk < Math.min(k, group * g + g); kk++) {
                        part += xq[i * k + kk] * wq[kk * n + j];
                    }
                    acc += sx[i] * sw[group * n + j] * part;
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    /** Per-row symmetric int8: scale = max|x| / 127 (fp32), code = round-half-even(x / scale). */
    static float[] quantizeRows(float[] x, int m, int k, byte[] codes) {
        float[] scales = new float[m];
        for (int i = 0; i < m; i++) {
            float amax = 0;
            for (int kk = 0; kk < k; kk++) {
                amax = Math.max(amax, Math.abs(x[i * k + kk]));
            }
            float s = amax / 127;
            scales[i] = s;
            for (int kk = 0; kk < k; kk++) {
                codes[i * k + kk] = (byte) (s == 0 ? 0 : Math.clamp((long) Math.rint(x[i * k + kk] / s), -127, 127));
            }
        }
        return scales;
    }

    /**
     * Vector-engine cycles to scale and accumulate one rows x cols output tile of the integer path:
     * one elementwise pass per weight group along k (ceil(k / groupSize) int32 partial tiles).
     */
    public static long scaleCycles(VectorEngine ve, int rows, int cols, int k, int groupSize) {
        return (k + (long) groupSize - 1) / groupSize * ve.elementwiseCycles(rows, cols, false);
    }

    private static void checkX(float[] x, int m, int k, QuantizedWeights w) {
        if (k != w.k() || m < 1 || (long) m * k != x.length) {
            throw new IllegalArgumentException("activations of " + x.length + " elements are not " + m + " x " + w.k());
        }
    }
}

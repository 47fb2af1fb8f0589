package dev.lockstep.kpu.systolic;

/**
 * Transaction-level product: cycles from the closed form of {@link FoldPlan}, C from a plain row-by-
 * row product that keeps the array's accumulation order (docs/systolic.md, "Dtypes and accumulation
 * order"), so its floats equal the register-level model's bit for bit.
 */
public final class TileMatmul {
    private TileMatmul() {}

    /** Cycles and C; C is skipped (null) when withResult is false, which costs O(1). */
    public static MatmulRun run(Matmul p, int rows, int cols, Dataflow dataflow, Overlap overlap, boolean withResult) {
        FoldPlan plan = new FoldPlan(rows, cols, dataflow, overlap, p.m(), p.n(), p.k());
        long[] c = withResult ? product(p, dataflow == Dataflow.OS ? p.k() : rows) : null;
        return new MatmulRun(plan.cycles(), plan.macs(), plan.folds(), c);
    }

    /** C = A x B; float sums run over blocks of kBlock k's from +0.0, block sums added in order. */
    static long[] product(Matmul p, int kBlock) {
        return switch (p.dtype()) {
            case INT8 -> productInt8(p);
            case INT16 -> productInt16(p);
            case FP32, BF16 -> productFloat(p, kBlock);
        };
    }

    private static long[] productInt8(Matmul p) {
        int m = p.m(), n = p.n(), k = p.k();
        int[] a = p.a(), b = p.b();
        long[] c = new long[m * n];
        int[] row = new int[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0);
            for (int kk = 0; kk < k; kk++) {
                int aik = (byte) a[i * k + kk];
                int base = kk * n;
                for (int j = 0; j < n; j++) {
                    row[j] += aik * (byte) b[base + j];        // int arithmetic: wraps mod 2^32 like the accumulator
                }
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] = row[j];
            }
        }
        return c;
    }

    private static long[] productInt16(Matmul p) {
        int m = p.m(), n = p.n(), k = p.k();
        int[] a = p.a(), b = p.b();
        long[] c = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int kk = 0; kk < k; kk++) {
                long aik = (short) a[i * k + kk];
                int base = kk * n;
                int out = i * n;
                for (int j = 0; j < n; j++) {
                    c[out + j] += aik * (short) b[base + j];
                }
            }
        }
        return c;
    }

    private static long[] productFloat(Matmul p, int kBlock) {
        int m = p.m(), n = p.n(), k = p.k();
        float[] a = decode(p.a(), p.dtype());
        float[] b = decode(p.b(), p.dtype());
        float[] total = new float[n];
        float[] part = new float[n];
        long[] c = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int k0 = 0; k0 < k; k0 += kBlock) {
                java.util.Arrays.fill(part, 0f);
                int k1 = Math.min(k, k0 + kBlock);
                for (int kk = k0; kk < k1; kk++) {
                    float aik = a[i * k + kk];
                    int base = kk * n;
                    for (int j = 0; j < n; j++) {
                        part[j] = part[j] + aik * b[base + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    total[j] = k0 == 0 ? part[j] : total[j] + part[j];
                }
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] = Float.floatToRawIntBits(total[j]) & 0xFFFF_FFFFL;
            }
        }
        return c;
    }

    private static float[] decode(int[] bits, DType dtype) {
        float[] f = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            f[i] = Float.intBitsToFloat(dtype.decode(bits[i]));
        }
        return f;
    }
}

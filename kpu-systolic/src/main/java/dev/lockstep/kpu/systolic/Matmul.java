package dev.lockstep.kpu.systolic;

import dev.lockstep.sim.random.SplitMix64;

/**
 * One product C = A x B: A is m x k and B is k x n, both row-major, holding operand pin bits of
 * dtype (int8/int16 values, fp32 bits, bf16 bits in the low 16).
 */
public record Matmul(int m, int n, int k, DType dtype, int[] a, int[] b) {

    public Matmul {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("m, n and k must be at least 1, got " + m + ", " + n + ", " + k);
        }
        if (a.length != (long) m * k || b.length != (long) k * n) {
            throw new IllegalArgumentException("A must hold m*k and B k*n operands");
        }
    }

    /**
     * Random operands from seed: integers uniform over the dtype's range; floats with a random sign,
     * significand and a binary exponent in -8..7, so sums round and their order matters.
     */
    public static Matmul random(int m, int n, int k, DType dtype, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        int[] a = new int[Math.multiplyExact(m, k)];
        int[] b = new int[Math.multiplyExact(k, n)];
        fill(a, dtype, rng);
        fill(b, dtype, rng);
        return new Matmul(m, n, k, dtype, a, b);
    }

    private static void fill(int[] x, DType dtype, SplitMix64 rng) {
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (dtype) {
                case INT8 -> (byte) rng.nextLong();
                case INT16 -> (short) rng.nextLong();
                case FP32 -> Float.floatToRawIntBits(randomFloat(rng));
                case BF16 -> Float.floatToRawIntBits(randomFloat(rng)) >>> 16;
            };
        }
    }

    private static float randomFloat(SplitMix64 rng) {
        long r = rng.nextLong();
        float significand = 1f + (r & 0x7F_FFFF) / (float) (1 << 23);
        int exponent = (int) ((r >>> 23) & 15) - 8;
        float v = Math.scalb(significand, exponent);
        return (r >>> 27 & 1) == 0 ? v : -v;
    }
}

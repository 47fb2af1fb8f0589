package dev.lockstep.kpu.systolic;

/**
 * The test's own matrix product, written from the accumulation order in docs/systolic.md and not
 * from the model: per output, a sum from +0.0 in ascending k inside each block of kBlock k's, block
 * sums then added in ascending order; integers are exact (int8 results wrapped to 32 bits).
 */
final class Reference {
    private Reference() {}

    static long[] product(Matmul p, int kBlock) {
        long[] c = new long[p.m() * p.n()];
        for (int i = 0; i < p.m(); i++) {
            for (int j = 0; j < p.n(); j++) {
                c[i * p.n() + j] = p.dtype().floating() ? floatDot(p, i, j, kBlock) : intDot(p, i, j);
            }
        }
        return c;
    }

    private static long intDot(Matmul p, int i, int j) {
        long s = 0;
        for (int k = 0; k < p.k(); k++) {
            s += (long) operand(p.dtype(), p.a()[i * p.k() + k]) * operand(p.dtype(), p.b()[k * p.n() + j]);
        }
        return p.dtype() == DType.INT8 ? (int) s : s;
    }

    private static long operand(DType t, int bits) {
        return t == DType.INT8 ? (byte) bits : (short) bits;
    }

    private static long floatDot(Matmul p, int i, int j, int kBlock) {
        float total = 0f;
        for (int k0 = 0; k0 < p.k(); k0 += kBlock) {
            float block = 0f;
            for (int k = k0; k < Math.min(p.k(), k0 + kBlock); k++) {
                float x = value(p.dtype(), p.a()[i * p.k() + k]);
                float y = value(p.dtype(), p.b()[k * p.n() + j]);
                float prod = x * y;
                block = block + prod;
            }
            total = k0 == 0 ? block : total + block;
        }
        return Float.floatToRawIntBits(total) & 0xFFFF_FFFFL;
    }

    private static float value(DType t, int bits) {
        return Float.intBitsToFloat(t == DType.BF16 ? bits << 16 : bits);
    }
}

package dev.lockstep.kpu.quant;

/**
 * A k x n weight matrix (row-major, B of C = A x B) as integer codes and per-group fp16 scales:
 * w[kk][nn] ~ codes[kk n + nn] * scales[(kk / groupSize) n + nn]. Codes are kept one per byte (the
 * unpacked form the array's int8 operand pins take; int4 codes fit); {@link #packed()} is the stored
 * and moved form.
 */
public record QuantizedWeights(QuantFormat format, int k, int n, int groupSize, byte[] codes, float[] scales) {

    public int groups() {
        return (k + groupSize - 1) / groupSize;
    }

    /**
     * Symmetric per-group quantization: scale = max|w| / qmax over the group, rounded to fp16;
     * code = round-half-even(w / scale) clamped to [-qmax, qmax]. After the fp16 rounding of the
     * scale a code may clamp, but then by at most max|w| 2^-11, below half a step, so every element
     * is within scale / 2 of its code's value.
     */
    public static QuantizedWeights quantize(float[] w, int k, int n, QuantFormat format, int groupSize) {
        if (!format.quantized()) {
            throw new IllegalArgumentException("quantize needs int8 or int4, got " + format.lowerName());
        }
        if (k < 1 || n < 1 || groupSize < 1 || (long) k * n != w.length) {
            throw new IllegalArgumentException("weights of " + w.length + " elements are not " + k + " x " + n
                    + " with group size >= 1 (got " + groupSize + ")");
        }
        int groups = (k + groupSize - 1) / groupSize;
        byte[] codes = new byte[w.length];
        float[] scales = new float[groups * n];
        int qmax = format.qmax();
        for (int g = 0; g < groups; g++) {
            int k0 = g * groupSize;
            int k1 = Math.min(k, k0 + groupSize);
            for (int j = 0; j < n; j++) {
                float amax = 0;
                for (int kk = k0; kk < k1; kk++) {
                    amax = Math.max(amax, Math.abs(w[kk * n + j]));
                }
                float scale = Float.float16ToFloat(Float.floatToFloat16(amax / qmax));
                if (Float.isInfinite(scale)) {
                    throw new IllegalArgumentException("weight magnitude " + amax + " (group " + g + ", column " + j
                            + ") overflows an fp16 scale");
                }
                scales[g * n + j] = scale;
                for (int kk = k0; kk < k1; kk++) {
                    long q = scale == 0 ? 0 : (long) Math.rint(w[kk * n + j] / scale);
                    codes[kk * n + j] = (byte) Math.clamp(q, -qmax, qmax);
                }
            }
        }
        return new QuantizedWeights(format, k, n, groupSize, codes, scales);
    }

    /** The fp32 weights the codes stand for. */
    public float[] dequantize() {
        float[] w = new float[codes.length];
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < n; j++) {
                w[kk * n + j] = codes[kk * n + j] * scales[(kk / groupSize) * n + j];
            }
        }
        return w;
    }

    /** Codes as stored: one per byte for int8; for int4 two per byte, element 2i in the low nibble. */
    public byte[] packed() {
        if (format == QuantFormat.INT8) {
            return codes.clone();
        }
        byte[] p = new byte[(codes.length + 1) / 2];
        for (int e = 0; e < codes.length; e++) {
            int nibble = codes[e] & 0xF;
            p[e / 2] |= (byte) ((e & 1) == 0 ? nibble : nibble << 4);
        }
        return p;
    }

    /** The inverse of {@link #packed()} for int4: nibbles sign-extended from 4 bits. */
    public static byte[] unpackInt4(byte[] packed, int count) {
        byte[] codes = new byte[count];
        for (int e = 0; e < count; e++) {
            int nibble = (e & 1) == 0 ? packed[e / 2] & 0xF : (packed[e / 2] >> 4) & 0xF;
            codes[e] = (byte) ((nibble << 28) >> 28);
        }
        return codes;
    }

    /** Bytes this matrix takes to move: {@link QuantFormat#weightBytes}. */
    public long bytes() {
        return format.weightBytes(k, n, groupSize);
    }
}

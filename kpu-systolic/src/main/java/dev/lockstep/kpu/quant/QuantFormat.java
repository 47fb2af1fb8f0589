package dev.lockstep.kpu.quant;

import java.util.Locale;

/**
 * How weights are stored and moved: fp32, or symmetric int8 / int4 codes with one fp16 scale per
 * group of {@code groupSize} consecutive k (the reduction index) in each output column. int4 codes are
 * packed two per byte. {@link #weightBytes} is what a weight tile costs to move, the figure the KPU
 * top's traffic statistics count per format.
 */
public enum QuantFormat {
    FP32(32, 0),
    INT8(8, 127),
    INT4(4, 7);

    /** Bytes of one group scale (fp16). */
    public static final int SCALE_BYTES = 2;

    private final int bits;
    private final int qmax;

    QuantFormat(int bits, int qmax) {
        this.bits = bits;
        this.qmax = qmax;
    }

    public int bits() {
        return bits;
    }

    /** Largest code magnitude; codes are in [-qmax, qmax] (symmetric, so -128 and -8 are unused). */
    public int qmax() {
        return qmax;
    }

    public boolean quantized() {
        return this != FP32;
    }

    /**
     * Bytes to move a k x n weight tile: codes (ceil(k n bits / 8)) plus, for the integer formats,
     * ceil(k / groupSize) x n fp16 scales. groupSize is ignored for fp32.
     */
    public long weightBytes(long k, long n, int groupSize) {
        if (k < 1 || n < 1 || (quantized() && groupSize < 1)) {
            throw new IllegalArgumentException("weight tile " + k + " x " + n + " with group " + groupSize + " is empty or ungrouped");
        }
        long codes = (k * n * bits + 7) / 8;
        return quantized() ? codes + (k + groupSize - 1) / groupSize * n * SCALE_BYTES : codes;
    }

    /** Parses 32, 8 or 4 (bits). */
    public static QuantFormat ofBits(int bits) {
        for (QuantFormat f : values()) {
            if (f.bits == bits) {
                return f;
            }
        }
        throw new IllegalArgumentException("bits must be 8 or 4 (or 32 for fp32), got " + bits);
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.lockstep.kpu.vector;

/**
 * The SFU's table for one activation: {@code size} fp32 entries f(x_i) at x_i = min + i (max - min) /
 * (size - 1), linear interpolation between neighbours inside [min, max], and the activation's
 * asymptote line outside it (the reference clamps to the end entries instead, which for GELU and SiLU
 * would turn f(20) = 20 into f(8) = 8). Inputs and outputs are fp32, as on the drain path.
 *
 * <p>{@link #errorBound()} is the stated worst-case absolute error against the exact function; its
 * derivation is in docs/kpu-vector.md and tests check it over dense sweeps.
 */
public final class Lut {
    /** The reference SFU's table: 256 entries over [-8, 8]. */
    public static final int DEFAULT_SIZE = 256;
    public static final double DEFAULT_MIN = -8;
    public static final double DEFAULT_MAX = 8;
    /** A table larger than this is no longer an SFU (and would only exhaust the heap). */
    public static final int MAX_SIZE = 1 << 24;
    /** The tails' distance to f shrinks monotonically with |x| only beyond about 1.28 (SiLU's minimum). */
    private static final double MIN_HALF_RANGE = 2;
    /** Rounding allowance per unit of max |f|: table entry (2^-24) + output (2^-24) + double slack. */
    private static final double ROUNDING = 0x1p-22;

    private final Activation activation;
    private final int size;
    private final double min;
    private final double max;
    private final double step;
    private final double invStep;
    private final float[] table;

    private Lut(Activation activation, int size, double min, double max) {
        this.activation = activation;
        this.size = size;
        this.min = min;
        this.max = max;
        this.step = (max - min) / (size - 1);
        this.invStep = (size - 1) / (max - min);
        this.table = new float[activation.usesTable() ? size : 0];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) activation.exact(min + i * step);
        }
    }

    /** A table of {@code size} entries over [min, max]; NONE and RELU get none (they bypass it). */
    public static Lut of(Activation activation, int size, double min, double max) {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("table size must be in 2.." + MAX_SIZE + ", got " + size);
        }
        if (!(min <= -MIN_HALF_RANGE && max >= MIN_HALF_RANGE) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("table range must be finite and include [-2, 2], got [" + min + ", " + max + "]");
        }
        return new Lut(activation, size, min, max);
    }

    /** The reference SFU's table for this activation. */
    public static Lut of(Activation activation) {
        return of(activation, DEFAULT_SIZE, DEFAULT_MIN, DEFAULT_MAX);
    }

    public float eval(float x) {
        switch (activation) {
            case NONE:
                return x;
            case RELU:
                return x > 0 ? x : 0f;
            default:
                break;
        }
        if (Float.isNaN(x)) {
            return x;
        }
        if (x < min) {
            return (float) activation.leftTail(x);
        }
        if (x > max) {
            return (float) activation.rightTail(x);
        }
        double u = (x - min) * invStep;
        int i = Math.min((int) u, size - 2);
        double t = u - i;
        return (float) (table[i] + t * (table[i + 1] - table[i]));
    }

    /**
     * The stated worst-case |eval(x) - f(x)| over all finite x: the larger of the interpolation
     * error h^2/8 sup|f''| plus rounding inside the range, and the tail error |f - asymptote| at the
     * range ends (the distance only shrinks further out). 0 for NONE and RELU.
     */
    public double errorBound() {
        if (!activation.usesTable()) {
            return 0;
        }
        return Math.max(interpolationBound() + roundingBound(), tailBound());
    }

    /** h^2 / 8 * sup|f''|, h the entry spacing: the classic bound for linear interpolation. */
    public double interpolationBound() {
        return step * step / 8 * activation.maxSecondDerivative();
    }

    /** fp32 rounding of the entries and of the result: 2^-22 max|f| on the range (conservative). */
    public double roundingBound() {
        return ROUNDING * activation.maxAbs(min, max);
    }

    /** |f - asymptote| at the ends of the range. */
    public double tailBound() {
        return Math.max(Math.abs(activation.exact(min) - activation.leftTail(min)),
                Math.abs(activation.exact(max) - activation.rightTail(max)));
    }

    public Activation activation() {
        return activation;
    }

    public int size() {
        return size;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}

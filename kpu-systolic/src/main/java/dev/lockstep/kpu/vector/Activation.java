package dev.lockstep.kpu.vector;

import java.util.Locale;

/**
 * Activations of the drain path: the exact function (double, from java.lang.StrictMath so tables
 * are bit-identical on every JVM; tests check against java.lang.Math), the supremum of
 * |f''| over the whole real line (derived in docs/kpu-vector.md; it bounds the interpolation error of
 * a table), and the straight lines f approaches outside a table's range. NONE and RELU are exact and
 * bypass the table, as in the reference SFU.
 */
public enum Activation {
    NONE(0, 0, 0, 1, 0),
    RELU(0, 0, 0, 1, 0),
    /** x * Phi(x), the erf form: f'' = phi(x) (2 - x^2), largest at 0: 2 phi(0) = 2 / sqrt(2 pi). */
    GELU(2 / Math.sqrt(2 * Math.PI), 0, 0, 1, 0),
    /** x * sigmoid(x): f'' = s(1-s)(2 + x(1-2s)); x(1-2s) <= 0 everywhere, so the max is at 0: 1/2. */
    SILU(0.5, 0, 0, 1, 0),
    /** f'' = s(1-s)(1-2s), extreme where s = 1/2 +- 1/(2 sqrt 3): 1 / (6 sqrt 3). */
    SIGMOID(1 / (6 * Math.sqrt(3)), 0, 0, 0, 1),
    /** f'' = -2 t (1 - t^2), extreme at t = 1/sqrt 3: 4 / (3 sqrt 3). */
    TANH(4 / (3 * Math.sqrt(3)), 0, -1, 0, 1);

    private final double maxSecondDerivative;
    private final double leftSlope;
    private final double leftIntercept;
    private final double rightSlope;
    private final double rightIntercept;

    Activation(double maxSecondDerivative, double leftSlope, double leftIntercept, double rightSlope, double rightIntercept) {
        this.maxSecondDerivative = maxSecondDerivative;
        this.leftSlope = leftSlope;
        this.leftIntercept = leftIntercept;
        this.rightSlope = rightSlope;
        this.rightIntercept = rightIntercept;
    }

    /** The exact value, the reference every table is built from and checked against. */
    public double exact(double x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> x > 0 ? x : 0;
            case GELU -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
            case SILU -> x / (1 + StrictMath.exp(-x));
            case SIGMOID -> 1 / (1 + StrictMath.exp(-x));
            case TANH -> StrictMath.tanh(x);
        };
    }

    /** Whether the function goes through the SFU table (and pays its latency). */
    public boolean usesTable() {
        return this != NONE && this != RELU;
    }

    /** sup |f''| over all x. */
    public double maxSecondDerivative() {
        return maxSecondDerivative;
    }

    /** The line f approaches as x goes to minus infinity, used below a table's range. */
    public double leftTail(double x) {
        return leftSlope == 0 ? leftIntercept : leftSlope * x + leftIntercept;
    }

    /** The line f approaches as x goes to plus infinity, used above a table's range. */
    public double rightTail(double x) {
        return rightSlope == 0 ? rightIntercept : rightSlope * x + rightIntercept;
    }

    /** An upper bound of |f| on [min, max]: 1 for sigmoid and tanh, |x| for the others (|f(x)| <= |x|). */
    public double maxAbs(double min, double max) {
        return this == SIGMOID || this == TANH ? 1 : Math.max(Math.abs(min), Math.abs(max));
    }

    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be none, relu, gelu, silu, sigmoid or tanh, got '" + text + "'");
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

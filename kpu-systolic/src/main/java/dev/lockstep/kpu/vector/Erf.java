package dev.lockstep.kpu.vector;

/**
 * The error function in double precision, because java.lang.Math has none and GELU (erf form) needs
 * it to fill its table and to be checked. Uses erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) /
 * (1 3 5 ... (2n+1)): every term is positive, so unlike the alternating Taylor series it loses no
 * digits to cancellation. Beyond |x| = 6, 1 - erf(x) < 2.2e-17 is below half an ulp of 1.
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double SATURATION = 6;

    private Erf() {}

    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a >= SATURATION) {
            return Math.signum(x);
        }
        double x2 = a * a;
        double term = a;
        double sum = a;
        for (int n = 1; term > sum * 1e-18; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        double r = TWO_OVER_SQRT_PI * StrictMath.exp(-x2) * sum;
        return x < 0 ? -r : r;
    }
}

package dev.lockstep.kpu.vector;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SFU tables against java.lang.Math over dense sweeps, and their stated error bounds. */
class LutTest {
    /** Points per sweep; with the knots and midpoints added this is denser than 1e-4 in x. */
    private static final int SWEEP = 1 << 19;

    /** The test's own exact functions, written from their definitions with java.lang.Math. */
    private static DoubleUnaryOperator math(Activation a) {
        return switch (a) {
            case NONE -> x -> x;
            case RELU -> x -> Math.max(x, 0);
            case GELU -> x -> x * 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
            case SILU -> x -> x * (1 / (1 + Math.exp(-x)));
            case SIGMOID -> x -> 1 / (1 + Math.exp(-x));
            case TANH -> Math::tanh;
        };
    }

    private static double maxError(Lut lut, double from, double to) {
        DoubleUnaryOperator f = math(lut.activation());
        double worst = 0;
        for (int i = 0; i <= SWEEP; i++) {
            worst = Math.max(worst, error(lut, f, (float) (from + (to - from) * i / SWEEP)));
        }
        // Knots (interpolation exact up to rounding) and midpoints (where the h^2/8 term peaks).
        double h = (lut.max() - lut.min()) / (lut.size() - 1);
        for (int i = 0; i < lut.size(); i++) {
            worst = Math.max(worst, error(lut, f, (float) (lut.min() + i * h)));
            worst = Math.max(worst, error(lut, f, (float) (lut.min() + (i + 0.5) * h)));
        }
        return worst;
    }

    private static double error(Lut lut, DoubleUnaryOperator f, float x) {
        return Math.abs(lut.eval(x) - f.applyAsDouble(x));
    }

    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz & Stegun table 7.1 (to 10 digits) / the usual 16-digit values.
        assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, Erf.erf(1), 1e-15);
        assertEquals(0.9953222650189527, Erf.erf(2), 1e-15);
        assertEquals(0.9999779095030014, Erf.erf(3), 1e-15);
        assertEquals(-0.8427007929497149, Erf.erf(-1), 1e-15);
        assertEquals(1.0, Erf.erf(7));
        assertEquals(0.0, Erf.erf(0));
    }

    @Test
    void referenceTableBoundsAsDerived() {
        // 256 entries over [-8, 8]: h = 16/255, h^2/8 = 4.92118e-4.
        // tanh: 4.92118e-4 * 4/(3 sqrt 3) = 3.78833e-4, + rounding 2^-22 * 1 = 2.384e-7 -> 3.79071e-4;
        //       tail 1 - tanh 8 = 2.25e-7 is smaller.
        assertEquals(3.79071e-4, Lut.of(Activation.TANH).errorBound(), 1e-9);
        // gelu: 4.92118e-4 * 2/sqrt(2 pi) = 3.92654e-4, + 2^-22 * 8 = 1.907e-6 -> 3.94561e-4; tail ~5e-15.
        assertEquals(3.94561e-4, Lut.of(Activation.GELU).errorBound(), 1e-9);
        // sigmoid: interpolation 4.7354e-5 + 2.4e-7 is below the tail 1 - sigmoid(8) = 3.35350e-4.
        assertEquals(3.35350e-4, Lut.of(Activation.SIGMOID).errorBound(), 1e-9);
        // silu: interpolation 2.46059e-4 + 1.9e-6 is below the tail 8 sigmoid(-8) = 2.68280e-3.
        assertEquals(2.68280e-3, Lut.of(Activation.SILU).errorBound(), 1e-8);
        assertEquals(0.0, Lut.of(Activation.RELU).errorBound());
    }

    @Test
    void everyTableStaysWithinItsBoundOverADenseSweep() {
        for (Activation a : Activation.values()) {
            for (Lut lut : new Lut[] {Lut.of(a), Lut.of(a, 1024, -12, 12), Lut.of(a, 64, -4, 6)}) {
                double err = maxError(lut, 3 * lut.min(), 3 * lut.max());
                assertTrue(err <= lut.errorBound(), a + " " + lut.size() + ": " + err + " > " + lut.errorBound());
                // The bound is stated tightly, not just safely: the sweep reaches at least half of it.
                if (a.usesTable()) {
                    assertTrue(err >= 0.5 * lut.errorBound(), a + " " + lut.size() + ": " + err + " << " + lut.errorBound());
                }
            }
        }
    }

    @Test
    void knotsAndTailsAsSpecified() {
        Lut sig = Lut.of(Activation.SIGMOID);
        // x = -8 and 8 are the first and last entries, stored as fp32.
        assertEquals((float) (1 / (1 + Math.exp(8))), sig.eval(-8f));
        assertEquals((float) (1 / (1 + Math.exp(-8))), sig.eval(8f));
        assertEquals(1f, sig.eval(100f));
        assertEquals(0f, sig.eval(Float.NEGATIVE_INFINITY));
        // GELU and SiLU follow y = x above the range and 0 below it (the reference would clamp to f(8)).
        assertEquals(20f, Lut.of(Activation.GELU).eval(20f));
        assertEquals(0f, Lut.of(Activation.SILU).eval(-30f));
        assertEquals(-1f, Lut.of(Activation.TANH).eval(-9f));
        assertTrue(Float.isNaN(Lut.of(Activation.TANH).eval(Float.NaN)));
        assertEquals(0f, Lut.of(Activation.RELU).eval(-0.5f));
        assertEquals(3f, Lut.of(Activation.RELU).eval(3f));
    }

    @Test
    void badTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Lut.of(Activation.GELU, 1, -8, 8));
        assertThrows(IllegalArgumentException.class, () -> Lut.of(Activation.GELU, Lut.MAX_SIZE + 1, -8, 8));
        assertThrows(IllegalArgumentException.class, () -> Lut.of(Activation.GELU, 256, -1, 8));
        assertThrows(IllegalArgumentException.class, () -> Lut.of(Activation.GELU, 256, -8, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    }
}

package dev.lockstep.kpu.vector;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each drain operation computes, by hand and against double-precision references. */
class DrainOpTest {
    private static final VectorEngine REF = VectorEngine.reference();

    @Test
    void biasReluByHand() {
        float[] tile = {-1f, 2f, 3f, -4f};
        DrainResult r = BiasActivation.of(new float[] {0.5f, -1f}, Activation.RELU).run(REF, tile, 2, 2);
        // [-1 + 0.5, 2 - 1; 3 + 0.5, -4 - 1] = [-0.5, 1; 3.5, -5] -> relu -> [0, 1; 3.5, 0].
        assertArrayEquals(new float[] {0f, 1f, 3.5f, 0f}, r.tile());
        // 2 rows * ceil(2/8) + depth 3 = 5; ReLU bypasses the SFU.
        assertEquals(5, r.cycles());
        assertArrayEquals(new float[] {-1f, 2f, 3f, -4f}, tile, "input untouched");
        assertEquals("bias+relu", BiasActivation.of(new float[2], Activation.RELU).name());
    }

    @Test
    void int32AccumulatorIsScaledThenActivated() {
        // scale 0.25: [8, -12, 2] -> [2, -3, 0.5]; + bias [1, 1, 1] -> [3, -2, 1.5]; NONE keeps it.
        DrainOp op = new BiasActivation(0.25f, new float[] {1f, 1f, 1f}, Lut.of(Activation.NONE));
        DrainResult r = op.runInt32(REF, new int[] {8, -12, 2}, 1, 3);
        assertArrayEquals(new float[] {3f, -2f, 1.5f}, r.tile());
        // 1 * ceil(3/8) + 3 = 4.
        assertEquals(4, r.cycles());
        // GELU through the table: 1 + 3 + 2 = 6 cycles.
        assertEquals(6, BiasActivation.of(null, Activation.GELU).cycles(REF, 1, 3));
    }

    @Test
    void softmaxByHandAndStable() {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, new Softmax().apply(REF, new float[4], 1, 4));
        // exp(1000) overflows; after subtracting the max both terms are exp(0) = 1 -> 1/2 each.
        assertArrayEquals(new float[] {0.5f, 0.5f}, new Softmax().apply(REF, new float[] {1000f, 1000f}, 1, 2));
        // Row 2 of [0, 0; 0, -inf]: exp(-inf) = 0 -> [1, 0].
        float[] y = new Softmax().apply(REF, new float[] {0f, 0f, 0f, Float.NEGATIVE_INFINITY}, 2, 2);
        assertArrayEquals(new float[] {0.5f, 0.5f, 1f, 0f}, y);
    }

    @Test
    void softmaxAgainstDoubleOnRandomRows() {
        Random rnd = new Random(7);
        int rows = 16;
        int n = 100;
        float[] x = new float[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (4 * rnd.nextGaussian());
        }
        for (VectorEngine ve : new VectorEngine[] {REF, new VectorEngine(16, 3, 2, Reduction.SERIAL)}) {
            float[] y = new Softmax().apply(ve, x, rows, n);
            for (int r = 0; r < rows; r++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < n; c++) {
                    m = Math.max(m, x[r * n + c]);
                }
                double s = 0;
                double spread = 0;
                for (int c = 0; c < n; c++) {
                    s += Math.exp(x[r * n + c] - m);
                    spread = Math.max(spread, m - x[r * n + c]);
                }
                for (int c = 0; c < n; c++) {
                    double ref = Math.exp(x[r * n + c] - m) / s;
                    // First-order fp32 error: the subtraction's 2^-24 |x - m| passes into exp
                    // relatively; exp, reciprocal and product round once each; a sum of n terms at
                    // most (n - 1) 2^-24 relative. Together (spread + n + 3) 2^-24, doubled for margin.
                    double tol = 2 * (spread + n + 3) * 0x1p-24 * ref;
                    assertEquals(ref, y[r * n + c], tol, "row " + r + " col " + c);
                }
            }
        }
    }

    @Test
    void layerNormByHandAndWithALargeMean() {
        // [1,2,3,4]: mean 2.5, deviations [-1.5,-0.5,0.5,1.5], var 5/4, 1/sqrt(1.25) = 0.89442719.
        float[] expected = {-1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f};
        assertArrayEquals(expected, new LayerNorm(null, null, 0f).apply(REF, new float[] {1, 2, 3, 4}, 1, 4), 1e-6f);
        // Shifted by 1e4 (10001..10004 are exact in fp32, mean 10002.5 too): the two-pass variance
        // gives the same result; E[x^2] - mean^2 would lose everything in a 1e8 cancellation.
        assertArrayEquals(expected,
                new LayerNorm(null, null, 0f).apply(REF, new float[] {10001, 10002, 10003, 10004}, 1, 4), 1e-6f);
        // gamma 2, beta 1: 2y + 1.
        float[] g = {2, 2, 2, 2};
        float[] b = {1, 1, 1, 1};
        assertArrayEquals(new float[] {-1.6832816f, 0.1055728f, 1.8944272f, 3.6832816f},
                new LayerNorm(g, b, 0f).apply(REF, new float[] {1, 2, 3, 4}, 1, 4), 1e-6f);
    }

    @Test
    void rmsNormByHand() {
        // [3, 4]: mean square 12.5, rms 3.5355339 -> [0.8485281, 1.1313708]; gamma [1, 0.5] on the second.
        assertArrayEquals(new float[] {0.8485281f, 1.1313708f}, new RmsNorm(null, 0f).apply(REF, new float[] {3, 4}, 1, 2), 1e-6f);
        assertArrayEquals(new float[] {0.8485281f, 0.5656854f},
                new RmsNorm(new float[] {1f, 0.5f}, 0f).apply(REF, new float[] {3, 4}, 1, 2), 1e-6f);
        // eps 1 on [0, 0]: 0 / sqrt(1) = 0 (eps keeps a zero row finite).
        assertArrayEquals(new float[] {0f, 0f}, new RmsNorm(null, 1f).apply(REF, new float[2], 1, 2));
    }

    @Test
    void elementwiseByHand() {
        float[] a = {1f, 2f, 3f};
        float[] b = {0.5f, -2f, 4f};
        assertArrayEquals(new float[] {1.5f, 0f, 7f}, new Elementwise(Elementwise.Kind.ADD, b).apply(REF, a, 1, 3));
        assertArrayEquals(new float[] {0.5f, -4f, 12f}, new Elementwise(Elementwise.Kind.MUL, b).apply(REF, a, 1, 3));
    }

    @Test
    void shapeErrorsAreRefused() {
        DrainOp op = new Softmax();
        assertThrows(IllegalArgumentException.class, () -> op.run(REF, new float[5], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> BiasActivation.of(new float[3], Activation.RELU).run(REF, new float[4], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new float[3], null, 0f).run(REF, new float[4], 2, 2));
        assertTrue(op.name().equals("softmax"));
    }
}

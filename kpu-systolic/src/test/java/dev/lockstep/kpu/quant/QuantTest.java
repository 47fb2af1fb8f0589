package dev.lockstep.kpu.quant;

import dev.lockstep.kpu.vector.VectorEngine;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quantize / dequantize / pack by hand, the integer path by hand, error bounds, bytes moved. */
class QuantTest {

    @Test
    void int8GroupByHand() {
        // One column, one group of 4: max|w| = 1, 1/127 = 0.0078740 = 2^-7 x 1.00787; fp16 keeps 10
        // fraction bits: 1.00787 x 1024 = 1032.06 -> 1032/1024 -> scale 2^-7 x 1.0078125 = 0.00787353515625.
        // codes: 1/s = 127.007 -> 127; -0.5/s = -63.504 -> -64; 0.25/s = 31.752 -> 32; 0.127/s = 16.130 -> 16.
        QuantizedWeights q = QuantizedWeights.quantize(new float[] {1f, -0.5f, 0.25f, 0.127f}, 4, 1, QuantFormat.INT8, 4);
        assertArrayEquals(new float[] {0.00787353515625f}, q.scales());
        assertArrayEquals(new byte[] {127, -64, 32, 16}, q.codes());
        assertArrayEquals(new float[] {127 * 0.00787353515625f, -64 * 0.00787353515625f, 32 * 0.00787353515625f,
                16 * 0.00787353515625f}, q.dequantize());
    }

    @Test
    void int4PackingByHand() {
        // max|w| = 0.7, 0.7/7 = 0.1 -> fp16 0.0999755859375 (1638/16384); codes 7.0017 -> 7,
        // -3.5009 -> -4, 1.0002 -> 1, -7.0017 -> -7.
        QuantizedWeights q = QuantizedWeights.quantize(new float[] {0.7f, -0.35f, 0.1f, -0.7f}, 4, 1, QuantFormat.INT4, 4);
        assertArrayEquals(new byte[] {7, -4, 1, -7}, q.codes());
        assertEquals(0.0999755859375f, q.scales()[0]);
        // Element 0 low nibble 0x7, element 1 high nibble -4 = 0xC -> 0xC7; then 1 = 0x1, -7 = 0x9 -> 0x91.
        assertArrayEquals(new byte[] {(byte) 0xC7, (byte) 0x91}, q.packed());
        assertArrayEquals(q.codes(), QuantizedWeights.unpackInt4(q.packed(), 4));
    }

    @Test
    void groupsRunAlongKPerColumn() {
        // k = 4, n = 2, group 2: column 0 = [2, 1 | 0.5, 0.25], column 1 = [-4, 0 | 0, 0].
        // Group maxima: group 0 col 0 = 2, col 1 = 4; group 1 col 0 = 0.5, col 1 all zero -> scale 0,
        // codes 0. Each group's largest magnitude maps to +-127 (w / (max/127 rounded to fp16) = 127.0x).
        float[] w = {2f, -4f, 1f, 0f, 0.5f, 0f, 0.25f, 0f};
        QuantizedWeights q = QuantizedWeights.quantize(w, 4, 2, QuantFormat.INT8, 2);
        assertEquals(2, q.groups());
        assertEquals(0f, q.scales()[3]);
        assertEquals(127, q.codes()[0]);
        assertEquals(-127, q.codes()[1]);
        assertEquals(127, q.codes()[4]);
        assertEquals(0, q.codes()[7]);
    }

    @Test
    void everyWeightIsWithinHalfAStep() {
        Random rnd = new Random(3);
        int k = 300;
        int n = 7;
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * (1 + i % 5));
        }
        for (QuantFormat f : new QuantFormat[] {QuantFormat.INT8, QuantFormat.INT4}) {
            for (int g : new int[] {1, 32, 128, 300, 1000}) {
                QuantizedWeights q = QuantizedWeights.quantize(w, k, n, f, g);
                float[] d = q.dequantize();
                for (int kk = 0; kk < k; kk++) {
                    for (int j = 0; j < n; j++) {
                        float s = q.scales()[(kk / g) * n + j];
                        // Rounding to the nearest code: at most half a step (plus fp32 slack of w/s).
                        assertTrue(Math.abs(w[kk * n + j] - d[kk * n + j]) <= s / 2 * (1 + 1e-6), f + " g" + g);
                        assertTrue(Math.abs(q.codes()[kk * n + j]) <= f.qmax());
                    }
                }
            }
        }
    }

    @Test
    void integerPathByHand() {
        // W = [127, -64, 32, 16] (one column, group 4): max 127 -> scale 1, codes = W.
        // X = [1, 2, 3, 4]: sx = 4/127, codes x/sx = 31.75, 63.5, 95.25, 127 -> 32, 64 (half-even), 95, 127.
        // int32 sum 32*127 - 64*64 + 95*32 + 127*16 = 4064 - 4096 + 3040 + 2032 = 5040;
        // y = (4/127) * 1 * 5040 = 158.74016 (exact fp32 product: 127 - 128 + 96 + 64 = 159).
        QuantizedWeights q = QuantizedWeights.quantize(new float[] {127, -64, 32, 16}, 4, 1, QuantFormat.INT8, 4);
        float[] y = QuantMatmul.integer(new float[] {1, 2, 3, 4}, 1, 4, q);
        assertEquals(158.74016f, y[0], 1e-4f);
        assertEquals(159f, QuantMatmul.weightOnly(new float[] {1, 2, 3, 4}, 1, 4, q)[0]);
        // Two groups of 2, both with max 127 so both scales are 1 and codes = W: [127, -64 | 127, 16].
        // Group sums 32*127 - 64*64 = -32 and 95*127 + 127*16 = 12065 + 2032 = 14097;
        // y = (4/127)(-32 + 14097) = (4/127) 14065 = 442.99213.
        QuantizedWeights q2 = QuantizedWeights.quantize(new float[] {127, -64, 127, 16}, 4, 1, QuantFormat.INT8, 2);
        assertEquals(442.99213f, QuantMatmul.integer(new float[] {1, 2, 3, 4}, 1, 4, q2)[0], 1e-3f);
    }

    @Test
    void weightOnlyErrorWithinItsDerivedBound() {
        // |y - y^| = |sum_k x_k (w_k - w^_k)| <= sum_k |x_k| s_g(k) / 2 (+ fp32 summation slack).
        Random rnd = new Random(11);
        int m = 5;
        int k = 200;
        int n = 6;
        float[] x = new float[m * k];
        float[] w = new float[k * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        QuantizedWeights q = QuantizedWeights.quantize(w, k, n, QuantFormat.INT4, 16);
        float[] y = QuantMatmul.weightOnly(x, m, k, q);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double bound = 0;
                double mag = 0;
                for (int kk = 0; kk < k; kk++) {
                    exact += (double) x[i * k + kk] * w[kk * n + j];
                    bound += Math.abs(x[i * k + kk]) * q.scales()[(kk / 16) * n + j] / 2;
                    mag += Math.abs(x[i * k + kk] * w[kk * n + j]);
                }
                double slack = 2 * k * 0x1p-24 * mag;
                assertTrue(Math.abs(y[i * n + j] - exact) <= bound + slack);
            }
        }
    }

    @Test
    void bytesMovedByHand() {
        // 4096 x 4096, group 128: fp32 4 * 4096^2 = 67,108,864; scales 32 groups * 4096 cols * 2 B = 262,144;
        // int8 16,777,216 + 262,144 = 17,039,360; int4 8,388,608 + 262,144 = 8,650,752.
        assertEquals(67_108_864L, QuantFormat.FP32.weightBytes(4096, 4096, 128));
        assertEquals(17_039_360L, QuantFormat.INT8.weightBytes(4096, 4096, 128));
        assertEquals(8_650_752L, QuantFormat.INT4.weightBytes(4096, 4096, 128));
        // Odd count of int4 codes rounds up: 3 x 3 = 9 codes -> 5 bytes, group 2 -> 2 groups x 3 cols x 2 B = 12.
        assertEquals(17, QuantFormat.INT4.weightBytes(3, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> QuantFormat.ofBits(2));
        assertThrows(IllegalArgumentException.class, () -> QuantFormat.INT8.weightBytes(4, 4, 0));
    }

    @Test
    void scaleCyclesOnePassPerGroup() {
        // 16 x 16 output tile on the reference engine: 16 * 2 + 3 = 35 per pass; k 512 / group 128 = 4 passes.
        assertEquals(140, QuantMatmul.scaleCycles(VectorEngine.reference(), 16, 16, 512, 128));
        // k 500 / group 128 -> ceil = 4 passes too.
        assertEquals(140, QuantMatmul.scaleCycles(VectorEngine.reference(), 16, 16, 500, 128));
    }

    @Test
    void measuredErrorsOrderAsTheoryPredicts() {
        // Halving the bits multiplies the step by 127/7 ~ 18; smaller groups only shrink the scales.
        QuantBench i8 = QuantBench.run(16, 32, 256, QuantFormat.INT8, 64, 1);
        QuantBench i4 = QuantBench.run(16, 32, 256, QuantFormat.INT4, 64, 1);
        QuantBench i4perChannel = QuantBench.run(16, 32, 256, QuantFormat.INT4, 256, 1);
        assertTrue(i8.weightOnly().relFrobenius() < i4.weightOnly().relFrobenius());
        assertTrue(i4.weightOnly().relFrobenius() < i4perChannel.weightOnly().relFrobenius());
        assertTrue(i8.fp32().relFrobenius() < i8.weightOnly().relFrobenius());
        // Same seed, same numbers.
        assertEquals(i8, QuantBench.run(16, 32, 256, QuantFormat.INT8, 64, 1));
    }
}

package dev.lockstep.kpu.graph;

/**
 * A convolution's shape: batch n, input h x w x cin, cout filters of kh x kw, stride and padding (both
 * sides). Output oh = (h + 2 pad - kh) / stride + 1, likewise ow. As a matmul (im2col):
 * M = n oh ow, N = cout, K = kh kw cin.
 */
public record ConvShape(int n, int h, int w, int cin, int cout, int kh, int kw, int stride, int pad) {
    public ConvShape {
        if (n < 1 || h < 1 || w < 1 || cin < 1 || cout < 1 || kh < 1 || kw < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("conv2d dimensions must be >= 1 (pad >= 0)");
        }
        if (h + 2 * pad < kh || w + 2 * pad < kw) {
            throw new IllegalArgumentException("conv2d kernel " + kh + "x" + kw + " is larger than the padded input " + (h + 2 * pad) + "x" + (w + 2 * pad));
        }
    }

    public int oh() {
        return (h + 2 * pad - kh) / stride + 1;
    }

    public int ow() {
        return (w + 2 * pad - kw) / stride + 1;
    }

    public long m() {
        return (long) n * oh() * ow();
    }

    public long k() {
        return (long) kh * kw * cin;
    }
}

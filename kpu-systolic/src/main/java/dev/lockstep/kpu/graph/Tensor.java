package dev.lockstep.kpu.graph;

/**
 * A tensor between kernels: {@code batch} matrices of {@code rows x cols} elements of {@code elem}
 * bytes (batch = attention heads, or 1). Conv2d activations are NHWC flattened to
 * (N H W) x C, which is how the im2col lowering and the direct variant both address them.
 */
public record Tensor(String name, int batch, long rows, long cols, int elem) {
    public Tensor {
        if (batch < 1 || rows < 1 || cols < 1 || elem < 1) {
            throw new IllegalArgumentException("tensor " + name + ": batch, rows, cols and elem must be >= 1, got "
                    + batch + ", " + rows + ", " + cols + ", " + elem);
        }
    }

    public long bytes() {
        return batch * rows * cols * elem;
    }
}

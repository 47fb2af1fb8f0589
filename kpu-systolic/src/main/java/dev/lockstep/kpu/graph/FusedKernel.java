package dev.lockstep.kpu.graph;

import java.util.List;

/**
 * Kernels run as one: {@code fusion} is "none" (a single kernel), "epilogue" (matmul or conv2d +
 * bias + activation on the drain path), "attention" (Q K^T, softmax, x V with the scores kept on
 * chip) or "ffn" (fc1 + bias+activation, fc2 [+ bias+activation], the hidden activations kept on
 * chip). {@code savedBytes}: external traffic the fusion removes (the intermediates' write and read).
 */
public record FusedKernel(String name, List<Kernel> kernels, String fusion, long savedBytes) {
    public FusedKernel {
        kernels = List.copyOf(kernels);
    }

    public Kernel first() {
        return kernels.getFirst();
    }

    public Kernel last() {
        return kernels.getLast();
    }
}

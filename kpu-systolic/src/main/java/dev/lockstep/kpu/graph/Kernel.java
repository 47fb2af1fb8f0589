package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.vector.Activation;
import java.util.List;

/** One node of a {@link KernelGraph}: it reads tensors by name and writes one. */
public sealed interface Kernel {
    String name();

    List<String> inputs();

    String output();

    /** C = A x B per batch element; {@code transposeB}: B is stored n x k (the K of Q K^T). An operand of batch 1 serves every batch element. */
    record Matmul(String name, String a, String b, String output, boolean transposeB) implements Kernel {
        public List<String> inputs() {
            return List.of(a, b);
        }
    }

    /** act(x + bias[col]) in the vector engine. */
    record BiasAct(String name, String input, String bias, String output, Activation activation) implements Kernel {
        public List<String> inputs() {
            return List.of(input, bias);
        }
    }

    /** Softmax along each row. */
    record Softmax(String name, String input, String output) implements Kernel {
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /** LayerNorm along each row (gamma and beta held in the vector engine). */
    record LayerNorm(String name, String input, String output) implements Kernel {
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /** Elementwise add or multiply of two tensors of one shape (the residual add). */
    record Elementwise(String name, String a, String b, String output, dev.lockstep.kpu.vector.Elementwise.Kind op) implements Kernel {
        public List<String> inputs() {
            return List.of(a, b);
        }
    }

    /**
     * 2-D convolution, NHWC input ({@code n h w} x {@code cin}), weight ({@code kh kw cin} x
     * {@code cout}), output ({@code n oh ow} x {@code cout}); {@link ConvLowering} picks how it reaches
     * the array.
     */
    record Conv2d(String name, String input, String weight, String output, ConvShape shape, ConvLowering lowering) implements Kernel {
        public List<String> inputs() {
            return List.of(input, weight);
        }
    }
}

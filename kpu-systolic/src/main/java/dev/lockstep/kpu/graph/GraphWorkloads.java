package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.Elementwise;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in graph workloads, by name. Shapes: GPT-2 small (d = 768, FFN 3072, context 1024;
 * Radford et al. 2019), BERT-base (d = 768, 12 heads of 64, FFN 3072; Devlin et al. 2018), ResNet-18
 * convolutions on a 224 x 224 image, batch 1 (He et al. 2016, Table 1; batch norm folded into the
 * bias, the 3 x 3 max pool and the residual adds left out).
 */
public final class GraphWorkloads {
    private static final Map<String, Function<DType, KernelGraph>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("gpt2-ffn", d -> ffn("gpt2-ffn", d, 1024, 768, 3072));
        BUILT_IN.put("bert-base-128", d -> bertLayer("bert-base-128", d, 128));
        BUILT_IN.put("bert-base-512", d -> bertLayer("bert-base-512", d, 512));
        BUILT_IN.put("resnet18-convs", d -> resnet18("resnet18-convs", d, ConvLowering.IM2COL));
        BUILT_IN.put("resnet18-convs-direct", d -> resnet18("resnet18-convs-direct", d, ConvLowering.DIRECT));
    }

    private GraphWorkloads() {
    }

    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    public static boolean has(String name) {
        return BUILT_IN.containsKey(name);
    }

    public static KernelGraph build(String name, DType dtype) {
        Function<DType, KernelGraph> f = BUILT_IN.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no built-in graph " + name + ", allowed " + String.join(", ", names()));
        }
        return f.apply(dtype);
    }

    /** A transformer FFN block: GELU(x W1 + b1) W2 + b2, x of seq x d, hidden h. */
    public static KernelGraph ffn(String name, DType dtype, int seq, int d, int h) {
        return KernelGraph.builder(name, dtype)
                .input("x", 1, seq, d).weight("w1", d, h).bias("b1", h).weight("w2", h, d).bias("b2", d)
                .matmul("fc1", "x", "w1", "h")
                .biasAct("gelu", "h", "b1", "h_act", Activation.GELU)
                .matmul("fc2", "h_act", "w2", "y")
                .biasAct("bias2", "y", "b2", "out", Activation.NONE)
                .build();
    }

    /**
     * One BERT-base encoder layer (post-norm): Q, K, V projections, per-head Q K^T, softmax, x V,
     * output projection, residual + layernorm, FFN, residual + layernorm. Heads are views of the
     * projections (the DMA's strides pick a head's 64 columns).
     */
    public static KernelGraph bertLayer(String name, DType dtype, int seq) {
        int d = 768;
        int heads = 12;
        int dh = d / heads;
        int ff = 3072;
        KernelGraph.Builder b = KernelGraph.builder(name, dtype).input("x", 1, seq, d);
        for (String p : List.of("q", "k", "v")) {
            b.weight("w" + p, d, d).bias("b" + p, d)
                    .matmul(p + "_proj", "x", "w" + p, p + "_raw")
                    .biasAct(p + "_bias", p + "_raw", "b" + p, p, Activation.NONE)
                    .view(p, p + "_heads", heads, seq, dh);
        }
        return b.matmul("scores", "q_heads", "k_heads", "s", true)
                .softmax("softmax", "s", "p")
                .matmul("context", "p", "v_heads", "ctx_heads")
                .view("ctx_heads", "ctx", 1, seq, d)
                .weight("wo", d, d).bias("bo", d)
                .matmul("out_proj", "ctx", "wo", "attn_raw")
                .biasAct("out_bias", "attn_raw", "bo", "attn", Activation.NONE)
                .elementwise("residual1", Elementwise.Kind.ADD, "attn", "x", "res1")
                .layerNorm("layernorm1", "res1", "ln1")
                .weight("w1", d, ff).bias("b1", ff).weight("w2", ff, d).bias("b2", d)
                .matmul("fc1", "ln1", "w1", "h_raw")
                .biasAct("gelu", "h_raw", "b1", "h", Activation.GELU)
                .matmul("fc2", "h", "w2", "y_raw")
                .biasAct("fc2_bias", "y_raw", "b2", "y", Activation.NONE)
                .elementwise("residual2", Elementwise.Kind.ADD, "y", "ln1", "res2")
                .layerNorm("layernorm2", "res2", "out")
                .build();
    }

    /** ResNet-18's 20 convolutions (conv1, 16 in conv2_x .. conv5_x, 3 downsampling 1 x 1), each + bias + ReLU. */
    public static KernelGraph resnet18(String name, DType dtype, ConvLowering lowering) {
        KernelGraph.Builder b = KernelGraph.builder(name, dtype);
        int[] n = {0};
        java.util.function.Consumer<ConvShape> conv = s -> {
            String id = "conv" + (++n[0]);
            b.input(id + "_in", 1, (long) s.n() * s.h() * s.w(), s.cin())
                    .weight(id + "_w", s.k(), s.cout()).bias(id + "_b", s.cout())
                    .conv2d(id, id + "_in", id + "_w", id + "_raw", s, lowering)
                    .biasAct(id + "_relu", id + "_raw", id + "_b", id + "_out", Activation.RELU);
        };
        conv.accept(new ConvShape(1, 224, 224, 3, 64, 7, 7, 2, 3));
        int size = 56;
        int channels = 64;
        for (int stage = 0; stage < 4; stage++) {
            int out = 64 << stage;
            int stride = stage == 0 ? 1 : 2;
            int outSize = size / stride;
            conv.accept(new ConvShape(1, size, size, channels, out, 3, 3, stride, 1));
            conv.accept(new ConvShape(1, outSize, outSize, out, out, 3, 3, 1, 1));
            if (stride == 2) {
                conv.accept(new ConvShape(1, size, size, channels, out, 1, 1, 2, 0));
            }
            conv.accept(new ConvShape(1, outSize, outSize, out, out, 3, 3, 1, 1));
            conv.accept(new ConvShape(1, outSize, outSize, out, out, 3, 3, 1, 1));
            size = outSize;
            channels = out;
        }
        return b.build();
    }
}

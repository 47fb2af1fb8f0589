package dev.lockstep.kpu.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.Elementwise;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import dev.lockstep.sim.config.Defaulted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kernel graph as a JSON (or YAML) workload file, version 1, read strictly (unknown keys, wrong
 * types, missing fields are errors with file, line and path). Kernels may be listed in any order;
 * they are added in a topological order of their tensors. Example:
 * <pre>
 * {"version": 1, "name": "ffn", "dtype": "int8",
 *  "tensors": [{"name": "x", "kind": "input", "rows": 128, "cols": 768},
 *              {"name": "w1", "kind": "weight", "rows": 768, "cols": 3072},
 *              {"name": "b1", "kind": "bias", "cols": 3072}],
 *  "kernels": [{"op": "matmul", "name": "fc1", "inputs": ["x", "w1"], "output": "h"},
 *              {"op": "bias_act", "name": "gelu", "inputs": ["h", "b1"], "output": "y", "activation": "gelu"}]}
 * </pre>
 * Ops: matmul (optional transpose_b), bias_act (activation none, relu, gelu, silu, sigmoid, tanh),
 * softmax, layernorm, add, mul, view (batch, rows, cols of the same element count), conv2d (shape
 * {n, h, w, cin, cout, kh, kw, stride, pad}, lowering im2col or direct). Tensor kinds: input
 * (optional batch), weight, bias (cols only).
 */
public record GraphFile(int version, String name, String dtype, List<TensorSpec> tensors, List<KernelSpec> kernels) {

    public GraphFile {
        Check.range("version", version, 1, 1);
        Check.notBlank("name", name);
        try {
            DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("dtype", e.getMessage());
        }
        Check.present("tensors", tensors);
        Check.present("kernels", kernels);
        if (kernels.isEmpty()) {
            throw new ConfigException("kernels", "a graph needs at least one kernel");
        }
    }

    public record TensorSpec(String name, String kind, @Defaulted Integer batch, @Defaulted Long rows, long cols) {
        public TensorSpec {
            Check.notBlank("name", name);
            if (!Set.of("input", "weight", "bias").contains(kind)) {
                throw new ConfigException("kind", "value '" + kind + "' is not allowed, allowed input, weight, bias");
            }
            if (!kind.equals("bias")) {
                Check.present("rows", rows);
                Check.range("rows", rows, 1, Integer.MAX_VALUE);
            }
            if (batch != null && !kind.equals("input")) {
                throw new ConfigException("batch", "only an input has a batch");
            }
            Check.range("batch", batch == null ? 1 : batch, 1, 1 << 20);
            Check.range("cols", cols, 1, Integer.MAX_VALUE);
        }
    }

    public record ConvSpec(int n, int h, int w, int cin, int cout, int kh, int kw, int stride, int pad) {
    }

    public record KernelSpec(String op, String name, List<String> inputs, String output,
                             @JsonProperty("transpose_b") @Defaulted Boolean transposeB,
                             @Defaulted String activation,
                             @Defaulted Integer batch, @Defaulted Long rows, @Defaulted Long cols,
                             @Defaulted ConvSpec shape, @Defaulted String lowering) {
        private static final Map<String, Integer> ARITY = Map.of("matmul", 2, "bias_act", 2, "softmax", 1, "layernorm", 1,
                "add", 2, "mul", 2, "view", 1, "conv2d", 2);

        public KernelSpec {
            Check.notBlank("name", name);
            Check.notBlank("output", output);
            Integer arity = ARITY.get(op);
            if (arity == null) {
                throw new ConfigException("op", "value '" + op + "' is not allowed, allowed matmul, bias_act, softmax, layernorm, add, mul, view, conv2d");
            }
            Check.present("inputs", inputs);
            if (inputs.size() != arity) {
                throw new ConfigException("inputs", op + " takes " + arity + " input(s), got " + inputs.size());
            }
            if (op.equals("bias_act")) {
                Check.present("activation", activation);
                try {
                    Activation.parse(activation);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("activation", e.getMessage());
                }
            }
            if (op.equals("view")) {
                Check.present("batch", batch);
                Check.present("rows", rows);
                Check.present("cols", cols);
            }
            if (op.equals("conv2d")) {
                Check.present("shape", shape);
                Check.present("lowering", lowering);
                if (!lowering.equals("im2col") && !lowering.equals("direct")) {
                    throw new ConfigException("lowering", "value '" + lowering + "' is not allowed, allowed im2col, direct");
                }
            }
        }
    }

    /** Reads and builds a graph file; every problem is a {@link ConfigException} naming the file and where. */
    public static KernelGraph read(Path file) {
        return ConfigReader.read(file, GraphFile.class).toGraph(file.toString());
    }

    KernelGraph toGraph(String source) {
        KernelGraph.Builder b = KernelGraph.builder(name, DType.parse(dtype));
        Set<String> defined = new HashSet<>();
        for (int i = 0; i < tensors.size(); i++) {
            TensorSpec t = tensors.get(i);
            String at = "tensors[" + i + "]";
            guard(source, at, () -> {
                switch (t.kind()) {
                    case "input" -> b.input(t.name(), t.batch() == null ? 1 : t.batch(), t.rows(), t.cols());
                    case "weight" -> b.weight(t.name(), t.rows(), t.cols());
                    default -> b.bias(t.name(), t.cols());
                }
            });
            defined.add(t.name());
        }
        for (int i : order(source, defined)) {
            KernelSpec k = kernels.get(i);
            guard(source, "kernels[" + i + "]", () -> add(b, k));
        }
        return guardGet(source, "kernels", b::build);
    }

    private static void add(KernelGraph.Builder b, KernelSpec k) {
        List<String> in = k.inputs();
        switch (k.op()) {
            case "matmul" -> b.matmul(k.name(), in.get(0), in.get(1), k.output(), Boolean.TRUE.equals(k.transposeB()));
            case "bias_act" -> b.biasAct(k.name(), in.get(0), in.get(1), k.output(), Activation.parse(k.activation()));
            case "softmax" -> b.softmax(k.name(), in.get(0), k.output());
            case "layernorm" -> b.layerNorm(k.name(), in.get(0), k.output());
            case "add" -> b.elementwise(k.name(), Elementwise.Kind.ADD, in.get(0), in.get(1), k.output());
            case "mul" -> b.elementwise(k.name(), Elementwise.Kind.MUL, in.get(0), in.get(1), k.output());
            case "view" -> b.view(in.get(0), k.output(), k.batch(), k.rows(), k.cols());
            default -> {
                ConvSpec s = k.shape();
                b.conv2d(k.name(), in.get(0), in.get(1), k.output(),
                        new ConvShape(s.n(), s.h(), s.w(), s.cin(), s.cout(), s.kh(), s.kw(), s.stride(), s.pad()),
                        k.lowering().equals("direct") ? ConvLowering.DIRECT : ConvLowering.IM2COL);
            }
        }
    }

    /** Kernel indices in a topological order (ties in file order); a kernel reading an unknown tensor or a cycle is an error. */
    private List<Integer> order(String source, Set<String> defined) {
        Map<String, Integer> writer = new HashMap<>();
        for (int i = 0; i < kernels.size(); i++) {
            if (defined.contains(kernels.get(i).output()) || writer.put(kernels.get(i).output(), i) != null) {
                throw located(source, "kernels[" + i + "].output", "tensor '" + kernels.get(i).output() + "' is written twice");
            }
        }
        List<Integer> out = new ArrayList<>();
        Set<String> available = new HashSet<>(defined);
        boolean[] done = new boolean[kernels.size()];
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < kernels.size(); i++) {
                if (!done[i] && available.containsAll(kernels.get(i).inputs())) {
                    done[i] = true;
                    out.add(i);
                    available.add(kernels.get(i).output());
                    progress = true;
                    break;
                }
            }
        }
        for (int i = 0; i < kernels.size(); i++) {
            for (String in : kernels.get(i).inputs()) {
                if (!done[i] && !available.contains(in) && !writer.containsKey(in)) {
                    throw located(source, "kernels[" + i + "].inputs", "tensor '" + in + "' is neither declared nor written by a kernel");
                }
            }
        }
        for (int i = 0; i < kernels.size(); i++) {
            if (!done[i]) {
                throw located(source, "kernels[" + i + "]", "kernel '" + kernels.get(i).name() + "' is on a cycle (or after one)");
            }
        }
        return out;
    }

    private static void guard(String source, String at, Runnable r) {
        guardGet(source, at, () -> {
            r.run();
            return null;
        });
    }

    private static <T> T guardGet(String source, String at, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (ConfigException e) {
            throw located(source, at + (e.path().isEmpty() ? "" : " (" + e.path() + ")"), e.problem());
        } catch (IllegalArgumentException e) {
            throw located(source, at, e.getMessage());
        }
    }

    private static ConfigException located(String source, String at, String problem) {
        return new ConfigException(at, source + ": " + problem);
    }
}

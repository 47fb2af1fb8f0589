package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.Elementwise;
import dev.lockstep.sim.config.ConfigException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DAG of kernels joined by named tensors, for one {@link DType}. Graph inputs and weights have the
 * operand width, biases and raw matmul outputs the accumulator width; the vector engine's outputs
 * are requantized to the operand width on their way out (as int8 inference does), so a following
 * matmul can read them. Shapes are inferred and checked as kernels are added; a tensor is written by
 * exactly one kernel. {@link #order()} is a topological order (Kahn, ties in insertion order).
 */
public final class KernelGraph {
    private final String name;
    private final DType dtype;
    private final Map<String, Tensor> tensors;
    private final Map<String, Boolean> external;
    private final Map<String, String> aliases;
    private final java.util.Set<String> weights;
    private final List<Kernel> kernels;

    private KernelGraph(String name, DType dtype, Map<String, Tensor> tensors, Map<String, Boolean> external,
            Map<String, String> aliases, java.util.Set<String> weights, List<Kernel> kernels) {
        this.name = name;
        this.weights = weights;
        this.aliases = aliases;
        this.dtype = dtype;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.external = external;
        this.kernels = List.copyOf(kernels);
    }

    public static Builder builder(String name, DType dtype) {
        return new Builder(name, dtype);
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return t;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** Graph inputs, weights and biases: they start in external memory. */
    public boolean isGraphInput(String tensor) {
        return external.getOrDefault(tensor, false);
    }

    public List<Kernel> kernels() {
        return kernels;
    }

    /** A weight matrix: its bytes follow the weight format a run quantizes to. */
    public boolean isWeight(String tensor) {
        return weights.contains(base(tensor));
    }

    /** The tensor a view names (itself if it is no view): the one whose bytes it shares. */
    public String base(String tensor) {
        String b = tensor;
        while (aliases.containsKey(b)) {
            b = aliases.get(b);
        }
        return b;
    }

    /** The kernels reading {@code tensor} or a view of it. */
    public List<Kernel> consumers(String tensor) {
        String b = base(tensor);
        List<Kernel> out = new ArrayList<>();
        for (Kernel k : kernels) {
            for (String in : k.inputs()) {
                if (base(in).equals(b)) {
                    out.add(k);
                    break;
                }
            }
        }
        return out;
    }

    /** The kernels in a topological order: every kernel after those writing its inputs. */
    public List<Kernel> order() {
        Map<String, Kernel> writer = new HashMap<>();
        for (Kernel k : kernels) {
            writer.put(k.output(), k);
        }
        Map<Kernel, Integer> missing = new LinkedHashMap<>();
        for (Kernel k : kernels) {
            int n = 0;
            for (String in : k.inputs()) {
                n += writer.containsKey(base(in)) ? 1 : 0;
            }
            missing.put(k, n);
        }
        List<Kernel> out = new ArrayList<>();
        Deque<Kernel> ready = new ArrayDeque<>();
        missing.forEach((k, n) -> {
            if (n == 0) {
                ready.add(k);
            }
        });
        while (!ready.isEmpty()) {
            Kernel k = ready.poll();
            out.add(k);
            for (Kernel c : kernels) {
                for (String in : c.inputs()) {
                    if (base(in).equals(k.output()) && missing.merge(c, -1, Integer::sum) == 0) {
                        ready.add(c);
                    }
                }
            }
        }
        if (out.size() != kernels.size()) {
            throw new ConfigException("kernels", "graph " + name + " has a cycle");
        }
        return out;
    }

    /** Adds tensors and kernels; every method checks names and shapes and names the kernel on error. */
    public static final class Builder {
        private final String name;
        private final DType dtype;
        private final int e;
        private final int acc;
        private final Map<String, Tensor> tensors = new LinkedHashMap<>();
        private final Map<String, Boolean> external = new HashMap<>();
        private final java.util.Set<String> weights = new java.util.HashSet<>();
        private final List<Kernel> kernels = new ArrayList<>();

        private Builder(String name, DType dtype) {
            this.name = name;
            this.dtype = dtype;
            this.e = (dtype.operandBits() + 7) / 8;
            this.acc = dtype.accBits() / 8;
        }

        /** An input or weight tensor (operand width), in external memory. */
        public Builder input(String tensor, int batch, long rows, long cols) {
            return define(tensor, new Tensor(tensor, batch, rows, cols, e), true);
        }

        /** A weight matrix (operand width unless quantized at run time), in external memory. */
        public Builder weight(String tensor, long rows, long cols) {
            define(tensor, new Tensor(tensor, 1, rows, cols, e), true);
            weights.add(tensor);
            return this;
        }

        /** A bias vector (1 x cols accumulators), in external memory. */
        public Builder bias(String tensor, long cols) {
            return define(tensor, new Tensor(tensor, 1, 1, cols, acc), true);
        }

        public Builder matmul(String kernel, String a, String b, String out) {
            return matmul(kernel, a, b, out, false);
        }

        public Builder matmul(String kernel, String a, String b, String out, boolean transposeB) {
            Tensor ta = use(kernel, a);
            Tensor tb = use(kernel, b);
            long k = transposeB ? tb.cols() : tb.rows();
            long n = transposeB ? tb.rows() : tb.cols();
            if (ta.cols() != k) {
                throw error(kernel, a + " has " + ta.cols() + " columns but " + b + " gives depth " + k);
            }
            if (ta.batch() != 1 && tb.batch() != 1 && tb.batch() != ta.batch()) {
                throw error(kernel, "batch " + ta.batch() + " of " + a + " and " + tb.batch() + " of " + b + " differ");
            }
            define(out, new Tensor(out, Math.max(ta.batch(), tb.batch()), ta.rows(), n, acc), false);
            return add(new Kernel.Matmul(kernel, a, b, out, transposeB));
        }

        public Builder biasAct(String kernel, String in, String bias, String out, Activation act) {
            Tensor t = use(kernel, in);
            Tensor b = use(kernel, bias);
            if (b.rows() != 1 || b.cols() != t.cols()) {
                throw error(kernel, "bias " + bias + " must be 1 x " + t.cols());
            }
            define(out, new Tensor(out, t.batch(), t.rows(), t.cols(), e), false);
            return add(new Kernel.BiasAct(kernel, in, bias, out, act));
        }

        public Builder softmax(String kernel, String in, String out) {
            Tensor t = use(kernel, in);
            define(out, new Tensor(out, t.batch(), t.rows(), t.cols(), e), false);
            return add(new Kernel.Softmax(kernel, in, out));
        }

        public Builder layerNorm(String kernel, String in, String out) {
            Tensor t = use(kernel, in);
            define(out, new Tensor(out, t.batch(), t.rows(), t.cols(), e), false);
            return add(new Kernel.LayerNorm(kernel, in, out));
        }

        public Builder elementwise(String kernel, Elementwise.Kind op, String a, String b, String out) {
            Tensor ta = use(kernel, a);
            Tensor tb = use(kernel, b);
            if (ta.batch() * ta.rows() != tb.batch() * tb.rows() || ta.cols() != tb.cols()) {
                throw error(kernel, a + " and " + b + " differ in shape");
            }
            define(out, new Tensor(out, ta.batch(), ta.rows(), ta.cols(), e), false);
            return add(new Kernel.Elementwise(kernel, a, b, out, op));
        }

        /**
         * Reinterprets a tensor under a new name and shape of the same element count (heads split
         * or merged: a layout change done by the DMA's strides, no traffic of its own).
         */
        public Builder view(String from, String to, int batch, long rows, long cols) {
            Tensor t = tensors.get(from);
            if (t == null) {
                throw error("view " + to, "no tensor " + from);
            }
            if ((long) batch * rows * cols != t.batch() * t.rows() * t.cols()) {
                throw error("view " + to, "shape " + batch + "x" + rows + "x" + cols + " does not hold " + from);
            }
            return define(to, new Tensor(to, batch, rows, cols, t.elem()), external.getOrDefault(from, false), from);
        }

        public Builder conv2d(String kernel, String in, String weight, String out, ConvShape s, ConvLowering lowering) {
            Tensor ti = use(kernel, in);
            Tensor tw = use(kernel, weight);
            if (ti.batch() * ti.rows() != (long) s.n() * s.h() * s.w() || ti.cols() != s.cin()) {
                throw error(kernel, in + " is not " + s.n() + "*" + s.h() + "*" + s.w() + " x " + s.cin());
            }
            if (tw.rows() != s.k() || tw.cols() != s.cout()) {
                throw error(kernel, weight + " is not " + s.k() + " x " + s.cout());
            }
            define(out, new Tensor(out, 1, s.m(), s.cout(), acc), false);
            return add(new Kernel.Conv2d(kernel, in, weight, out, s, lowering));
        }

        public KernelGraph build() {
            KernelGraph g = new KernelGraph(name, dtype, new LinkedHashMap<>(tensors), new HashMap<>(external), new HashMap<>(aliases),
                    java.util.Set.copyOf(weights), kernels);
            g.order();
            return g;
        }

        private final Map<String, String> aliases = new HashMap<>();

        private Builder define(String tensor, Tensor t, boolean isInput) {
            return define(tensor, t, isInput, null);
        }

        private Builder define(String tensor, Tensor t, boolean isInput, String aliasOf) {
            if (tensors.containsKey(tensor)) {
                throw new ConfigException("tensors", "tensor '" + tensor + "' is defined twice in graph " + name);
            }
            tensors.put(tensor, t);
            external.put(tensor, isInput);
            if (aliasOf != null) {
                aliases.put(tensor, aliasOf);
            }
            return this;
        }

        private Tensor use(String kernel, String tensor) {
            Tensor t = tensors.get(tensor);
            if (t == null) {
                throw error(kernel, "reads '" + tensor + "', which no earlier input or kernel defines");
            }
            return t;
        }

        private Builder add(Kernel k) {
            for (Kernel other : kernels) {
                if (other.name().equals(k.name())) {
                    throw error(k.name(), "kernel name used twice");
                }
            }
            kernels.add(k);
            return this;
        }

        private ConfigException error(String kernel, String what) {
            return new ConfigException("kernels." + kernel, what);
        }
    }
}

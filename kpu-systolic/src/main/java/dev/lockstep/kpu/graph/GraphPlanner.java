package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.KpuConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups a graph's kernels, in topological order, into what runs as one program. With fusion off
 * every kernel is its own group (each one reads its inputs from and writes its output to external
 * memory, with a barrier in between, as the reference's KernelGraph does). With fusion on:
 * <ul>
 * <li>epilogue: a matmul or conv2d whose output only one bias+activation reads runs with that
 *     kernel on its drain path; the raw accumulators are never written out nor read back (saves
 *     twice their bytes);</li>
 * <li>attention: a matmul whose output only a softmax reads, whose output is only the A operand of
 *     one more matmul (Q K^T, softmax, x V), keeps the scores and probabilities on chip when one batch
 *     element's scores (accumulators) and probabilities fit in half of L3 (the other half holds the
 *     operand tiles); it saves twice the bytes of both.</li>
 * <li>ffn: a matmul (fc1) whose output only one bias+activation reads, whose output is only the A
 *     operand of one more matmul (fc2), and that matmul's bias+activation when it is the only reader of
 *     fc2's output: the activated hidden tensor H' stays on chip when it fits in half of L3 (the budget
 *     of attention) and both programs can place their resident matrix; it saves twice the raw
 *     accumulators of fc1 (and of fc2 when its epilogue is in the group) and twice H'.</li>
 * </ul>
 * The first rule that applies wins, in the order ffn, attention, epilogue; when H' does not fit, fc1
 * and fc2 fall back to their epilogue fusions.
 */
public final class GraphPlanner {
    private GraphPlanner() {
    }

    /** The plan; on int8 a fused ffn's fc1 requantizes H' on its drains (no quantized weights: {@link #plan(KernelGraph, KpuConfig, boolean, boolean)}). */
    public static List<FusedKernel> plan(KernelGraph g, KpuConfig config, boolean fuse) {
        return plan(g, config, fuse, g.dtype() == DType.INT8);
    }

    /**
     * The plan; {@code requantize}: a fused ffn's fc1 drains H' as int8 operands, one byte an element,
     * into the buffer fc2 reads (int8 with operand-width weights), else at the accumulator width.
     */
    public static List<FusedKernel> plan(KernelGraph g, KpuConfig config, boolean fuse, boolean requantize) {
        List<FusedKernel> out = new ArrayList<>();
        Set<Kernel> taken = new HashSet<>();
        long onChipBudget = config.hierarchy().l3().count() * config.hierarchy().l3().bytes() / 2;
        for (Kernel k : g.order()) {
            if (taken.contains(k)) {
                continue;
            }
            FusedKernel f = fuse ? ffn(g, k, config, onChipBudget, requantize) : null;
            if (f == null && fuse) {
                f = attention(g, k, onChipBudget);
            }
            if (f == null && fuse) {
                f = epilogue(g, k);
            }
            if (f == null) {
                f = new FusedKernel(k.name(), List.of(k), "none", 0);
            }
            taken.addAll(f.kernels());
            out.add(f);
        }
        return out;
    }

    private static FusedKernel epilogue(KernelGraph g, Kernel k) {
        if (!(k instanceof Kernel.Matmul || k instanceof Kernel.Conv2d)) {
            return null;
        }
        if (!(only(g, k.output()) instanceof Kernel.BiasAct ba) || !ba.input().equals(k.output())) {
            return null;
        }
        long raw = g.tensor(k.output()).bytes();
        return new FusedKernel(k.name() + "+" + ba.name(), List.of(k, ba), "epilogue", 2 * raw);
    }

    private static FusedKernel attention(KernelGraph g, Kernel k, long budget) {
        if (!(k instanceof Kernel.Matmul)) {
            return null;
        }
        if (!(only(g, k.output()) instanceof Kernel.Softmax sm) || !sm.input().equals(k.output())) {
            return null;
        }
        if (!(only(g, sm.output()) instanceof Kernel.Matmul pv) || !g.base(pv.a()).equals(sm.output())) {
            return null;
        }
        Tensor s = g.tensor(k.output());
        Tensor p = g.tensor(sm.output());
        if ((s.bytes() + p.bytes()) / s.batch() > budget) {
            return null;
        }
        return new FusedKernel(k.name() + "+" + sm.name() + "+" + pv.name(), List.of(k, sm, pv), "attention",
                2 * (s.bytes() + p.bytes()));
    }

    private static FusedKernel ffn(KernelGraph g, Kernel k, KpuConfig config, long budget, boolean requantize) {
        if (!(k instanceof Kernel.Matmul fc1)) {
            return null;
        }
        if (!(only(g, fc1.output()) instanceof Kernel.BiasAct act1) || !act1.input().equals(fc1.output())) {
            return null;
        }
        // H' must be fc2's A itself (not a view, whose rows would be laid out differently) and not its B.
        if (!(only(g, act1.output()) instanceof Kernel.Matmul fc2) || !fc2.a().equals(act1.output())
                || g.base(fc2.b()).equals(act1.output())) {
            return null;
        }
        Tensor x = g.tensor(fc1.a());
        Tensor h = g.tensor(fc1.output());
        Tensor hAct = g.tensor(act1.output());
        Tensor y = g.tensor(fc2.output());
        if (h.batch() != 1 || hAct.bytes() > budget) {
            return null;
        }
        Kernel.BiasAct act2 = only(g, fc2.output()) instanceof Kernel.BiasAct b && b.input().equals(fc2.output()) ? b : null;
        int m = Math.toIntExact(h.rows());
        int hidden = Math.toIntExact(h.cols());
        // requantizing, fc1 places H' at the operand width the budget counts; otherwise at the accumulator width
        if (!MatmulCompiler.residentFits(config, m, hidden, Math.toIntExact(x.cols()), g.dtype(), false, true, act1.activation(),
                requantize ? 1f : null)
                || !MatmulCompiler.residentFits(config, m, Math.toIntExact(y.cols()), hidden, g.dtype(), true, false,
                        act2 == null ? null : act2.activation())) {
            return null;
        }
        List<Kernel> group = act2 == null ? List.of(fc1, act1, fc2) : List.of(fc1, act1, fc2, act2);
        long saved = 2 * (h.bytes() + hAct.bytes() + (act2 == null ? 0 : y.bytes()));
        StringBuilder name = new StringBuilder();
        for (Kernel member : group) {
            name.append(name.isEmpty() ? "" : "+").append(member.name());
        }
        return new FusedKernel(name.toString(), group, "ffn", saved);
    }

    /** The single kernel reading {@code tensor}, or null if none or several do. */
    private static Kernel only(KernelGraph g, String tensor) {
        List<Kernel> c = g.consumers(tensor);
        return c.size() == 1 ? c.getFirst() : null;
    }
}

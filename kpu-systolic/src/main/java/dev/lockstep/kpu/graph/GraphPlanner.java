package dev.lockstep.kpu.graph;

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
 * </ul>
 */
public final class GraphPlanner {
    private GraphPlanner() {
    }

    public static List<FusedKernel> plan(KernelGraph g, KpuConfig config, boolean fuse) {
        List<FusedKernel> out = new ArrayList<>();
        Set<Kernel> taken = new HashSet<>();
        long onChipBudget = config.hierarchy().l3().count() * config.hierarchy().l3().bytes() / 2;
        for (Kernel k : g.order()) {
            if (taken.contains(k)) {
                continue;
            }
            FusedKernel f = fuse ? attention(g, k, onChipBudget) : null;
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

    /** The single kernel reading {@code tensor}, or null if none or several do. */
    private static Kernel only(KernelGraph g, String tensor) {
        List<Kernel> c = g.consumers(tensor);
        return c.size() == 1 ? c.getFirst() : null;
    }
}

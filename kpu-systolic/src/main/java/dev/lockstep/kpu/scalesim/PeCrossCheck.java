package dev.lockstep.kpu.scalesim;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.Matmul;
import dev.lockstep.kpu.systolic.MatmulRun;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.systolic.PeMatmul;

import java.util.function.LongConsumer;

/**
 * Re-runs a layer's GEMM on the register-level {@code SystolicArray} (random int8 operands, SCALE-Sim's
 * non-overlapping folds) and compares its measured cycles with the closed-form report, and its results
 * with a plain integer product. A disagreement is a finding about one of the two models, not bad input.
 */
public final class PeCrossCheck {
    private PeCrossCheck() {
    }

    /** {@code calc} is the layer's CALC-mode row; {@code seed} picks the operands. */
    public static PeRow layer(ScaleSimConfig config, TopologyLayer layer, ComputeRow calc, long seed) {
        return layer(config, layer, calc, seed, null);
    }

    /** As above, telling {@code progress} (if not null) the edges done every 65,536 edges. */
    public static PeRow layer(ScaleSimConfig config, TopologyLayer layer, ComputeRow calc, long seed,
                              LongConsumer progress) {
        int m = fits(layer, "M", calc.m());
        int n = fits(layer, "N", calc.n());
        int k = fits(layer, "K", calc.k());
        fits(layer, "M * K", (long) m * k);
        fits(layer, "K * N", (long) k * n);
        Matmul p = Matmul.random(m, n, k, DType.INT8, seed);
        Dataflow df = switch (config.dataflow()) {
            case OS -> Dataflow.OS;
            case WS -> Dataflow.WS;
            case IS -> Dataflow.IS;
        };
        MatmulRun run = PeMatmul.run(p, config.arrayHeight(), config.arrayWidth(), df, Overlap.SCALESIM, progress);
        // SCALE-Sim stops counting when the last fold's outputs are computed; an output-stationary array then
        // still needs R edges to drain them out of the bottom row, which the pins show and SCALE-Sim omits.
        long drain = df == Dataflow.OS ? config.arrayHeight() : 0;
        long peTotal = run.cycles() - drain - 1;
        return new PeRow(run.cycles(), peTotal, peTotal == calc.totalCycles(), equalsPlainProduct(p, run.c()));
    }

    private static boolean equalsPlainProduct(Matmul p, long[] c) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        int[] a = p.a();
        int[] b = p.b();
        int[] row = new int[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0);
            for (int t = 0; t < k; t++) {
                int x = a[i * k + t];
                int base = t * n;
                for (int j = 0; j < n; j++) {
                    row[j] += x * b[base + j]; // int arithmetic wraps like the 32-bit accumulators
                }
            }
            for (int j = 0; j < n; j++) {
                if (c[i * n + j] != row[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int fits(TopologyLayer layer, String what, long v) {
        if (v > Integer.MAX_VALUE) {
            throw new UnsupportedLayerException("layer " + layer.name() + ": " + what + " = " + v
                    + " is too large for the register-level array's operand arrays");
        }
        return (int) v;
    }
}

package dev.lockstep.tools.regress;

import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.KernelStats;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.fabric.kernel.TileBackend;
import dev.lockstep.fabric.pt5.InvalidBytes;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.sim.random.SplitMix64;

import java.util.List;

/**
 * Ternary GEMV on the fabric kernel model ({@code dev.lockstep.fabric.kernel}, tile level, hardware frame
 * timing, 4 tiles of 15 lanes), as {@code lockstep fabric gemv} runs it.
 */
final class KernelWorkloads {
    private KernelWorkloads() {}

    static List<Workload> all() {
        return List.of(
                new SimpleWorkload("fabric.kernel.gemv.dense", "fabric kernel GEMV 256x512, no zero trits, 4 tiles, tile level",
                        () -> gemv(256, 512, 0, 31)),
                new SimpleWorkload("fabric.kernel.gemv.sparse", "fabric kernel GEMV 256x512, 2/3 zero trits, 4 tiles, tile level",
                        () -> gemv(256, 512, 2.0 / 3, 32)));
    }

    private static List<Metric> gemv(int rows, int cols, double sparsity, long seed) {
        FabricSession session = new FabricSession(new TileBackend(4, 15, new Pt5Options(Pt5Mapping.A, InvalidBytes.REJECT),
                FrameTiming.HARDWARE));
        SplitMix64 random = new SplitMix64(seed);
        int[][] w = new int[rows][];
        for (int r = 0; r < rows; r++) {
            w[r] = trits(random, cols, sparsity);
        }
        TernaryGemm.gemv(session, w, trits(random, cols, sparsity));
        KernelStats s = session.stats();
        return List.of(
                Metric.count("cycles", s.cycles()),
                Metric.count("total_ops", s.totalOps()),
                Metric.count("zero_skips", s.zeroSkips()),
                Metric.count("bank_reads", s.bankReads()),
                Metric.count("bank_writes", s.bankWrites()),
                Metric.count("broadcasts", s.broadcasts()),
                Metric.count("edges", s.edges()),
                Metric.count("frames", s.frames()));
    }

    /** n trits, each zero with probability {@code sparsity}, else +1 or -1 by the sign bit. */
    private static int[] trits(SplitMix64 random, int n, double sparsity) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = random.nextLong();
            v[i] = ((bits >>> 11) & ((1L << 52) - 1)) * 0x1.0p-52 < sparsity ? 0 : bits < 0 ? -1 : 1;
        }
        return v;
    }
}

package dev.lockstep.tools.regress;

import dev.lockstep.fabric.compat.CompatMetrics;
import dev.lockstep.fabric.compat.EmulatorCompat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ternary-fabric workloads. They run in the emulator-compat mode ({@code dev.lockstep.fabric.compat}),
 * the fabric kernel model on main today; when the fabric kernel mappers land, their GEMV/LSTM/attention
 * belong here too.
 */
public final class FabricWorkloads {
    private static final int ALL_TILES = EmulatorCompat.DEFAULT_TILE_MASK;

    private FabricWorkloads() {}

    static List<Workload> all() {
        return List.of(
                new SimpleWorkload("fabric.gemv.dense", "ternary GEMV 256x512, every trit nonzero, 4 tiles",
                        () -> metrics(gemvDense(), true)),
                new SimpleWorkload("fabric.gemv.sparse", "ternary GEMV 256x512, 2/3 of the trits zero, 4 tiles",
                        () -> metrics(gemvSparse(), true)),
                // The emulator's LSTM leaves its cycle count stale (tfmbs.md 4.3), so cycles are not a metric here.
                new SimpleWorkload("fabric.lstm", "ternary LSTM gates, hidden 64, input 64, 1/3 zero trits",
                        () -> metrics(lstm(), false)),
                new SimpleWorkload("fabric.attention", "ternary attention, sequence 128, head 64 (metrics model)",
                        () -> metrics(attention(), true)),
                new SimpleWorkload("fabric.conv3d", "ternary 3-D convolution, 16 -> 32 channels, 8x8x8 (metrics model)",
                        () -> metrics(conv3d(), true)));
    }

    /** GEMV 256x512, every trit +1 or -1, on all four tiles. */
    public static CompatMetrics gemvDense() {
        return gemv(256, 512, 0, 11);
    }

    /** GEMV 256x512, each trit zero with probability 2/3, on all four tiles. */
    public static CompatMetrics gemvSparse() {
        return gemv(256, 512, 2.0 / 3, 12);
    }

    private static CompatMetrics gemv(int rows, int cols, double zeroFraction, long seed) {
        EmulatorCompat emu = new EmulatorCompat(1);
        int w = trits(emu, rows * cols, zeroFraction, seed);
        int x = trits(emu, cols, zeroFraction, seed + 1);
        int y = emu.alloc(4 * rows);
        return emu.gemv(w, x, y, rows, cols, ALL_TILES);
    }

    /** LSTM gate pre-activations, hidden 64, input 64; its {@code cycles} are the emulator's stale value. */
    public static CompatMetrics lstm() {
        int hidden = 64;
        int input = 64;
        EmulatorCompat emu = new EmulatorCompat(1);
        int w = trits(emu, 4 * hidden * (input + hidden), 1.0 / 3, 21);
        int x = trits(emu, input + hidden, 1.0 / 3, 22);
        int state = emu.alloc(16 * hidden);
        return emu.lstm(w, x, state, hidden, input, ALL_TILES, false);
    }

    /** Attention, sequence 128, head dimension 64 (the emulator's metrics-only formula). */
    public static CompatMetrics attention() {
        EmulatorCompat emu = new EmulatorCompat(1);
        int q = emu.alloc(128 * 64);
        return emu.attention(q, 128, 64, ALL_TILES);
    }

    /** 3-D convolution 16 -> 32 channels over 8x8x8 (the emulator's metrics-only formula). */
    public static CompatMetrics conv3d() {
        EmulatorCompat emu = new EmulatorCompat(1);
        int w = emu.alloc(16 * 32);
        return emu.conv3d(w, 16, 32, 512, ALL_TILES);
    }

    /** A buffer of n random trits, each zero with probability {@code zeroFraction}, else +1 or -1. */
    private static int trits(EmulatorCompat emu, int n, double zeroFraction, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextDouble() < zeroFraction ? 0 : rnd.nextBoolean() ? 1 : -1;
        }
        int b = emu.alloc((n + 4) / 5);
        emu.writeTrits(b, t);
        return b;
    }

    private static List<Metric> metrics(CompatMetrics m, boolean withCycles) {
        List<Metric> out = new ArrayList<>();
        if (withCycles) {
            out.add(Metric.count("cycles", m.cycles()));
        }
        out.add(Metric.count("total_ops", m.totalOps()));
        out.add(Metric.count("zero_skips", m.zeroSkips()));
        out.add(Metric.count("mem_read_bytes", m.memReads()));
        out.add(Metric.count("mem_write_bytes", m.memWrites()));
        out.add(Metric.count("fabric_cost", m.fabricCost()));
        return out;
    }
}

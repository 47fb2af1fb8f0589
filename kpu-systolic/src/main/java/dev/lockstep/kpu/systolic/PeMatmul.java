package dev.lockstep.kpu.systolic;

import java.util.function.LongConsumer;

/**
 * Runs a product on the register-level {@link SystolicArray} (or any other {@link SystolicPins}): the
 * feeder of docs/systolic.md (skewed injection, preload, drain, banks alternating by fold) on the
 * periodic fold schedule of
 * {@link FoldPlan#period()}, collecting results whenever a south_valid pin says so. Cycles are counted
 * from the array's outputs (the edge after which the last valid result left it), not from the
 * closed form, so comparing them with {@link FoldPlan#cycles()} tests the derivation.
 */
public final class PeMatmul {
    private PeMatmul() {}

    public static MatmulRun run(Matmul p, int rows, int cols, Dataflow dataflow, Overlap overlap) {
        return run(p, rows, cols, dataflow, overlap, null);
    }

    /** As above, telling progress (if not null) the edges done every 65,536 edges. */
    public static MatmulRun run(Matmul p, int rows, int cols, Dataflow dataflow, Overlap overlap, LongConsumer progress) {
        Dataflow hardware = dataflow == Dataflow.OS ? Dataflow.OS : Dataflow.WS;
        return run(p, new SystolicArray(rows, cols, hardware, p.dtype()), dataflow, overlap, progress);
    }

    /**
     * The same feeder on any implementation of the array's pins (the Java array, or its RTL through
     * cosim), fresh from reset: OS hardware for OS, WS hardware for WS and IS, of the product's dtype.
     */
    public static MatmulRun run(Matmul p, SystolicPins array, Dataflow dataflow, Overlap overlap, LongConsumer progress) {
        Dataflow hardware = dataflow == Dataflow.OS ? Dataflow.OS : Dataflow.WS;
        if (array.hardware() != hardware || array.dtype() != p.dtype()) {
            throw new IllegalArgumentException(dataflow.lowerName() + " " + p.dtype().lowerName() + " needs a "
                    + hardware.lowerName() + " " + p.dtype().lowerName() + " array, got "
                    + array.hardware().lowerName() + " " + array.dtype().lowerName());
        }
        int rows = array.rows();
        int cols = array.cols();
        FoldPlan plan = new FoldPlan(rows, cols, dataflow, overlap, p.m(), p.n(), p.k());
        return switch (dataflow) {
            case OS -> outputStationary(p, plan, array, progress);
            case WS -> weightStationary(p, plan, array, progress);
            case IS -> {
                // IS = WS with A transposed stationary and B transposed streamed; it yields C transposed.
                Matmul swapped = new Matmul(p.n(), p.m(), p.k(), p.dtype(), transpose(p.b(), p.k(), p.n()),
                        transpose(p.a(), p.m(), p.k()));
                MatmulRun r = weightStationary(swapped,
                        new FoldPlan(rows, cols, Dataflow.WS, overlap, p.n(), p.m(), p.k()), array, progress);
                yield new MatmulRun(r.cycles(), r.macs(), r.folds(), transposeLong(r.c(), p.n(), p.m()));
            }
        };
    }

    private static MatmulRun outputStationary(Matmul p, FoldPlan plan, SystolicPins arr, LongConsumer progress) {
        final int r = plan.rows();
        final int c = plan.cols();
        final int n = p.n();
        final int k = p.k();
        final int[] a = p.a();
        final int[] b = p.b();
        final long folds = plan.folds();
        final long colFolds = plan.colFolds();
        final long period = plan.period();
        final long drainAfter = (long) k + r + c - 2;
        // Fold f, offset t: row i carries A[fr*R + i][t], column j B[t][fc*C + j].
        StreamPhase phase = new StreamPhase(Math.max(r, c), period, k, folds, (f, t, g) -> {
            long fr = f / colFolds;
            long fc = f % colFolds;
            g.rowBase = (int) (fr * r * k + t);
            g.rowsUsed = plan.rowsUsed(fr);
            g.colBase = (int) (t * (long) n + fc * c);
            g.colsUsed = plan.colsUsed(fc);
        });
        long[] out = new long[Math.multiplyExact(p.m(), n)];
        long[] got = new long[c];
        long expected = folds * r * c;
        long collected = 0;
        long guard = folds * (period + plan.foldCycles()) + 1;
        long e = 0;
        while (collected < expected) {
            if (e > guard) {
                throw new IllegalStateException("array produced " + collected + " of " + expected + " results");
            }
            if (progress != null && (e & 0xFFFF) == 0) {
                progress.accept(e);
            }
            phase.advanceTo(e);
            for (int i = 0; i < r; i++) {
                int slot = phase.slot(e - i);
                if (slot < 0) {
                    arr.setWest(i, 0, false, 0);
                } else if (i < phase.rowsUsed[slot]) {
                    arr.setWest(i, a[phase.rowBase[slot] + i * k], true, phase.bank[slot]);
                } else {
                    arr.setWest(i, 0, false, phase.bank[slot]);
                }
            }
            for (int j = 0; j < c; j++) {
                int slot = phase.slot(e - j);
                arr.setNorth(j, slot >= 0 && j < phase.colsUsed[slot] ? b[phase.colBase[slot] + j] : 0);
            }
            long y = e - drainAfter;
            boolean drain = y >= 0 && y % period == 0 && y / period < folds;
            arr.setDrain(drain, drain ? (int) ((y / period) & 1) : 0);
            arr.step();
            for (int j = 0; j < c; j++) {
                if (!arr.southValid(j)) {
                    continue;
                }
                long q = got[j]++;
                long g = q / r;
                int row = r - 1 - (int) (q % r);
                long fr = g / colFolds;
                long fc = g % colFolds;
                if (row < plan.rowsUsed(fr) && j < plan.colsUsed(fc)) {
                    out[(int) ((fr * r + row) * n + fc * c + j)] = arr.southData(j);
                }
                collected++;
            }
            e++;
        }
        return new MatmulRun(e, arr.macs(), folds, out);
    }

    private static MatmulRun weightStationary(Matmul p, FoldPlan plan, SystolicPins arr, LongConsumer progress) {
        final int r = plan.rows();
        final int c = plan.cols();
        final int m = p.m();
        final int n = p.n();
        final int k = p.k();
        final int[] a = p.a();
        final int[] b = p.b();
        final boolean floating = p.dtype().floating();
        final long folds = plan.folds();
        final long rowFolds = plan.rowFolds();
        final long period = plan.period();
        // Fold f (K fold kr inner, column fold outer), offset t: row i carries A[t][kr*R + i].
        StreamPhase phase = new StreamPhase(r, period, m, folds, (f, t, g) -> {
            long kr = f % rowFolds;
            g.rowBase = (int) (t * (long) k + kr * r);
            g.rowsUsed = plan.rowsUsed(kr);
        });
        long[] out = new long[Math.multiplyExact(m, n)];
        float[] outF = floating ? new float[out.length] : null;
        long[] got = new long[c];
        long expected = folds * m * c;
        long collected = 0;
        long guard = folds * (period + plan.foldCycles()) + 1;
        long e = 0;
        while (collected < expected) {
            if (e > guard) {
                throw new IllegalStateException("array produced " + collected + " of " + expected + " results");
            }
            if (progress != null && (e & 0xFFFF) == 0) {
                progress.accept(e);
            }
            // Preload of fold f on edges f*P .. f*P + R - 1, last weight row first.
            long lf = e / period;
            int q = (int) Math.min(e - lf * period, Integer.MAX_VALUE);
            boolean load = lf < folds && q < r;
            arr.setWeightLoad(load, (int) (lf & 1));
            long lkr = lf % rowFolds;
            long lnc = lf / rowFolds;
            for (int j = 0; j < c; j++) {
                int wr = r - 1 - q;
                if (load && wr < plan.rowsUsed(lkr) && j < plan.colsUsed(lnc)) {
                    arr.setNorth(j, b[(int) ((lkr * r + wr) * n + lnc * c + j)]);
                } else {
                    arr.setNorth(j, 0);
                }
            }
            // Streaming of fold f starts at edge R + f*P, row i i edges later.
            long x0 = e - r;
            phase.advanceTo(x0);
            for (int i = 0; i < r; i++) {
                int slot = phase.slot(x0 - i);
                if (slot < 0) {
                    arr.setWest(i, 0, false, 0);
                } else if (i < phase.rowsUsed[slot]) {
                    arr.setWest(i, a[phase.rowBase[slot] + i], true, phase.bank[slot]);
                } else {
                    arr.setWest(i, 0, false, phase.bank[slot]);
                }
            }
            arr.step();
            for (int j = 0; j < c; j++) {
                if (!arr.southValid(j)) {
                    continue;
                }
                long idx = got[j]++;
                long g = idx / m;
                int t = (int) (idx % m);
                long kr = g % rowFolds;
                long nc = g / rowFolds;
                if (j < plan.colsUsed(nc)) {
                    int at = (int) (t * (long) n + nc * c + j);
                    long v = arr.southData(j);
                    // Partial sums of the K-folds are added in fold order, the first taken as is.
                    if (floating) {
                        float pv = Float.intBitsToFloat((int) v);
                        outF[at] = kr == 0 ? pv : outF[at] + pv;
                    } else {
                        out[at] = kr == 0 ? v : out[at] + v;
                    }
                }
                collected++;
            }
            e++;
        }
        finish(out, outF, p.dtype());
        return new MatmulRun(e, arr.macs(), folds, out);
    }

    private static void finish(long[] out, float[] outF, DType dtype) {
        for (int i = 0; i < out.length; i++) {
            if (outF != null) {
                out[i] = Float.floatToRawIntBits(outF[i]) & 0xFFFF_FFFFL;
            } else if (dtype == DType.INT8) {
                out[i] = (int) out[i];
            }
        }
    }

    static int[] transpose(int[] x, int rows, int cols) {
        int[] t = new int[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    private static long[] transposeLong(long[] x, int rows, int cols) {
        long[] t = new long[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    /** Where a fold's operands come from at stream offset t; filled once per stream position. */
    private static final class Geometry {
        int rowBase;
        int rowsUsed;
        int colBase;
        int colsUsed;
    }

    @FunctionalInterface
    private interface Describer {
        void describe(long fold, int offset, Geometry into);
    }

    /**
     * What the stream carries at each of the last few positions x (edges since streaming began):
     * rows and columns read it i edges late. Worked out once per edge, kept in a ring, so the feeder
     * does no division per row.
     */
    private static final class StreamPhase {
        final int[] rowBase;
        final int[] rowsUsed;
        final int[] colBase;
        final int[] colsUsed;
        final int[] bank;
        private final boolean[] active;
        private final int mask;
        private final long period;
        private final int streamed;
        private final long folds;
        private final Describer describer;
        private final Geometry g = new Geometry();
        private long next;
        private long curFold;
        private long curOffset;

        StreamPhase(int lookBack, long period, int streamed, long folds, Describer describer) {
            int size = Integer.highestOneBit(Math.max(1, lookBack - 1)) << 1;
            this.mask = size - 1;
            this.rowBase = new int[size];
            this.rowsUsed = new int[size];
            this.colBase = new int[size];
            this.colsUsed = new int[size];
            this.bank = new int[size];
            this.active = new boolean[size];
            this.period = period;
            this.streamed = streamed;
            this.folds = folds;
            this.describer = describer;
        }

        /** Records positions up to x (x grows by one per edge; negative x is before the start). */
        void advanceTo(long x) {
            while (next <= x) {
                int s = (int) (next & mask);
                active[s] = curFold < folds && curOffset < streamed;
                if (active[s]) {
                    describer.describe(curFold, (int) curOffset, g);
                    rowBase[s] = g.rowBase;
                    rowsUsed[s] = g.rowsUsed;
                    colBase[s] = g.colBase;
                    colsUsed[s] = g.colsUsed;
                    bank[s] = (int) (curFold & 1);
                }
                next++;
                if (++curOffset == period) {
                    curOffset = 0;
                    curFold++;
                }
            }
        }

        /** The ring slot describing position x, or -1 when no fold streams there. */
        int slot(long x) {
            if (x < 0) {
                return -1;
            }
            int s = (int) (x & mask);
            return active[s] ? s : -1;
        }
    }
}

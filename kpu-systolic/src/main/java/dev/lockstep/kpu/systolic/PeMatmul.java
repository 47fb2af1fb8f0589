package dev.lockstep.kpu.systolic;

/**
 * Runs a product on the register-level {@link SystolicArray}: the feeder of docs/systolic.md (skewed
 * injection, preload, drain, banks alternating by fold) on the periodic fold schedule of
 * {@link FoldPlan#period()}, collecting results whenever a south_valid pin says so. Cycles are counted
 * from the array's outputs (the edge after which the last valid result left it), not from the
 * closed form, so comparing them with {@link FoldPlan#cycles()} tests the derivation.
 */
public final class PeMatmul {
    private PeMatmul() {}

    public static MatmulRun run(Matmul p, int rows, int cols, Dataflow dataflow, Overlap overlap) {
        FoldPlan plan = new FoldPlan(rows, cols, dataflow, overlap, p.m(), p.n(), p.k());
        return switch (dataflow) {
            case OS -> outputStationary(p, plan);
            case WS -> weightStationary(p, plan);
            case IS -> {
                // IS = WS with A transposed stationary and B transposed streamed; it yields C transposed.
                Matmul swapped = new Matmul(p.n(), p.m(), p.k(), p.dtype(), transpose(p.b(), p.k(), p.n()),
                        transpose(p.a(), p.m(), p.k()));
                MatmulRun r = weightStationary(swapped,
                        new FoldPlan(rows, cols, Dataflow.WS, overlap, p.n(), p.m(), p.k()));
                yield new MatmulRun(r.cycles(), r.macs(), r.folds(), transposeLong(r.c(), p.n(), p.m()));
            }
        };
    }

    private static MatmulRun outputStationary(Matmul p, FoldPlan plan) {
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
        SystolicArray arr = new SystolicArray(r, c, Dataflow.OS, p.dtype());
        StreamPhase phase = new StreamPhase(Math.max(r, c), period, k, folds);
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
            phase.advanceTo(e);
            for (int i = 0; i < r; i++) {
                long f = phase.fold(e - i);
                if (f < 0) {
                    arr.setWest(i, 0, false, 0);
                    continue;
                }
                long fr = f / colFolds;
                int bank = (int) (f & 1);
                if (i < plan.rowsUsed(fr)) {
                    arr.setWest(i, a[(int) ((fr * r + i) * k + phase.offset(e - i))], true, bank);
                } else {
                    arr.setWest(i, 0, false, bank);
                }
            }
            for (int j = 0; j < c; j++) {
                long f = phase.fold(e - j);
                long fc = f < 0 ? 0 : f % colFolds;
                if (f >= 0 && j < plan.colsUsed(fc)) {
                    arr.setNorth(j, b[(int) (phase.offset(e - j) * n + fc * c + j)]);
                } else {
                    arr.setNorth(j, 0);
                }
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

    private static MatmulRun weightStationary(Matmul p, FoldPlan plan) {
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
        SystolicArray arr = new SystolicArray(r, c, Dataflow.WS, p.dtype());
        StreamPhase phase = new StreamPhase(r, period, m, folds);
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
                long f = phase.fold(x0 - i);
                if (f < 0) {
                    arr.setWest(i, 0, false, 0);
                    continue;
                }
                long kr = f % rowFolds;
                int bank = (int) (f & 1);
                if (i < plan.rowsUsed(kr)) {
                    arr.setWest(i, a[(int) (phase.offset(x0 - i) * k + kr * r + i)], true, bank);
                } else {
                    arr.setWest(i, 0, false, bank);
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

    /**
     * Which fold and stream offset t a stream position x (edges since streaming began) carries, for
     * the last few positions: rows and columns read it i edges late. One increment per edge instead of
     * a division per row.
     */
    private static final class StreamPhase {
        private final int mask;
        private final long[] fold;
        private final int[] offset;
        private final long period;
        private final int streamed;
        private final long folds;
        private long next;
        private long curFold;
        private long curOffset;

        StreamPhase(int lookBack, long period, int streamed, long folds) {
            int size = Integer.highestOneBit(Math.max(1, lookBack - 1)) << 1;
            this.mask = size - 1;
            this.fold = new long[size];
            this.offset = new int[size];
            this.period = period;
            this.streamed = streamed;
            this.folds = folds;
        }

        /** Records position x (called with x increasing by one per edge; negative x is before the start). */
        void advanceTo(long x) {
            if (x < 0) {
                return;
            }
            while (next <= x) {
                boolean active = curFold < folds && curOffset < streamed;
                fold[(int) (next & mask)] = active ? curFold : -1;
                offset[(int) (next & mask)] = (int) curOffset;
                next++;
                if (++curOffset == period) {
                    curOffset = 0;
                    curFold++;
                }
            }
        }

        /** The fold streaming at position x, or -1 when none is (x before the start or in a gap). */
        long fold(long x) {
            return x < 0 ? -1 : fold[(int) (x & mask)];
        }

        int offset(long x) {
            return offset[(int) (x & mask)];
        }
    }
}

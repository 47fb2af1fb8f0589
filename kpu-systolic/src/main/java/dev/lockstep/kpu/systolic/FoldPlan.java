package dev.lockstep.kpu.systolic;

/**
 * How an M x N x K product (C = A x B, A M x K, B K x N) folds onto an R x C array, and the
 * closed-form timing of that schedule (the transaction-level model). Derivations: docs/systolic.md,
 * section "Folding".
 *
 * <p>Mapping (as SCALE-Sim): OS puts M on rows, N on columns and streams K; WS puts K on rows, N on
 * columns and streams M; IS puts K on rows, M on columns and streams N.
 */
public record FoldPlan(int rows, int cols, Dataflow dataflow, Overlap overlap, int m, int n, int k) {

    public FoldPlan {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("array must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("m, n and k must be at least 1, got " + m + ", " + n + ", " + k);
        }
    }

    /** Extent of the problem laid along the array's rows. */
    public int spatialRows() {
        return dataflow == Dataflow.OS ? m : k;
    }

    /** Extent laid along the columns. */
    public int spatialCols() {
        return dataflow == Dataflow.IS ? m : n;
    }

    /** T: operand vectors streamed through one fold. */
    public int streamed() {
        return switch (dataflow) {
            case OS -> k;
            case WS -> m;
            case IS -> n;
        };
    }

    public long rowFolds() {
        return ceilDiv(spatialRows(), rows);
    }

    public long colFolds() {
        return ceilDiv(spatialCols(), cols);
    }

    public long folds() {
        return rowFolds() * colFolds();
    }

    /** Rows used by row fold fr (all but the last use every row). */
    public int rowsUsed(long fr) {
        return (int) Math.min(rows, spatialRows() - fr * rows);
    }

    public int colsUsed(long fc) {
        return (int) Math.min(cols, spatialCols() - fc * cols);
    }

    /**
     * Edges of one fold alone, from its first input edge to the edge after which its last result is
     * out: OS T + R + C - 2 computing plus R draining; WS and IS R preloading plus T + R + C - 2.
     */
    public long foldCycles() {
        return (long) streamed() + 2L * rows + cols - 2;
    }

    /**
     * Edges between the starts of consecutive folds. Native OS: max(T, R, ceil((T + R + C - 2) / 2)),
     * native WS/IS: max(T, R, ceil((T + 2R + C - 3) / 2)); SCALE-Sim: OS T + R + C - 2, WS/IS
     * 2R + C + T - 2.
     */
    public long period() {
        long t = streamed();
        long r = rows;
        long c = cols;
        boolean os = dataflow == Dataflow.OS;
        if (overlap == Overlap.SCALESIM) {
            return os ? t + r + c - 2 : 2 * r + c + t - 2;
        }
        long bankReuse = os ? t + r + c - 2 : t + 2 * r + c - 3;
        return Math.max(Math.max(t, r), ceilDiv(bankReuse, 2));
    }

    /** Edges of the whole operation: (folds - 1) * period + one fold. */
    public long cycles() {
        return (folds() - 1) * period() + foldCycles();
    }

    /**
     * The number SCALE-Sim v2 reports as Total Cycles for this layer, defined in SCALE-Sim mode only:
     * folds * per-fold - 1 (a 0-based index), i.e. {@link #cycles()} - 1 for WS/IS and
     * {@link #cycles()} - R - 1 for OS, whose last drain SCALE-Sim does not count.
     */
    public long scalesimTotalCycles() {
        if (overlap != Overlap.SCALESIM) {
            throw new IllegalStateException("SCALE-Sim's total is defined for the scalesim overlap mode only");
        }
        return folds() * period() - 1;
    }

    public long macs() {
        return (long) m * n * k;
    }

    /** MACs / (cycles x R x C). */
    public double utilization() {
        return (double) macs() / ((double) cycles() * rows * cols);
    }

    /** Mean over folds of the fraction of PEs mapped (SCALE-Sim's Mapping Efficiency / 100). */
    public double mappingEfficiency() {
        return (double) spatialRows() * spatialCols() / ((double) folds() * rows * cols);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;

import java.util.Arrays;

/**
 * T-GEMV and T-GEMM mapped as in tfmbs.md 4.2, generalised to any size. Output row r goes to pass
 * r / (tiles x lanes), tile (r mod tiles x lanes) / lanes, lane r mod lanes. A tile's weight bank holds
 * W transposed: word d = column d, one row per lane; its input bank holds x[d] replicated in every
 * lane of word d. A frame of DEPTH = columns leaves y[r] in row r's lane.
 *
 * <p>Columns are cut into segments (all of them for GEMV, or given by the caller, e.g. LSTM's [x; h])
 * and segments longer than a bank into chunks of at most 4096 words; each chunk is one frame, and every
 * frame after a pass's first carries BIAS_EN so the lanes keep accumulating. When all columns fit in a
 * bank (C &lt;= 4096), chunk k sits at its column offset and the whole of W^T stays resident for the
 * pass: only inputs are reloaded between output columns. Otherwise each chunk is loaded at word 0 before
 * its frame. GEMM runs one GEMV per column of X, pass by pass, so with C &lt;= 4096 weights load once
 * per pass.
 * Unused tiles of the last pass are masked off; a partly filled tile computes zero rows in its spare
 * lanes (they count as ops, and as skips under ZERO_SKIP), unless the pass fits one tile, where
 * LANE_COUNT trims them.
 *
 * <p>An instance remembers which W (by identity) and which pass or chunk each tile's weight bank holds,
 * so successive calls with the same W (LSTM time steps, attention queries) reuse resident weights.
 */
public final class TernaryGemm {
    private final FabricSession session;
    private final Object[] weightOwner;
    private final long[] weightKey;

    public TernaryGemm(FabricSession session) {
        this.session = session;
        weightOwner = new Object[session.tiles()];
        weightKey = new long[session.tiles()];
    }

    /** y = W x with zero-skip on, kernel id TGEMM; W is R x C of trits, x has C trits. */
    public static int[] gemv(FabricSession session, int[][] w, int[] x) {
        return new TernaryGemm(session).gemv(w, x, Hints.OP_TGEMM | Hints.ZERO_SKIP, null);
    }

    /** y = W x with the given hints and frame splits (see {@link #gemm}). */
    public int[] gemv(int[][] w, int[] x, int hints, int[] segmentEnds) {
        int[][] y = gemm(w, new int[][] {x}, hints, segmentEnds);
        int[] out = new int[y.length];
        for (int r = 0; r < y.length; r++) {
            out[r] = y[r][0];
        }
        return out;
    }

    /**
     * Y = W X for the columns {@code xColumns[n]} of X (each C trits); returns Y as R rows of N values.
     *
     * @param hints        the frame hints (op, ZERO_SKIP); BIAS_EN is added by the mapping
     * @param segmentEnds  increasing column indices ending with C where frames must split (null: none)
     */
    public int[][] gemm(int[][] w, int[][] xColumns, int hints, int[] segmentEnds) {
        int rows = w.length;
        if (rows == 0 || xColumns.length == 0) {
            throw new IllegalArgumentException("GEMM needs at least one row and one column of X");
        }
        int cols = w[0].length;
        for (int[] row : w) {
            checkTrits(row, cols, "W row");
        }
        for (int[] x : xColumns) {
            checkTrits(x, cols, "x");
        }
        int[][] chunks = chunks(cols, segmentEnds);
        boolean resident = cols <= FrameRegisters.BANK_WORDS;
        int tiles = session.tiles();
        int lanes = session.lanes();
        int rowsPerPass = tiles * lanes;
        int passes = (rows + rowsPerPass - 1) / rowsPerPass;
        LaneWords words = new LaneWords(session.backend().mapping());
        long[] inputKey = new long[tiles];
        Arrays.fill(inputKey, -1);
        int[][] y = new int[rows][xColumns.length];
        int baseHints = hints & ~Hints.BIAS_EN;
        for (int p = 0; p < passes; p++) {
            int firstRow = p * rowsPerPass;
            int passRows = Math.min(rowsPerPass, rows - firstRow);
            int usedTiles = (passRows + lanes - 1) / lanes;
            int laneCount = usedTiles == 1 ? passRows : lanes;
            int tileMask = (int) ((1L << usedTiles) - 1);
            for (int n = 0; n < xColumns.length; n++) {
                for (int k = 0; k < chunks.length; k++) {
                    int start = chunks[k][0];
                    int length = chunks[k][1];
                    int base = resident ? start : 0;
                    long wKey = resident ? p : (long) p * chunks.length + k;
                    long xKey = resident ? n : (long) n * chunks.length + k;
                    for (int t = 0; t < usedTiles; t++) {
                        if (weightOwner[t] != w || weightKey[t] != wKey) {
                            int from = resident ? 0 : start;
                            int to = resident ? cols : start + length;
                            loadWeights(session, words, w, t, firstRow + t * lanes, lanes, from, to, resident ? 0 : start);
                            weightOwner[t] = w;
                            weightKey[t] = wKey;
                        }
                        if (inputKey[t] != xKey) {
                            int from = resident ? 0 : start;
                            int to = resident ? cols : start + length;
                            for (int c = from; c < to; c++) {
                                session.loadInput(t, c - (resident ? 0 : start), words.replicated(xColumns[n][c]));
                            }
                            inputKey[t] = xKey;
                        }
                    }
                    int frameHints = k == 0 ? baseHints : baseHints | Hints.BIAS_EN;
                    FrameResult r = session.run(new FrameRegisters(base, length, 1, frameHints, laneCount,
                            (1L << lanes) - 1, tileMask));
                    if (k == chunks.length - 1) {
                        for (int i = 0; i < passRows; i++) {
                            y[firstRow + i][n] = r.result(i / lanes, i % lanes);
                        }
                    }
                }
            }
        }
        return y;
    }

    private static void loadWeights(FabricSession session, LaneWords words, int[][] w, int tile, int firstRow,
                                    int lanes, int from, int to, int offset) {
        for (int c = from; c < to; c++) {
            words.clear();
            for (int l = 0; l < lanes && firstRow + l < w.length; l++) {
                words.set(l, w[firstRow + l][c]);
            }
            session.loadWeight(tile, c - offset, words.word());
        }
    }

    /** [start, length] of each frame's columns: segments cut further at the bank size. */
    private static int[][] chunks(int cols, int[] segmentEnds) {
        int[] ends = segmentEnds == null ? new int[] {cols} : segmentEnds;
        if (ends.length == 0 || ends[ends.length - 1] != cols) {
            throw new IllegalArgumentException("segment ends must end with the column count " + cols);
        }
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int start = 0;
        for (int end : ends) {
            if (end <= start) {
                throw new IllegalArgumentException("segment ends must increase from 1, got " + Arrays.toString(ends));
            }
            for (int s = start; s < end; s += FrameRegisters.BANK_WORDS) {
                out.add(new int[] {s, Math.min(FrameRegisters.BANK_WORDS, end - s)});
            }
            start = end;
        }
        return out.toArray(new int[0][]);
    }

    static void checkTrits(int[] v, int length, String what) {
        if (v.length != length) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, expected " + length);
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] < -1 || v[i] > 1) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + v[i] + " is not a trit");
            }
        }
    }
}

package dev.lockstep.cosim;

import dev.lockstep.sim.random.SplitMix64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Random folds for the systolic array, driven through its pins exactly as the feeder of
 * docs/systolic.md ("The feeder's schedule for one fold") drives them: skewed operands, drain (OS)
 * or last-row-first weight preload (WS), banks alternating fold by fold.
 *
 * <p>The fold plan (start edge, streamed length T, rows and columns used, operand distribution) is
 * drawn up front from the seed, so the run's length is known before it starts; operand values are
 * drawn as the pins need them from a second generator. Folds follow each other at random distances
 * from the tightest the contract allows (the next fold's operands right behind the previous one's,
 * a bank reused as soon as its drain or last weight read has happened, drains R edges apart, preloads
 * back to back) to long idle gaps. Now and then a fold is preceded by an interlude: every pin random
 * for a while (MACs and drains or weight loads on junk, banks filled with it) and/or a reset of 1 to
 * 3 cycles; rarely a reset hits in the middle of a fold. Reset is held in cycles 0 and 1.
 *
 * <p>Input order (the schema of {@link SystolicCosim}): reset, west_data_0..R-1, west_valid_0..R-1,
 * west_bank_0..R-1, north_data_0..C-1, then drain, drain_bank (OS) or wload, wload_bank (WS).
 */
final class SystolicStimulus implements Stimulus {
    /** Operand distributions: uniform bytes, the extremes of int8 (products up to +16384), mostly zeros. */
    static final int UNIFORM = 0;
    static final int EXTREMES = 1;
    static final int SPARSE = 2;
    private static final int[] EXTREME_VALUES = {0x80, 0x7F, 0xFF, 0x00, 0x01, 0x81};

    private final int rows;
    private final int cols;
    private final boolean os;
    private final int folds;
    // The plan, one entry per fold. start: OS the edge row 0's first operand goes in; WS the first
    // streaming edge u (its preload takes the R edges before).
    private final long[] start;
    private final int[] streamed;
    private final int[] rowsUsed;
    private final int[] colsUsed;
    private final int[] kind;
    // Reset and all-random windows [from, to), sorted by from.
    private final long[] resetFrom;
    private final long[] resetTo;
    private final long[] noiseFrom;
    private final long[] noiseTo;
    private final long cycles;

    private final SplitMix64 data;
    private int firstLive;
    private int resetAt;
    private int noiseAt;

    SystolicStimulus(int rows, int cols, boolean outputStationary, int folds, long seed) {
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be >= 1, got " + folds);
        }
        this.rows = rows;
        this.cols = cols;
        this.os = outputStationary;
        this.folds = folds;
        start = new long[folds];
        streamed = new int[folds];
        rowsUsed = new int[folds];
        colsUsed = new int[folds];
        kind = new int[folds];
        List<long[]> resets = new ArrayList<>();
        List<long[]> noise = new ArrayList<>();
        resets.add(new long[] {0, 2});
        plan(new SplitMix64(seed), resets, noise);
        resets.sort(Comparator.comparingLong(w -> w[0]));
        resetFrom = resets.stream().mapToLong(w -> w[0]).toArray();
        resetTo = resets.stream().mapToLong(w -> w[1]).toArray();
        noiseFrom = noise.stream().mapToLong(w -> w[0]).toArray();
        noiseTo = noise.stream().mapToLong(w -> w[1]).toArray();
        cycles = end(folds - 1) + 2;
        data = new SplitMix64(seed ^ 0x5EED_DA7A_0F0F_F0F0L);
    }

    /** Cycles that run every fold to its last result, plus two. */
    long cycles() {
        return cycles;
    }

    int folds() {
        return folds;
    }

    long start(int f) {
        return start[f];
    }

    int streamed(int f) {
        return streamed[f];
    }

    int rowsUsed(int f) {
        return rowsUsed[f];
    }

    int colsUsed(int f) {
        return colsUsed[f];
    }

    int kind(int f) {
        return kind[f];
    }

    int resetWindows() {
        return resetFrom.length;
    }

    int noiseWindows() {
        return noiseFrom.length;
    }

    /** OS: the drain edge s + T + R + C - 2. */
    long drainEdge(int f) {
        return start[f] + streamed[f] + rows + cols - 2;
    }

    /** First cycle after fold f's last result has left the array. */
    long end(int f) {
        return os ? drainEdge(f) + rows : start[f] + streamed[f] + rows + cols - 2;
    }

    /** First edge on which fold f drives a pin. */
    private long pinStart(int f) {
        return os ? start[f] : start[f] - rows;
    }

    /** Last edge on which fold f drives a pin: OS its drain, WS its last operand on row R-1. */
    private long pinEnd(int f) {
        return os ? drainEdge(f) : start[f] + streamed[f] + rows - 2;
    }

    private void plan(SplitMix64 rng, List<long[]> resets, List<long[]> noise) {
        final int r = rows;
        final int c = cols;
        for (int f = 0; f < folds; f++) {
            int t = pickStreamed(rng);
            streamed[f] = t;
            rowsUsed[f] = rng.nextInt(10) < 6 ? r : 1 + rng.nextInt(r);
            colsUsed[f] = rng.nextInt(10) < 6 ? c : 1 + rng.nextInt(c);
            kind[f] = rng.nextInt(10) < 6 ? UNIFORM : rng.nextInt(2) == 0 ? EXTREMES : SPARSE;
            long earliest;
            if (f == 0) {
                earliest = os ? 2 : 2 + r;
            } else if (os) {
                // Operands right behind the previous fold's; drains R apart.
                earliest = Math.max(start[f - 1] + streamed[f - 1], start[f - 1] + streamed[f - 1] + r - t);
                if (f >= 2) {
                    earliest = Math.max(earliest, drainEdge(f - 2)); // the bank's old contents drained first
                }
            } else {
                earliest = Math.max(start[f - 1] + streamed[f - 1], start[f - 1] + r); // stream, preload back to back
                if (f >= 2) {
                    // This fold's preload shifts the bank of fold f-2 only after its last weight read.
                    earliest = Math.max(earliest, start[f - 2] + streamed[f - 2] + r + c - 3 + r);
                }
            }
            int gap = rng.nextInt(100);
            if (f > 0 && gap >= 94) {
                earliest = interlude(rng, end(f - 1), resets, noise) + (os ? 0 : r);
            } else if (gap >= 86) {
                earliest += rng.nextInt(3 * (r + c));
            } else if (gap >= 60) {
                earliest += 1 + rng.nextInt(r);
            }
            start[f] = earliest;
            if (f > 0 && rng.oneIn(100)) {
                long at = pinStart(f) + rng.nextInt((int) (end(f) - pinStart(f)));
                resets.add(new long[] {at, at + 1});
            }
        }
    }

    /** Up to 1 + 4(R + C) all-random cycles and/or a reset of 1..3 cycles from {@code from}; returns where it ends. */
    private long interlude(SplitMix64 rng, long from, List<long[]> resets, List<long[]> noise) {
        long at = from;
        int what = rng.nextInt(3);
        if (what != 1) {
            long len = 1 + rng.nextInt(4 * (rows + cols));
            noise.add(new long[] {at, at + len});
            at += len;
        }
        if (what != 0) {
            long len = 1 + rng.nextInt(3);
            resets.add(new long[] {at, at + len});
            at += len;
        }
        return at;
    }

    /** T from 1 up to 3 max(R, C): short folds (T < R) and long ones both occur. */
    private int pickStreamed(SplitMix64 rng) {
        int side = Math.max(rows, cols);
        return switch (rng.nextInt(4)) {
            case 0 -> 1 + rng.nextInt(Math.max(1, side / 2));
            case 1 -> side;
            default -> 1 + rng.nextInt(3 * side);
        };
    }

    @Override
    public void next(long e, long[] in) {
        final int r = rows;
        final int c = cols;
        final int validAt = 1 + r;
        final int bankAt = 1 + 2 * r;
        final int northAt = 1 + 3 * r;
        final int ctlAt = northAt + c;
        Arrays.fill(in, 0);
        while (firstLive < folds && pinEnd(firstLive) < e) {
            firstLive++;
        }
        for (int f = firstLive; f < folds && pinStart(f) <= e; f++) {
            long s = start[f];
            int t = streamed[f];
            int bank = f & 1;
            for (int i = 0; i < r; i++) {
                long x = e - s - i;
                if (x >= 0 && x < t) {
                    boolean used = i < rowsUsed[f];
                    in[1 + i] = used ? draw(kind[f]) : 0;
                    in[validAt + i] = used ? 1 : 0;
                    in[bankAt + i] = bank;
                }
            }
            if (os) {
                for (int j = 0; j < c; j++) {
                    long x = e - s - j;
                    if (x >= 0 && x < t) {
                        in[northAt + j] = j < colsUsed[f] ? draw(kind[f]) : 0;
                    }
                }
                if (e == drainEdge(f)) {
                    in[ctlAt] = 1;
                    in[ctlAt + 1] = bank;
                }
            } else {
                long q = e - (s - r);
                if (q >= 0 && q < r) {
                    in[ctlAt] = 1;
                    in[ctlAt + 1] = bank;
                    boolean rowUsed = r - 1 - q < rowsUsed[f]; // the last weight row goes in first
                    for (int j = 0; j < c; j++) {
                        in[northAt + j] = rowUsed && j < colsUsed[f] ? draw(kind[f]) : 0;
                    }
                }
            }
        }
        while (noiseAt < noiseFrom.length && noiseTo[noiseAt] <= e) {
            noiseAt++;
        }
        if (noiseAt < noiseFrom.length && noiseFrom[noiseAt] <= e) {
            for (int k = 1; k < in.length; k++) {
                in[k] = data.nextLong(); // the runner cuts each value to its signal's width
            }
        }
        while (resetAt < resetFrom.length && resetTo[resetAt] <= e) {
            resetAt++;
        }
        in[0] = resetAt < resetFrom.length && resetFrom[resetAt] <= e ? 1 : 0;
    }

    private long draw(int kind) {
        return switch (kind) {
            case EXTREMES -> EXTREME_VALUES[data.nextInt(EXTREME_VALUES.length)];
            case SPARSE -> data.nextInt(4) == 0 ? data.nextLong() & 0xFF : 0;
            default -> data.nextLong() & 0xFF;
        };
    }
}

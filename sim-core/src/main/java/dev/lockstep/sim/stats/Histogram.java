package dev.lockstep.sim.stats;

import java.util.Arrays;

/**
 * Counts of values in fixed buckets. Bounds b0 < b1 < ... < bk give k buckets [b(i), b(i+1)); values
 * below b0 count as underflow, values at or above bk as overflow. Obtain from {@link
 * Stats#histogram(String, long...)}.
 */
public final class Histogram {
    private final long[] bounds;
    private final long[] counts;
    private long underflow;
    private long overflow;
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    Histogram(long[] bounds) {
        if (bounds.length < 2) {
            throw new IllegalArgumentException("a histogram needs at least 2 bounds, got " + bounds.length);
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("histogram bounds must increase: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length - 1];
    }

    public void record(long value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (value < bounds[0]) {
            underflow++;
        } else if (value >= bounds[bounds.length - 1]) {
            overflow++;
        } else {
            // Largest i with bounds[i] <= value; binarySearch returns -(insertion point) - 1 on a miss.
            int i = Arrays.binarySearch(bounds, value);
            counts[i >= 0 ? i : -i - 2]++;
        }
    }

    /** Count in bucket {@code i}, i.e. [bounds[i], bounds[i + 1]). */
    public long bucket(int i) {
        return counts[i];
    }

    public int buckets() {
        return counts.length;
    }

    public long underflow() {
        return underflow;
    }

    public long overflow() {
        return overflow;
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    /** Smallest value recorded; only meaningful when {@link #count()} > 0. */
    public long min() {
        return min;
    }

    /** Largest value recorded; only meaningful when {@link #count()} > 0. */
    public long max() {
        return max;
    }

    boolean hasBounds(long[] other) {
        return Arrays.equals(bounds, other);
    }

    long[] bounds() {
        return bounds.clone();
    }
}

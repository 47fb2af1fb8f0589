package dev.lockstep.sim;

import java.util.Arrays;

/**
 * Pending events as a radix heap on time, with the events of the current time in a small binary heap
 * on order (phase above insertion sequence), so firing order is exactly (time, phase, sequence).
 *
 * <p>Why a radix heap: simulated time never goes back (the simulation rejects events before now), and
 * that is all a radix heap needs. With {@code last} the latest time popped, an event goes to the
 * bucket named by the highest 4-bit digit where its time differs from {@code last} (level) and its
 * value of that digit; buckets in (level, digit) order are in time order. Pushing is an append. When
 * the current time is used up, the lowest non-empty bucket is swept for its minimum, which becomes
 * {@code last}, and its events are re-appended into strictly lower levels. Every access is a
 * sequential sweep over one bucket, so unlike a heap the cost does not grow with cache misses as the
 * number of pending events grows. Why 4-bit digits: an event moves at most once per level; with one
 * bit per level the hold benchmark moved each event 8-10 times, with 4 bits 5-6 (counting its push
 * and its final move into the current-time heap). 6-bit digits moved it 4-5 times but measured slower
 * at 10^5 pending (more, sparser buckets).
 *
 * <p>Why the current time has its own heap: events equal to {@code last} still need (phase, sequence)
 * order, arrive out of order from a sweep, and may be added while that time fires (zero delay).
 *
 * <p>Entries are four longs side by side (time, order, arg, handler): one copy moves a whole event.
 */
final class EventQueue {
    private static final int STRIDE = 4;
    // Times are non-negative, so the highest differing bit is at most 62: 16 levels of 16 digits.
    private static final int BUCKETS = 16 * 16;

    private final long[][] buckets = new long[BUCKETS][];
    /** Used length of each bucket, in longs (STRIDE per entry). */
    private final int[] used = new int[BUCKETS];
    /** Bit b % 64 of word b / 64 set iff bucket b is not empty; lowest set bit = earliest bucket. */
    private final long[] nonEmpty = new long[BUCKETS / 64];
    /** Binary min-heap on order of the events at time {@code last}. */
    private long[] now = new long[STRIDE * 16];
    private int nowUsed;
    /** Every pending event is at or after this time. */
    private long last;
    private int size;

    long firedTime;
    long firedOrder;
    int firedHandler;
    long firedArg;

    EventQueue() {
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] = new long[STRIDE * 4];
        }
    }

    /** Pending events, not counting the one being fired. */
    int size() {
        return size;
    }

    /** {@code time} must be at or after every time already popped. */
    void push(long time, long order, int handler, long arg) {
        size++;
        place(time, order, handler, arg);
    }

    private void place(long time, long order, int handler, long arg) {
        long x = time ^ last;
        if (x == 0) {
            pushNow(order, handler, arg);
            return;
        }
        int shift = (63 - Long.numberOfLeadingZeros(x)) & ~3; // lowest bit of the differing digit
        int b = (shift << 2) | (int) ((time >>> shift) & 15); // level * 16 + digit, level = shift / 4
        long[] a = buckets[b];
        int n = used[b];
        if (n == a.length) {
            a = buckets[b] = Arrays.copyOf(a, 2 * n);
        }
        a[n] = time;
        a[n + 1] = order;
        a[n + 2] = arg;
        a[n + 3] = handler;
        used[b] = n + STRIDE;
        nonEmpty[b >>> 6] |= 1L << b;
    }

    /**
     * Whether every pending event is after {@code time}, which must be after the last time popped.
     * Buckets are in time order, so only a pending event in {@code time}'s own bucket needs a look.
     */
    boolean allAfter(long time) {
        if (nowUsed > 0) {
            return false; // events at the last time popped are pending
        }
        long x = time ^ last;
        int shift = (63 - Long.numberOfLeadingZeros(x)) & ~3;
        int b = (shift << 2) | (int) ((time >>> shift) & 15);
        for (int w = 0; w < nonEmpty.length; w++) {
            long bits = nonEmpty[w];
            if (bits != 0) {
                int lowest = (w << 6) | Long.numberOfTrailingZeros(bits);
                if (lowest != b) {
                    return lowest > b;
                }
                long[] a = buckets[b];
                for (int i = 0, n = used[b]; i < n; i += STRIDE) {
                    if (a[i] <= time) {
                        return false;
                    }
                }
                return true;
            }
        }
        return true;
    }

    /**
     * Removes the earliest event into the fired fields if its time is at most {@code limit}; otherwise
     * leaves the queue as it is (so events before that time may still be pushed) and returns false.
     */
    boolean poll(long limit) {
        if (nowUsed == 0 && !refill(limit)) {
            return false;
        }
        if (last > limit) {
            return false;
        }
        long[] h = now;
        firedTime = last;
        firedOrder = h[1];
        firedArg = h[2];
        firedHandler = (int) h[3];
        int n = nowUsed -= STRIDE;
        if (n > 0) {
            siftDown(h[n + 1], h[n + 2], h[n + 3], n);
        }
        size--;
        return true;
    }

    /** Moves the events of the next pending time into the current-time heap, if it is within limit. */
    private boolean refill(long limit) {
        int w = 0;
        while (nonEmpty[w] == 0) {
            if (++w == nonEmpty.length) {
                return false;
            }
        }
        int b = (w << 6) | Long.numberOfTrailingZeros(nonEmpty[w]);
        long[] a = buckets[b];
        int n = used[b];
        long min = a[0];
        for (int i = STRIDE; i < n; i += STRIDE) {
            min = Math.min(min, a[i]);
        }
        if (min > limit) {
            return false;
        }
        last = min;
        used[b] = 0;
        nonEmpty[w] &= ~(1L << b);
        for (int i = 0; i < n; i += STRIDE) {
            place(a[i], a[i + 1], (int) a[i + 3], a[i + 2]);
        }
        return true;
    }

    private void pushNow(long order, int handler, long arg) {
        long[] h = now;
        int i = nowUsed;
        if (i == h.length) {
            h = now = Arrays.copyOf(h, 2 * i);
        }
        nowUsed = i + STRIDE;
        while (i > 0) {
            int p = ((i - STRIDE) >>> 3) << 2; // parent entry (e - 1) / 2, in longs
            if (h[p + 1] < order) {
                break;
            }
            System.arraycopy(h, p, h, i, STRIDE);
            i = p;
        }
        h[i] = last;
        h[i + 1] = order;
        h[i + 2] = arg;
        h[i + 3] = handler;
    }

    /** Places (order, arg, handler) from the root down, in a heap of n longs. */
    private void siftDown(long order, long arg, long handler, int n) {
        long[] h = now;
        int i = 0;
        while (true) {
            int c = 2 * i + STRIDE; // first child entry 2e + 1, in longs
            if (c >= n) {
                break;
            }
            if (c + STRIDE < n && h[c + STRIDE + 1] < h[c + 1]) {
                c += STRIDE;
            }
            if (order < h[c + 1]) {
                break;
            }
            System.arraycopy(h, c, h, i, STRIDE);
            i = c;
        }
        h[i] = last;
        h[i + 1] = order;
        h[i + 2] = arg;
        h[i + 3] = handler;
    }
}

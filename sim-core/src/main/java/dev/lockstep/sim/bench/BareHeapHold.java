package dev.lockstep.sim.bench;

import dev.lockstep.sim.random.SplitMix64;

/**
 * The hold model with no kernel at all: a binary min-heap of bare {@code long} fire times, the
 * yardstick the reference's "bare binary heap" column stands for. {@code lockstep bench kernel} runs it in
 * the same JVM, alternating with {@link HoldBenchmark}, because on a shared machine only the ratio kernel/bare is
 * meaningful. It must print the same check values as the kernel (same draws, same fire times).
 */
public final class BareHeapHold {
    private BareHeapHold() {
    }

    public static HoldBenchmark.Result run(int pending, long warmup, long measured) {
        if (pending < 1 || warmup < 1 || measured < 1) {
            throw new IllegalArgumentException("hold benchmark needs P, W, E >= 1, got " + pending + ", " + warmup + ", " + measured);
        }
        SplitMix64 rng = new SplitMix64(HoldBenchmark.SEED);
        long range = 2L * pending;
        // 1-based: children of i are 2i and 2i+1.
        long[] heap = new long[pending + 1];
        for (int k = 1; k <= pending; k++) {
            long t = 1 + Long.remainderUnsigned(rng.nextLong(), range);
            int i = k;
            while (i > 1 && heap[i >>> 1] > t) {
                heap[i] = heap[i >>> 1];
                i >>>= 1;
            }
            heap[i] = t;
        }
        long sum = 0;
        long now = 0;
        long startNs = 0;
        long stopAt = warmup + measured;
        for (long fired = 1; fired <= stopAt; fired++) {
            now = heap[1];
            sum += now;
            if (fired == warmup) {
                startNs = System.nanoTime();
            }
            // The fired event's successor replaces the root: one sift-down instead of pop + push.
            long t = now + 1 + Long.remainderUnsigned(rng.nextLong(), range);
            int i = 1;
            int n = pending;
            while (true) {
                int c = 2 * i;
                if (c > n) {
                    break;
                }
                if (c < n && heap[c + 1] < heap[c]) {
                    c++;
                }
                if (t <= heap[c]) {
                    break;
                }
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = t;
        }
        long stopNs = System.nanoTime();
        return new HoldBenchmark.Result(pending, warmup, measured, stopNs - startNs, now, sum);
    }
}

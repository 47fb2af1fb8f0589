package dev.lockstep.fabric.compat;

/**
 * glibc's {@code rand()} after the default {@code srand(1)}: the TYPE_3 additive feedback generator
 * (degree 31, separation 3). The original benchmarks draw their random weights from it, so running it
 * here rebuilds their exact workloads. Seeding: r[0] = 1, r[i] = 16807·r[i-1] mod (2^31 - 1) for i < 31,
 * r[31..33] = r[0..2], then r[i] = r[i-31] + r[i-3] (mod 2^32); the outputs are r[i] >> 1 from i = 344.
 * The first outputs, 1804289383, 846930886, 1681692777, are the well-known first values of rand().
 */
final class GlibcRand {
    static final int RAND_MAX = Integer.MAX_VALUE;

    private final int[] ring = new int[34];
    private int index;

    GlibcRand() {
        int[] r = new int[344];
        r[0] = 1;
        for (int i = 1; i < 31; i++) {
            r[i] = (int) (16807L * r[i - 1] % Integer.MAX_VALUE);
        }
        for (int i = 31; i < 34; i++) {
            r[i] = r[i - 31];
        }
        for (int i = 34; i < 344; i++) {
            r[i] = r[i - 31] + r[i - 3];
        }
        System.arraycopy(r, 344 - 34, ring, 0, 34);
    }

    /** The next rand(), 0..RAND_MAX. */
    int next() {
        // ring holds the last 34 values; slot (index) is r[i-34], so r[i-31] is index+3, r[i-3] is index+31.
        int v = ring[(index + 3) % 34] + ring[(index + 31) % 34];
        ring[index] = v;
        index = (index + 1) % 34;
        return v >>> 1;
    }
}

package dev.lockstep.cosim;

/**
 * Seeded generator for stimulus (Steele, Lea and Flood's SplitMix64 finaliser over a Weyl sequence).
 * Defined here rather than taken from the JDK so a seed gives the same stimulus on every JDK forever.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform in [0, bound) for 1 <= bound < 2^31, by scaling 32 random bits (a multiply, not a
     * division: this runs several times per simulated cycle). The bias, under 2^-32 per value, does
     * not matter for stimulus.
     */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** True with probability 1/n. */
    boolean oneIn(int n) {
        return nextInt(n) == 0;
    }
}

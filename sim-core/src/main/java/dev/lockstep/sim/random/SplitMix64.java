package dev.lockstep.sim.random;

/**
 * The seeded generator of every random thing Lockstep simulates: stimulus, benchmark workloads.
 * SplitMix64 (a Weyl sequence through a 64-bit finaliser), exactly as the kernel benchmark reference
 * defines it; ours rather than the JDK's so a seed gives the same sequence on every JDK, forever.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform in [0, bound) for 1 <= bound < 2^31, by scaling 32 random bits (a multiply, not a
     * division: stimulus draws this several times per simulated cycle). The bias, under 2^-32 per
     * value, does not matter for stimulus.
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** True with probability 1/n. */
    public boolean oneIn(int n) {
        return nextInt(n) == 0;
    }
}

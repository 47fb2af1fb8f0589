package dev.lockstep.sim.bench;

/** The splitmix64 generator exactly as the kernel benchmark reference defines it (64-bit wrap-around). */
public final class SplitMix64 {
    /** The seed the kernel benchmark reference uses. */
    public static final long BENCH_SEED = 0x5EEDC0FFEE123457L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

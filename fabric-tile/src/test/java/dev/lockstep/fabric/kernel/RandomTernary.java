package dev.lockstep.fabric.kernel;

import dev.lockstep.sim.random.SplitMix64;

/** Seeded random ternary data for tests: trits with a given share of zeros, and PT-5 words of them. */
final class RandomTernary {
    private RandomTernary() {
    }

    /** 0 with probability zeroPercent / 100, else -1 or +1 with equal probability. */
    static int trit(SplitMix64 random, int zeroPercent) {
        if (random.nextInt(100) < zeroPercent) {
            return 0;
        }
        return random.nextInt(2) == 0 ? -1 : 1;
    }

    static int[] vector(SplitMix64 random, int n, int zeroPercent) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = trit(random, zeroPercent);
        }
        return v;
    }

    static int[][] matrix(SplitMix64 random, int rows, int cols, int zeroPercent) {
        int[][] m = new int[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = vector(random, cols, zeroPercent);
        }
        return m;
    }

    /** A 24-bit word of 15 mapping-A digits (sign-code: 0, +1 -> 1, -1 -> 2), lane j at byte j/5, digit j%5. */
    static int word(SplitMix64 random, int zeroPercent) {
        int word = 0;
        for (int b = 0; b < 3; b++) {
            int value = 0;
            for (int i = 4; i >= 0; i--) {
                int t = trit(random, zeroPercent);
                value = value * 3 + (t < 0 ? 2 : t);
            }
            word |= value << (8 * b);
        }
        return word;
    }
}

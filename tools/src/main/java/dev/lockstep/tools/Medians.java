package dev.lockstep.tools;

import java.util.Arrays;

/** Benchmarks report medians: one slow run on a shared machine should not move the figure. */
final class Medians {
    private Medians() {}

    static double of(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}

package dev.lockstep.tools.regress;

import java.util.Locale;

/**
 * One number a workload reports, and which way a move of it counts as a regression.
 *
 * @param name      short and stable, e.g. {@code cycles}; with the workload's name it keys the baseline
 * @param value     the number (simulated quantities are exact; they differ only when the model changed)
 * @param direction which moves beyond the tolerance fail the check
 */
public record Metric(String name, double value, Direction direction) {

    /** Which moves of a metric are regressions. */
    public enum Direction {
        /** Any move: cycle counts and other simulated counts; a faster model can also be a wrong one. */
        BOTH,
        /** Only a drop: throughputs and efficiencies, where a rise is an improvement to re-record. */
        DROP;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Direction parse(String s) {
            for (Direction d : values()) {
                if (d.label().equals(s)) {
                    return d;
                }
            }
            return null;
        }
    }

    public Metric {
        if (name == null || !name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("metric name must be lower case letters, digits and _, got " + name);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " must be finite, got " + value);
        }
    }

    /** A count, regressed by a move either way. */
    public static Metric count(String name, double value) {
        return new Metric(name, value, Direction.BOTH);
    }

    /** A rate where more is better, regressed by a drop only. */
    public static Metric rate(String name, double value) {
        return new Metric(name, value, Direction.DROP);
    }
}

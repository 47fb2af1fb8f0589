package dev.lockstep.kpu.scalesim;

/**
 * Python's built-in {@code sum()} over floats, which SCALE-Sim uses to average its per-fold figures. The
 * last digits of the report depend on which CPython ran it: 3.12 changed {@code sum()} to Neumaier's
 * compensated summation (compensation added once at the end); earlier versions add left to right.
 */
public enum PythonSum {
    /** CPython 3.12 and later. */
    NEUMAIER,
    /** CPython 3.11 and earlier. */
    LEFT_TO_RIGHT;

    /** A running sum under this rule. */
    Accumulator start() {
        return new Accumulator(this == NEUMAIER);
    }

    static final class Accumulator {
        private final boolean compensated;
        private double sum;
        private double compensation;

        private Accumulator(boolean compensated) {
            this.compensated = compensated;
        }

        void add(double x) {
            double t = sum + x;
            if (compensated) {
                if (Math.abs(sum) >= Math.abs(x)) {
                    compensation += (sum - t) + x;
                } else {
                    compensation += (x - t) + sum;
                }
            }
            sum = t;
        }

        double sum() {
            return compensation != 0 && Double.isFinite(compensation) ? sum + compensation : sum;
        }
    }
}

package dev.lockstep.cosim;

/**
 * Produces the inputs of each cycle. Deterministic: the same seed gives the same sequence, which
 * is what lets a divergence be reproduced by re-running with the same seed.
 */
public interface Stimulus {
    /** Fills {@code inputs} (schema order) with the values applied before the rising edge of {@code cycle}. */
    void next(long cycle, long[] inputs);
}

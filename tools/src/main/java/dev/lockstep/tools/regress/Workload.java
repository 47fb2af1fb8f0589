package dev.lockstep.tools.regress;

import java.util.List;

/**
 * One deterministic simulation the regression gate re-runs: same code, same numbers. Implementations
 * fix every input (shape, seed, configuration) themselves, so a baseline means one thing.
 */
public interface Workload {
    /** Stable dotted name, e.g. {@code fabric.gemv.dense}; keys the baseline. */
    String name();

    /** One line for people: what runs, on what. */
    String description();

    /** Runs the simulation and returns its metrics, names unique. */
    List<Metric> run();
}

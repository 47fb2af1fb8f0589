package dev.lockstep.cosim;

/** The Java register-level side of a block, seen through its schema. */
public interface CosimModel {
    /** Sets the inputs (schema order) the next edge samples. */
    void apply(long[] inputs);

    /** One rising edge: evaluate every register's next value from current state and inputs, then commit. */
    void step();

    /** Writes the outputs (schema order, unsigned, low {@code width} bits significant) after the edge. */
    void sample(long[] outputs);
}

package dev.lockstep.sim;

/**
 * A block with registers, stepped with register-transfer semantics: on each edge of its clock every
 * block first evaluates its next state from the current state of everything it reads, then all
 * blocks commit. Splitting the edge this way makes the Java model match Verilog cycle for cycle and
 * removes any dependence on the order in which blocks are visited.
 */
public interface Clocked {
    /** Computes the next state from current state only; must not change anything another block can see. */
    void evaluate();

    /** Makes the next state computed by {@link #evaluate()} the current state. */
    void commit();
}

package dev.lockstep.memory.engine;

/**
 * Told when an engine finishes a job (a DMA chain, a block move, a stream); {@link
 * dev.lockstep.sim.Simulation#now()} is the completion time, {@code token} what the submitter passed.
 */
@FunctionalInterface
public interface CompletionListener {
    void done(long token);

    CompletionListener NONE = token -> { };
}

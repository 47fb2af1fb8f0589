package dev.lockstep.sim;

/** A model broke a rule of the kernel (e.g. scheduled into the past); a bug in the model, not bad input. */
public final class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }
}

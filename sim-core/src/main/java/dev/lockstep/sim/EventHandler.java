package dev.lockstep.sim;

/**
 * Reacts to events. A model registers each handler once with {@link Simulation#register} and then
 * schedules events by the returned id, so scheduling carries no object and allocates nothing; the
 * {@code arg} lets one handler serve many targets (an index, a request id, a packed pair).
 */
@FunctionalInterface
public interface EventHandler {
    /** Called when an event scheduled for this handler fires; {@link Simulation#now()} is its time. */
    void onEvent(long arg);
}

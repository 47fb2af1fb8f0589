package dev.lockstep.memory;

/**
 * Told when a memory request it made completes. The simulated time of completion is the simulation's
 * {@code now()}; the tag is whatever the client passed with the request, so one client serves many
 * outstanding requests without an object per request.
 */
@FunctionalInterface
public interface MemoryClient {
    void completed(long tag);
}

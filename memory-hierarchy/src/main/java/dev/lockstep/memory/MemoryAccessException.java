package dev.lockstep.memory;

import dev.lockstep.sim.BadInput;

/**
 * A request names memory that does not exist or may not be used that way: an unmapped address, an
 * access past a region's end, a transfer that crosses regions, an endpoint an engine cannot reach, a
 * block shape that does not fit. Bad input from whoever built the request, not a model bug; the CLI
 * maps it to exit code 2.
 */
public final class MemoryAccessException extends RuntimeException implements BadInput {
    public MemoryAccessException(String message) {
        super(message);
    }
}

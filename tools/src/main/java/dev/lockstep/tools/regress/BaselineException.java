package dev.lockstep.tools.regress;

import dev.lockstep.sim.BadInput;

/** A baseline file that cannot be read or does not fit its suite; the message names the file and where. */
public final class BaselineException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }
}

package dev.lockstep.tools.regress;

/** A baseline file that cannot be read or does not fit its suite; the message names the file and where. */
public final class BaselineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }
}

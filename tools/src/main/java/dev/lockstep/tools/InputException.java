package dev.lockstep.tools;

/** Bad usage or input found by a command itself; the CLI prints the message on one line and exits 2. */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}

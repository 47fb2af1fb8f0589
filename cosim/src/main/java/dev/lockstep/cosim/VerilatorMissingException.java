package dev.lockstep.cosim;

/** Verilator (or the C++ compiler it needs) is not installed or not runnable. */
public final class VerilatorMissingException extends CosimException {
    public VerilatorMissingException(String message) {
        super(message);
    }
}

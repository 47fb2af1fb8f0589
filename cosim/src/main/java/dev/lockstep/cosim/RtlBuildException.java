package dev.lockstep.cosim;

/** RTL sources could not be turned into a loadable model; the message carries the tool's own errors. */
public final class RtlBuildException extends CosimException {
    public RtlBuildException(String message) {
        super(message);
    }
}

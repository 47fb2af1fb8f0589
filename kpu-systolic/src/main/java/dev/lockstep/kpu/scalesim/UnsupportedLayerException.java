package dev.lockstep.kpu.scalesim;

/**
 * A well-formed layer that cannot be reported: one SCALE-Sim itself cannot report (a single-cycle layer),
 * or one too large for the model asked for. The CLI maps it to exit code 2.
 */
public final class UnsupportedLayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String message) {
        super(message);
    }
}

package dev.lockstep.fabric.frame;

import dev.lockstep.sim.BadInput;
import dev.lockstep.fabric.device.DeviceStatus;

/**
 * A frame or bank load refused before anything runs, with the same rule and status as the register
 * level tile (a DEPTH, STRIDE or address outside the bank: ERR_ADDR; a word holding a byte that is not
 * a PT-5 code: ERR_PACK), so both fidelities fail alike. One line; the CLI maps it to exit code 2.
 */
public final class FrameException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    private final DeviceStatus status;

    public FrameException(DeviceStatus status, String message) {
        super(withStatus(message, status));
        this.status = status;
    }

    /** The message ending with the status once, also when it wraps a message that already names it. */
    private static String withStatus(String message, DeviceStatus status) {
        String suffix = " (" + status + " " + status.code() + ")";
        return message.endsWith(suffix) ? message : message + suffix;
    }

    public DeviceStatus status() {
        return status;
    }
}

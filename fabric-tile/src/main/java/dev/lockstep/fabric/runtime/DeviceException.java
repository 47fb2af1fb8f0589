package dev.lockstep.fabric.runtime;

import dev.lockstep.sim.BadInput;
import dev.lockstep.fabric.device.DeviceStatus;

/**
 * A device call refused, with the reference's status code (tfmbs.md 3.3): ERR_ADDR for an unknown,
 * freed or lost buffer or task and for operands of the wrong kind or size, ERR_BUSY for a buffer that
 * in-flight work pins. The message is one line naming the buffer or task; bad input, so a CLI maps it
 * to exit code 2.
 */
public final class DeviceException extends RuntimeException implements BadInput {
    private final DeviceStatus status;

    DeviceException(DeviceStatus status, String message) {
        super(message + " (" + status + " " + status.code() + ")");
        this.status = status;
    }

    public DeviceStatus status() {
        return status;
    }
}

package dev.lockstep.fabric.tile;

import dev.lockstep.sim.BadInput;
import dev.lockstep.fabric.device.DeviceStatus;

/**
 * A frame or host access the tile refuses: a START with DEPTH 0 or a frame reaching past the bank, a
 * START or host write while a frame runs, a host write outside the bank or holding an invalid PT-5
 * byte. The message is one line naming the register or word and ends with the reference's status
 * (tfmbs.md 3.3); nothing in the tile changes when it is thrown. The CLI maps it to exit code 2.
 */
public final class TileException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    private final DeviceStatus status;

    TileException(DeviceStatus status, String message) {
        super(message + " (" + status + " " + status.code() + ")");
        this.status = status;
    }

    TileException(DeviceStatus status, String message, Throwable cause) {
        super(message + " (" + status + " " + status.code() + ")", cause);
        this.status = status;
    }

    /** {@link DeviceStatus#ERR_ADDR}, {@link DeviceStatus#ERR_PACK} or {@link DeviceStatus#ERR_BUSY}. */
    public DeviceStatus status() {
        return status;
    }
}

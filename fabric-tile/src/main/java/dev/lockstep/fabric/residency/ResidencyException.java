package dev.lockstep.fabric.residency;

import dev.lockstep.sim.BadInput;
import dev.lockstep.fabric.device.DeviceStatus;

/**
 * A bad call on a {@link ResidencyPool} or a request it cannot satisfy. The message is one line naming
 * the handle or size; {@link #status()} is the reference's {@code tfmbs_status_t} code (tfmbs.md 3.3)
 * so a device front end can return it unchanged. The CLI maps this to exit code 2.
 */
public final class ResidencyException extends RuntimeException implements BadInput {
    private final DeviceStatus status;

    /**
     * @param status {@link DeviceStatus#ERR_ADDR} for an unknown, freed or evicted handle, a size of 0
     *               or larger than the pool, a bad pool capacity; {@link DeviceStatus#ERR_BUSY} when
     *               pinned work stands in the way (no room without evicting busy blocks, free of a
     *               pinned block, unpin below 0)
     */
    ResidencyException(DeviceStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** {@link DeviceStatus#ERR_ADDR} or {@link DeviceStatus#ERR_BUSY}. */
    public DeviceStatus status() {
        return status;
    }
}

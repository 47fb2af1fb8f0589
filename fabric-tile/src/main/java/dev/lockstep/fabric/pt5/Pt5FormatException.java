package dev.lockstep.fabric.pt5;

import dev.lockstep.sim.BadInput;
import dev.lockstep.fabric.device.DeviceStatus;

/**
 * Data that cannot be PT-5 encoded or decoded: a byte 243..255, a tail byte not padded with trit 0,
 * or a value that is not a trit. Carries the reference's status code ERR_PACK (tfmbs.md 3.3) and
 * where it happened; bad input, so the CLI maps it to exit code 2.
 */
public final class Pt5FormatException extends RuntimeException implements BadInput {
    private final long offset;

    Pt5FormatException(String message, long offset) {
        super(message + " (ERR_PACK " + DeviceStatus.ERR_PACK.code() + ")");
        this.offset = offset;
    }

    /** The device status this error reports; always {@link DeviceStatus#ERR_PACK}. */
    public DeviceStatus status() {
        return DeviceStatus.ERR_PACK;
    }

    /**
     * Where: the byte offset into the source array when decoding, the trit index when encoding, the
     * byte number 0..2 within the word when decoding an SRAM word. The message says which.
     */
    public long offset() {
        return offset;
    }
}

package dev.lockstep.fabric.device;

import dev.lockstep.sim.BadInput;

/**
 * A Ternary Frame Descriptor the device refuses. The message is one line naming the field, its byte
 * offset in the descriptor, the value found and what is allowed, followed by the status the device
 * returns for it; the CLI maps this exception to exit code 2.
 */
public final class TfdException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    private final DeviceStatus status;
    private final String field;
    private final int byteOffset;

    /**
     * @param field      the C field name, or a sub-field such as {@code exec_hints[15:8] QUANT}
     * @param byteOffset where the field starts in the descriptor (for a short buffer: where it ends)
     * @param value      the offending value as it should be shown
     * @param allowed    what would have been accepted
     */
    public TfdException(DeviceStatus status, String field, int byteOffset, String value, String allowed) {
        super("TFD " + field + " at byte " + byteOffset + ": " + value + ", allowed: " + allowed
                + " (" + status + " " + status.code() + ")");
        this.status = status;
        this.field = field;
        this.byteOffset = byteOffset;
    }

    public DeviceStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    public int byteOffset() {
        return byteOffset;
    }
}

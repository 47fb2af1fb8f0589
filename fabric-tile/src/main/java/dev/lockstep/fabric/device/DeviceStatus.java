package dev.lockstep.fabric.device;

/** The device's status codes, {@code tfmbs_status_t} of tfmbs.md 3.3, with their numeric values. */
public enum DeviceStatus {
    OK(0),
    PENDING(1),
    ERR_ADDR(2),
    ERR_PACK(3),
    ERR_BUSY(4);

    private final int code;

    DeviceStatus(int code) {
        this.code = code;
    }

    /** The value the C API returns for this status. */
    public int code() {
        return code;
    }
}

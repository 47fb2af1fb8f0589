package dev.lockstep.fabric.residency;

/**
 * A bad call on a {@link ResidencyPool} or a request it cannot satisfy. The message is one line naming
 * the handle or size; {@link #status()} is the reference's {@code tfmbs_status_t} code (tfmbs.md 3.3)
 * so a device front end can return it unchanged. The CLI maps this to exit code 2.
 */
public final class ResidencyException extends RuntimeException {
    /** Unknown, freed or evicted handle; a size of 0 or larger than the pool; a bad pool capacity. */
    public static final int ERR_ADDR = 2;
    /** Pinned work stands in the way: no room without evicting busy blocks, free of a pinned block, unpin below 0. */
    public static final int ERR_BUSY = 4;

    private final int status;

    ResidencyException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** {@link #ERR_ADDR} or {@link #ERR_BUSY}. */
    public int status() {
        return status;
    }
}

package dev.lockstep.fabric.tile;

/** The frame controller's state register; see {@link FrameController} for the timeline. */
public enum FrameState {
    /** Never started since reset. */
    IDLE,
    /** START accepted: the clear pulse is out and the first address is issued. */
    FILL,
    /** Compute edges, then one edge with the pipeline empty before DONE. */
    RUN,
    /** Frame finished; the sticky done flag is up until the next START. */
    DONE
}

package dev.lockstep.fabric.frame;

/** How the transaction-level model counts a frame's compute cycles. */
public enum FrameTiming {
    /**
     * What the hardware does: every one of the DEPTH compute edges costs a cycle, zero-skip or not
     * (zero-skip gates the accumulator add, saving energy, not time). The default.
     */
    HARDWARE,
    /**
     * An experiment, NOT what the RTL does: a compute edge is dropped from CYCLES (and from the
     * START-to-DONE edges) when zero-skip is on, the op is one whose add a skip suppresses (DOT, CONV2D,
     * TGEMM, CONV3D, LSTM, ATTN), at least one lane of an enabled tile is enabled, and every such lane
     * skips at that edge (its weight or input trit is 0). It models a lane-group scheduler that squeezes
     * out all-skip words; results, SKIP and ACTIVE counts are those of {@link #HARDWARE}.
     */
    SKIP_COMPACTION
}

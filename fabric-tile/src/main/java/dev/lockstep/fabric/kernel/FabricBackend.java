package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.pt5.Pt5Mapping;

/**
 * N tiles under one frame controller, at some fidelity: the host loads bank words, then runs frames.
 * Bank contents and accumulators persist across frames (BIAS_EN chains rely on that). Kernels talk
 * only to this interface, so one mapping runs at every fidelity and the results can be compared.
 */
public interface FabricBackend {
    /** {@code pe} (register level) or {@code tile} (transaction level). */
    String fidelity();

    int tiles();

    int lanes();

    /** The PT-5 digit mapping the tiles' unpackers read words with; kernels pack words with it. */
    Pt5Mapping mapping();

    void loadWeight(int tile, int index, int word);

    void loadInput(int tile, int index, int word);

    /**
     * Runs one frame to DONE. The result object belongs to the backend and is refilled by the next
     * frame. A frame the controller refuses throws {@link dev.lockstep.fabric.frame.FrameException}.
     */
    FrameResult run(FrameRegisters frame);
}

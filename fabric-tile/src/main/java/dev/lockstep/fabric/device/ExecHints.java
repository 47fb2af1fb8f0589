package dev.lockstep.fabric.device;

import dev.lockstep.fabric.Hints;

/**
 * A decoder view of a descriptor's {@code exec_hints} word (tfmbs.md 3.2). The fields the lane and
 * vector engine read come from {@link Hints}; the rest are the frame controller's conv stride and the
 * fields the original names but never implements, exposed so validation and tools can show them.
 * Bit 20 is read only as the low bit of the conv stride, never as FUSED (see docs/device.md).
 */
public record ExecHints(int raw) {
    static final int QUANT_SHIFT = 8;
    static final int FREE_NEG = 1 << 18;
    static final int STRIDE_SHIFT = 20;
    static final int PAD_SHIFT = 22;
    static final int KSIZE_SHIFT = 24;
    static final int DILATION_SHIFT = 26;
    static final int DILATION = 1 << DILATION_SHIFT;
    static final int POOL_WIN_SHIFT = 27;
    static final int BIT31 = 1 << 31;

    private static final String[] KERNEL_NAMES = {
        "NOP", "DOT", "ADD", "MUL", "CONV2D", "POOL", "TGEMM", "CONV3D", "LSTM", "ATTN"
    };

    /** KERNEL_ID, bits 7:0. */
    public int kernel() {
        return Hints.op(raw);
    }

    /** True when KERNEL_ID is one of the ten the reference names (0x00..0x09). */
    public boolean knownKernel() {
        return kernel() < KERNEL_NAMES.length;
    }

    /** The kernel's name (DOT, CONV2D, ...), or {@code 0xNN} for an ID the reference does not name. */
    public String kernelName() {
        return knownKernel() ? KERNEL_NAMES[kernel()] : String.format("0x%02X", kernel());
    }

    public boolean biasEnabled() {
        return Hints.biasEnabled(raw);
    }

    public boolean zeroSkip() {
        return Hints.zeroSkip(raw);
    }

    public boolean weightBroadcast() {
        return Hints.weightBroadcast(raw);
    }

    /** FREE_NEG_EN, bit 18: negation is always free in the lane, so the bit changes nothing. */
    public boolean freeNeg() {
        return (raw & FREE_NEG) != 0;
    }

    /** The conv stride s = hints[21:20] + 1, in 1..4; the frame controller uses it for CONV2D and CONV3D only. */
    public int convStride() {
        return ((raw >>> STRIDE_SHIFT) & 0b11) + 1;
    }

    /** POOL_OP, bits 30:29: {@link Hints#POOL_MAX}, {@link Hints#POOL_MIN}, {@link Hints#POOL_AVG} or 3. */
    public int poolOp() {
        return Hints.poolOp(raw);
    }

    /** QUANT threshold, bits 15:8 (unimplemented everywhere). */
    public int quant() {
        return (raw >>> QUANT_SHIFT) & 0xFF;
    }

    /** PAD, bits 23:22 (unimplemented everywhere). */
    public int pad() {
        return (raw >>> PAD_SHIFT) & 0b11;
    }

    /** KSIZE, bits 25:24 (unimplemented everywhere). */
    public int kernelSize() {
        return (raw >>> KSIZE_SHIFT) & 0b11;
    }

    /** DILATION_EN, bit 26 (unimplemented everywhere). */
    public boolean dilation() {
        return (raw & DILATION) != 0;
    }

    /** POOL_WIN, bits 28:27 (unimplemented everywhere). */
    public int poolWindow() {
        return (raw >>> POOL_WIN_SHIFT) & 0b11;
    }

    /**
     * The word step between frame addresses for a given lane_stride: stride x s for CONV2D, stride x s^2
     * for CONV3D, the stride itself otherwise (tfmbs.md 2.4). Not truncated: validation rejects a step
     * that does not fit the controller's 8 bits rather than wrap it.
     */
    public long addressStep(long laneStride) {
        int s = convStride();
        return switch (kernel()) {
            case Hints.OP_CONV2D -> laneStride * s;
            case Hints.OP_CONV3D -> laneStride * s * s;
            default -> laneStride;
        };
    }
}

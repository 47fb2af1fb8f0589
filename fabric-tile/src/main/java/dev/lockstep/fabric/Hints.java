package dev.lockstep.fabric;

/** The exec_hints word as the lane and vector engine read it (tfmbs.md 3.2). */
public final class Hints {
    public static final int OP_MASK = 0xFF;
    public static final int OP_NOP = 0x00;
    public static final int OP_DOT = 0x01;
    /** Named by the original but never implemented: the lane holds, as it does there. */
    public static final int OP_ADD = 0x02;
    public static final int OP_MUL = 0x03;
    public static final int OP_CONV2D = 0x04;
    public static final int OP_POOL = 0x05;
    public static final int OP_TGEMM = 0x06;
    public static final int OP_CONV3D = 0x07;
    public static final int OP_LSTM = 0x08;
    public static final int OP_ATTN = 0x09;

    /** Keep the accumulators across a frame clear. */
    public static final int BIAS_EN = 1 << 16;
    /** Count (and, for accumulating ops, gate) cycles where the weight or the input is zero. */
    public static final int ZERO_SKIP = 1 << 17;
    /** Every lane of a vector engine takes lane 0's weight. */
    public static final int WEIGHT_BRDCST = 1 << 19;

    public static final int POOL_OP_SHIFT = 29;
    public static final int POOL_MAX = 0b00;
    public static final int POOL_MIN = 0b01;
    public static final int POOL_AVG = 0b10;
    public static final int POOL_HOLD = 0b11;

    private Hints() {
    }

    public static int op(int hints) {
        return hints & OP_MASK;
    }

    public static int poolOp(int hints) {
        return (hints >>> POOL_OP_SHIFT) & 0b11;
    }

    public static boolean biasEnabled(int hints) {
        return (hints & BIAS_EN) != 0;
    }

    public static boolean zeroSkip(int hints) {
        return (hints & ZERO_SKIP) != 0;
    }

    public static boolean weightBroadcast(int hints) {
        return (hints & WEIGHT_BRDCST) != 0;
    }

    /** Hints for a POOL op with the given pool_op (POOL_MAX, POOL_MIN, POOL_AVG, POOL_HOLD). */
    public static int pool(int poolOp) {
        return OP_POOL | (poolOp & 0b11) << POOL_OP_SHIFT;
    }
}

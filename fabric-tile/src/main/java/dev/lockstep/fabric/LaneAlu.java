package dev.lockstep.fabric;

/**
 * The one Java definition of what a lane does on an edge, shared by {@link TernaryLane} and
 * {@link VectorEngine} the way ternary_lane.v is shared by the RTL lane and engine. Hints are
 * decoded once into a mode so the per-lane work is a switch on a small int.
 */
final class LaneAlu {
    /** acc holds (NOP, ADD, unknown ops, POOL hold). */
    static final int HOLD = 0;
    /** acc += p unless skipped (DOT, CONV2D, TGEMM, CONV3D, LSTM, ATTN). */
    static final int ACCUMULATE = 1;
    /** acc += p, skip ignored (POOL AVG). */
    static final int AVERAGE = 2;
    /** acc = p, skip ignored (MUL). */
    static final int LOAD = 3;
    /** acc = max(acc, p) signed, skip ignored (POOL MAX). */
    static final int MAX = 4;
    /** acc = min(acc, p) signed, skip ignored (POOL MIN). */
    static final int MIN = 5;

    private LaneAlu() {
    }

    static int mode(int hints) {
        return switch (Hints.op(hints)) {
            case Hints.OP_DOT, Hints.OP_CONV2D, Hints.OP_TGEMM, Hints.OP_CONV3D, Hints.OP_LSTM, Hints.OP_ATTN ->
                    ACCUMULATE;
            case Hints.OP_MUL -> LOAD;
            case Hints.OP_POOL -> switch (Hints.poolOp(hints)) {
                case Hints.POOL_MAX -> MAX;
                case Hints.POOL_MIN -> MIN;
                case Hints.POOL_AVG -> AVERAGE;
                default -> HOLD;
            };
            default -> HOLD;
        };
    }

    /** What a frame clear loads into acc when BIAS_EN is off: the identity of MAX or MIN pooling, else 0. */
    static int clearValue(int hints) {
        return switch (mode(hints)) {
            case MAX -> Integer.MIN_VALUE;
            case MIN -> Integer.MAX_VALUE;
            default -> 0;
        };
    }

    static boolean skips(int hints, int weightCode, int inputCode) {
        return Hints.zeroSkip(hints) && (TritCode.isZero(weightCode) || TritCode.isZero(inputCode));
    }

    /** What acc + p adds under this mode: only accumulating ops let a skip turn p into 0. */
    static int addend(int mode, int p, boolean skip) {
        return mode == ACCUMULATE && skip ? 0 : p;
    }

    static int nextAccumulator(int mode, int acc, int p, boolean skip) {
        return switch (mode) {
            case ACCUMULATE, AVERAGE -> acc + addend(mode, p, skip);
            case LOAD -> p;
            case MAX -> Math.max(acc, p);
            case MIN -> Math.min(acc, p);
            default -> acc;
        };
    }

    /** Signed overflow of this edge's add; false for modes that do not add. */
    static boolean overflows(int mode, int acc, int p, boolean skip) {
        if (mode != ACCUMULATE && mode != AVERAGE) {
            return false;
        }
        int addend = addend(mode, p, skip);
        int sum = acc + addend;
        return ((acc ^ sum) & (addend ^ sum)) < 0;
    }
}

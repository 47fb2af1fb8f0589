package dev.lockstep.cosim;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.TritCode;
import dev.lockstep.sim.random.SplitMix64;

/**
 * The control and operand stream shared by the ternary lane and vector engine harnesses. It moves
 * through phases rather than drawing every input independently, because independent draws would
 * keep accumulators near zero and rarely hold a mode long enough to matter: a phase fixes the
 * operand distribution (uniform over all four codes, drifting up or down, sparse, heavy in the
 * illegal code 11) and how often frames are cleared (often, rarely, or not for thousands of cycles,
 * so accumulators walk far from zero). Modes change now and then, with bursts that change them every
 * cycle; reset comes now and then for 1 to 3 cycles, and at cycles 0 and 1. Now and then a clear
 * under POOL MAX or MIN presets the accumulator to INT_MIN or INT_MAX and the next cycle switches
 * to an adding mode, so the sticky overflow is reached through the ports alone.
 */
final class FabricStimulus {
    private static final int[] ACCUMULATING = {
        Hints.OP_DOT, Hints.OP_CONV2D, Hints.OP_TGEMM, Hints.OP_CONV3D, Hints.OP_LSTM, Hints.OP_ATTN};
    /** Hint bits no lane or engine reads; they must not change anything. */
    private static final int IGNORED_BITS = 0x0000_FF00 | 1 << 18 | 0x1FF << 20 | 1 << 31;

    private enum Operands { UNIFORM, DRIFT_UP, DRIFT_DOWN, SPARSE, ILLEGAL_HEAVY }

    private final SplitMix64 rng;
    private int resetLeft = 2;
    private boolean enable = true;
    private boolean clear;
    private int hints = Hints.OP_DOT;
    private Operands operands = Operands.UNIFORM;
    private int clearOneIn = 700;
    private int phaseLeft;
    private int churnLeft;
    /** Set on the cycle after a preset clear: that cycle switches to an adding mode. */
    private boolean presetPending;

    FabricStimulus(long seed) {
        this.rng = new SplitMix64(seed);
    }

    SplitMix64 rng() {
        return rng;
    }

    /** Moves to the next cycle's control values. */
    void advance() {
        if (resetLeft > 0) {
            resetLeft--;
        } else if (rng.oneIn(5000)) {
            resetLeft = 1 + rng.nextInt(3);
        }
        if (phaseLeft-- <= 0) {
            newPhase();
        }
        enable = enable ? !rng.oneIn(25) : rng.oneIn(4);
        clear = rng.oneIn(clearOneIn);
        if (presetPending) {
            presetPending = false;
            hints = addingHints();
        } else if (rng.oneIn(3000)) {
            // Clear under POOL MAX or MIN presets acc to INT_MIN or INT_MAX; switching straight to an
            // adding mode is the only way the ports can drive the sticky overflow.
            hints = Hints.pool(rng.nextInt(2) == 0 ? Hints.POOL_MAX : Hints.POOL_MIN);
            clear = true;
            presetPending = true;
        } else if (churnLeft > 0) {
            churnLeft--;
            hints = randomHints();
        } else if (rng.oneIn(2500)) {
            churnLeft = 20 + rng.nextInt(60);
        } else if (rng.oneIn(300)) {
            hints = randomHints();
        }
    }

    private void newPhase() {
        phaseLeft = 200 + rng.nextInt(4000);
        operands = Operands.values()[rng.nextInt(Operands.values().length)];
        clearOneIn = switch (rng.nextInt(3)) {
            case 0 -> 40;
            case 1 -> 700;
            default -> Integer.MAX_VALUE;
        };
    }

    private int randomHints() {
        int pick = rng.nextInt(100);
        int op;
        if (pick < 40) {
            op = ACCUMULATING[rng.nextInt(ACCUMULATING.length)];
        } else if (pick < 50) {
            op = Hints.OP_MUL;
        } else if (pick < 75) {
            op = Hints.pool(rng.nextInt(4));
        } else if (pick < 83) {
            op = Hints.OP_NOP;
        } else if (pick < 90) {
            op = Hints.OP_ADD;
        } else {
            op = 0x0A + rng.nextInt(0xF6); // unknown ops 0x0A..0xFF
        }
        int h = op;
        if (rng.nextInt(10) < 3) {
            h |= Hints.BIAS_EN;
        }
        if (rng.nextInt(2) == 0) {
            h |= Hints.ZERO_SKIP;
        }
        if (rng.nextInt(10) < 3) {
            h |= Hints.WEIGHT_BRDCST;
        }
        if (rng.nextInt(2) == 0) {
            h |= (int) rng.nextLong() & IGNORED_BITS;
        }
        return h;
    }

    private int addingHints() {
        int op = rng.nextInt(4) == 0 ? Hints.pool(Hints.POOL_AVG) : ACCUMULATING[rng.nextInt(ACCUMULATING.length)];
        return rng.nextInt(2) == 0 ? op : op | Hints.ZERO_SKIP;
    }

    boolean reset() {
        return resetLeft > 0;
    }

    boolean enable() {
        return enable;
    }

    boolean clear() {
        return clear;
    }

    int hints() {
        return hints;
    }

    /** A weight code under the current phase. */
    int weight() {
        return switch (operands) {
            case DRIFT_UP, DRIFT_DOWN -> rng.nextInt(10) == 0 ? rng.nextInt(4) : TritCode.PLUS;
            default -> operand();
        };
    }

    /** An input code under the current phase; with a +1 weight, DRIFT_UP adds and DRIFT_DOWN subtracts. */
    int input() {
        return switch (operands) {
            case DRIFT_UP -> rng.nextInt(10) == 0 ? rng.nextInt(4) : TritCode.PLUS;
            case DRIFT_DOWN -> rng.nextInt(10) == 0 ? rng.nextInt(4) : TritCode.MINUS;
            default -> operand();
        };
    }

    private int operand() {
        return switch (operands) {
            case SPARSE -> rng.nextInt(8) == 0 ? rng.nextInt(4) : TritCode.ZERO;
            case ILLEGAL_HEAVY -> rng.nextInt(2) == 0 ? TritCode.ILLEGAL : rng.nextInt(4);
            default -> rng.nextInt(4);
        };
    }
}

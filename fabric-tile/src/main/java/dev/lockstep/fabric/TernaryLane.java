package dev.lockstep.fabric;

import dev.lockstep.sim.Clocked;

/**
 * Register-level model of one ternary lane; RTL twin: rtl/ternary_lane.v. On each edge, in priority
 * order: reset clears everything; clear starts a frame (counters and overflow to 0, acc to its
 * clear value unless BIAS_EN); enable computes. Inputs are sampled at evaluate(), as the RTL samples
 * them at the edge. Semantics: docs/lane.md.
 */
public final class TernaryLane implements Clocked {
    private boolean reset;
    private boolean enable;
    private boolean clear;
    private int hints;
    private int weight;
    private int input;

    private int acc;
    private int skipCount;
    private int activeCycles;
    private boolean overflow;

    private int nextAcc;
    private int nextSkipCount;
    private int nextActiveCycles;
    private boolean nextOverflow;

    public void setReset(boolean reset) {
        this.reset = reset;
    }

    public void setEnable(boolean enable) {
        this.enable = enable;
    }

    public void setClear(boolean clear) {
        this.clear = clear;
    }

    public void setHints(int hints) {
        this.hints = hints;
    }

    /** 2-bit trit code (see {@link TritCode}); higher bits are dropped as the 2-bit port would. */
    public void setWeight(int code) {
        this.weight = code & 0b11;
    }

    /** 2-bit trit code (see {@link TritCode}); higher bits are dropped as the 2-bit port would. */
    public void setInput(int code) {
        this.input = code & 0b11;
    }

    @Override
    public void evaluate() {
        nextAcc = acc;
        nextSkipCount = skipCount;
        nextActiveCycles = activeCycles;
        nextOverflow = overflow;
        if (reset) {
            nextAcc = 0;
            nextSkipCount = 0;
            nextActiveCycles = 0;
            nextOverflow = false;
        } else if (clear) {
            nextSkipCount = 0;
            nextActiveCycles = 0;
            nextOverflow = false;
            if (!Hints.biasEnabled(hints)) {
                nextAcc = LaneAlu.clearValue(hints);
            }
        } else if (enable) {
            int mode = LaneAlu.mode(hints);
            int p = TritCode.product(weight, input);
            boolean skip = LaneAlu.skips(hints, weight, input);
            nextActiveCycles = activeCycles + 1;
            if (skip) {
                nextSkipCount = skipCount + 1;
            }
            nextAcc = LaneAlu.nextAccumulator(mode, acc, p, skip);
            nextOverflow = overflow | LaneAlu.overflows(mode, acc, p, skip);
        }
    }

    @Override
    public void commit() {
        acc = nextAcc;
        skipCount = nextSkipCount;
        activeCycles = nextActiveCycles;
        overflow = nextOverflow;
    }

    public int accumulator() {
        return acc;
    }

    public int skipCount() {
        return skipCount;
    }

    public int activeCycles() {
        return activeCycles;
    }

    public boolean overflow() {
        return overflow;
    }

    /**
     * Overwrites the accumulator register now, as a simulator's deposit does (fault injection,
     * debugging). Call it between edges; the next evaluate() reads the deposited value.
     */
    public void depositAccumulator(int value) {
        acc = value;
    }
}

package dev.lockstep.fabric;

import dev.lockstep.sim.Clocked;

import java.util.Arrays;

/**
 * Register-level model of an N-lane ternary vector engine; RTL twin: the Chisel generator
 * dev.lockstep.rtl.VectorEngine (module vector_engine). Behaves exactly like N {@link TernaryLane}s
 * sharing reset, clear and hints, where lane i is enabled when enable, i &lt; laneCount and bit i of
 * laneMask all hold, and takes lane 0's weight under WEIGHT_BRDCST. Lane state lives in flat arrays
 * so an edge costs a loop over ints, with no object per lane and no allocation.
 */
public final class VectorEngine implements Clocked {
    public static final int MAX_LANES = 64;

    private final int lanes;
    /** The lane_mask port is N bits wide; bits above it do not exist. */
    private final long portMask;

    private boolean reset;
    private boolean enable;
    private boolean clear;
    private int hints;
    private int laneCount;
    private long laneMask;
    private final int[] weight;
    private final int[] input;

    private final int[] acc;
    private final int[] skipCount;
    private final int[] activeCycles;
    private long overflow;
    private int cycleCount;
    private int utilization;

    private final int[] nextAcc;
    private final int[] nextSkipCount;
    private final int[] nextActiveCycles;
    private long nextOverflow;
    private int nextCycleCount;
    private int nextUtilization;

    public VectorEngine(int lanes) {
        if (lanes < 1 || lanes > MAX_LANES) {
            throw new IllegalArgumentException("vector engine lanes must be in 1.." + MAX_LANES + ", got " + lanes);
        }
        this.lanes = lanes;
        this.portMask = lanes == 64 ? -1L : (1L << lanes) - 1;
        weight = new int[lanes];
        input = new int[lanes];
        acc = new int[lanes];
        skipCount = new int[lanes];
        activeCycles = new int[lanes];
        nextAcc = new int[lanes];
        nextSkipCount = new int[lanes];
        nextActiveCycles = new int[lanes];
    }

    public int lanes() {
        return lanes;
    }

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

    /** The 16-bit lane_count port: lanes at index >= count stay idle; higher bits are dropped. */
    public void setLaneCount(int count) {
        this.laneCount = count & 0xFFFF;
    }

    /** The N-bit lane_mask port, bit i for lane i; bits at N and above are dropped. */
    public void setLaneMask(long mask) {
        this.laneMask = mask & portMask;
    }

    public void setWeight(int lane, int code) {
        weight[lane] = code & 0b11;
    }

    public void setInput(int lane, int code) {
        input[lane] = code & 0b11;
    }

    @Override
    public void evaluate() {
        if (reset) {
            Arrays.fill(nextAcc, 0);
            Arrays.fill(nextSkipCount, 0);
            Arrays.fill(nextActiveCycles, 0);
            nextOverflow = 0;
            nextCycleCount = 0;
            nextUtilization = 0;
        } else if (clear) {
            evaluateClear();
        } else {
            evaluateCompute();
        }
    }

    private void evaluateClear() {
        if (Hints.biasEnabled(hints)) {
            System.arraycopy(acc, 0, nextAcc, 0, lanes);
        } else {
            Arrays.fill(nextAcc, LaneAlu.clearValue(hints));
        }
        Arrays.fill(nextSkipCount, 0);
        Arrays.fill(nextActiveCycles, 0);
        nextOverflow = 0;
        nextCycleCount = 0;
        nextUtilization = 0;
    }

    private void evaluateCompute() {
        long configured = laneMask & belowCount();
        long enabled = enable ? configured : 0;
        int mode = LaneAlu.mode(hints);
        boolean broadcast = Hints.weightBroadcast(hints);
        long overflowBits = overflow;
        for (int i = 0; i < lanes; i++) {
            if ((enabled >>> i & 1) == 0) {
                nextAcc[i] = acc[i];
                nextSkipCount[i] = skipCount[i];
                nextActiveCycles[i] = activeCycles[i];
                continue;
            }
            int w = broadcast ? weight[0] : weight[i];
            int x = input[i];
            int p = TritCode.product(w, x);
            boolean skip = LaneAlu.skips(hints, w, x);
            int a = acc[i];
            nextAcc[i] = LaneAlu.nextAccumulator(mode, a, p, skip);
            nextSkipCount[i] = skip ? skipCount[i] + 1 : skipCount[i];
            nextActiveCycles[i] = activeCycles[i] + 1;
            if (LaneAlu.overflows(mode, a, p, skip)) {
                overflowBits |= 1L << i;
            }
        }
        nextOverflow = overflowBits;
        nextCycleCount = enable ? cycleCount + 1 : cycleCount;
        nextUtilization = enable ? utilization + Long.bitCount(configured) : utilization;
    }

    /** Lanes i with i < lane_count, as a bit mask. */
    private long belowCount() {
        return laneCount >= lanes ? portMask : (1L << laneCount) - 1;
    }

    @Override
    public void commit() {
        System.arraycopy(nextAcc, 0, acc, 0, lanes);
        System.arraycopy(nextSkipCount, 0, skipCount, 0, lanes);
        System.arraycopy(nextActiveCycles, 0, activeCycles, 0, lanes);
        overflow = nextOverflow;
        cycleCount = nextCycleCount;
        utilization = nextUtilization;
    }

    public int accumulator(int lane) {
        return acc[lane];
    }

    public int skipCount(int lane) {
        return skipCount[lane];
    }

    public int activeCycles(int lane) {
        return activeCycles[lane];
    }

    /** Sticky overflow flags, bit i for lane i (the io_overflow port). */
    public long overflowMask() {
        return overflow;
    }

    public int cycleCount() {
        return cycleCount;
    }

    /** Sum over enabled cycles of the number of enabled lanes, since the last reset or clear. */
    public int utilization() {
        return utilization;
    }

    /** Overwrites lane's accumulator register now (fault injection, debugging); call between edges. */
    public void depositAccumulator(int lane, int value) {
        acc[lane] = value;
    }
}

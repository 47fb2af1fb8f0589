package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.TernaryLane;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * The random lane stimulus of the cosim tests (seed 1, 100,000 cycles) really reaches the corners a
 * zero-divergence result is supposed to vouch for. Observed through the Java lane alone.
 */
class StimulusCoverageTest {
    @Test
    void laneStimulusReachesTheInterestingStates() {
        Stimulus s = LaneCosim.stimulus(1);
        TernaryLane lane = new TernaryLane();
        CosimModel m = LaneCosim.model(lane);
        long[] in = new long[6];
        long[] out = new long[4];
        BitSet ops = new BitSet(256);
        boolean[] pools = new boolean[4];
        long resetsAfterStart = 0;
        long illegalWeights = 0;
        long illegalInputs = 0;
        long clears = 0;
        long overflowCycles = 0;
        long biggest = 0;
        for (long c = 0; c < 100_000; c++) {
            s.next(c, in);
            if (c >= 2 && in[0] == 1) {
                resetsAfterStart++;
            }
            clears += in[2];
            int hints = (int) in[3];
            ops.set(Hints.op(hints));
            if (Hints.op(hints) == Hints.OP_POOL) {
                pools[Hints.poolOp(hints)] = true;
            }
            illegalWeights += in[4] == 3 ? 1 : 0;
            illegalInputs += in[5] == 3 ? 1 : 0;
            m.apply(in);
            m.step();
            m.sample(out);
            overflowCycles += out[3];
            int acc = (int) out[0];
            if (acc != Integer.MIN_VALUE && acc != Integer.MAX_VALUE) {
                biggest = Math.max(biggest, Math.abs((long) acc));
            }
        }
        assertTrue(resetsAfterStart > 0, "reset in mid-run");
        assertTrue(clears > 100, "clear pulses: " + clears);
        assertTrue(illegalWeights > 1000 && illegalInputs > 1000, "illegal code 11 on both operands");
        for (int op : new int[] {Hints.OP_NOP, Hints.OP_DOT, Hints.OP_ADD, Hints.OP_MUL, Hints.OP_CONV2D,
                Hints.OP_POOL, Hints.OP_TGEMM, Hints.OP_CONV3D, Hints.OP_LSTM, Hints.OP_ATTN}) {
            assertTrue(ops.get(op), "op " + op);
        }
        assertTrue(ops.nextSetBit(0x0A) >= 0, "an unknown op code");
        assertTrue(Arrays.equals(new boolean[] {true, true, true, true}, pools), "all pool ops");
        assertTrue(overflowCycles > 0, "sticky overflow reached through the ports");
        assertTrue(biggest >= 1000, "accumulator walks far from zero: max |acc| " + biggest);
    }

    @Test
    void vectorStimulusCoversLaneCountMaskAndBroadcast() {
        int lanes = 15;
        Stimulus s = VectorCosim.stimulus(lanes, 7);
        long[] in = new long[6 + 2 * lanes];
        boolean countZero = false;
        boolean countAbove = false;
        boolean countInside = false;
        boolean maskZero = false;
        boolean maskPartial = false;
        boolean broadcast = false;
        for (long c = 0; c < 20_000; c++) {
            s.next(c, in);
            countZero |= in[4] == 0;
            countAbove |= in[4] > lanes;
            countInside |= in[4] > 0 && in[4] < lanes;
            maskZero |= in[5] == 0;
            maskPartial |= in[5] != 0 && in[5] != (1L << lanes) - 1;
            broadcast |= Hints.weightBroadcast((int) in[3]);
        }
        assertTrue(countZero && countAbove && countInside, "lane_count 0, inside and above N");
        assertTrue(maskZero && maskPartial, "lane mask none and partial");
        assertTrue(broadcast, "weight broadcast");
    }
}

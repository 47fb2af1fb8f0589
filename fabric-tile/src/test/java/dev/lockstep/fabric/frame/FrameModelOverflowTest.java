package dev.lockstep.fabric.frame;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.pt5.Pt5Options;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 32-bit wrap and the sticky per-frame overflow flag (tfmbs.md 2.2 and golden vector 5 of section 7):
 * +1 on 0x7FFFFFFF gives 0x80000000 with the flag, -1 on 0x80000000 gives 0x7FFFFFFF with the flag.
 * Reached by depositing the accumulator and running a BIAS_EN frame, at both timings (the closed
 * form per lane and the edge-by-edge loop).
 */
class FrameModelOverflowTest {
    /** Word 0 of both banks: lanes 0 and 1 +1 (digits 1, 1 = 0x04), so the product is +1. */
    private static FrameModel model(FrameTiming timing, int inputWord) {
        FrameModel m = new FrameModel(1, 15, Pt5Options.DEFAULT, timing);
        m.loadWeight(0, 0, 0x000004);
        m.loadInput(0, 0, inputWord);
        return m;
    }

    @Test
    void wrapSetsTheStickyFlagInBothDirections() {
        int hints = Hints.OP_DOT | Hints.ZERO_SKIP | Hints.BIAS_EN;
        FrameRegisters twoEdges = new FrameRegisters(0, 2, 0, hints, 15, 0x7FFF, 1);
        for (FrameTiming timing : FrameTiming.values()) {
            // Inputs +1 (lanes 0, 1): two edges at stride 0 add +2 to lane 0 from 0x7FFFFFFF:
            // 0x80000000 then 0x80000001, flag set and kept; lane 1 from 5 gives 7, no flag.
            FrameModel plus = model(timing, 0x000004);
            plus.depositAccumulator(0, 0, Integer.MAX_VALUE);
            plus.depositAccumulator(0, 1, 5);
            FrameResult r = plus.run(twoEdges);
            assertEquals(0x8000_0001, r.result(0, 0), timing.name());
            assertEquals(7, r.result(0, 1));
            assertEquals(0b01, r.overflowMask(0));
            // Inputs -1 (digits 2, 2 = 0x08): lane 0 from 0x80000000 gives 0x7FFFFFFF, then 0x7FFFFFFE.
            FrameModel minus = model(timing, 0x000008);
            minus.depositAccumulator(0, 0, Integer.MIN_VALUE);
            r = minus.run(twoEdges);
            assertEquals(0x7FFF_FFFE, r.result(0, 0));
            assertEquals(0b01, r.overflowMask(0));
            // The next frame clears the flag (per-frame counters) and keeps the value under BIAS_EN.
            r = minus.run(new FrameRegisters(0, 1, 0, hints, 15, 0x7FFF, 1));
            assertEquals(0x7FFF_FFFD, r.result(0, 0));
            assertEquals(0, r.overflowMask(0));
        }
    }
}

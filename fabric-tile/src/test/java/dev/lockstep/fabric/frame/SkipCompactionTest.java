package dev.lockstep.fabric.frame;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.pt5.Pt5Options;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The skip-compaction timing experiment against hand-derived frames. One tile; weight words 0: all
 * zero, 1: +1 in lane 0 only (mapping A digit 1 = 0x000001), 2: all +1 (0x797979); inputs all +1.
 */
class SkipCompactionTest {
    private static FrameModel model(FrameTiming timing) {
        FrameModel m = new FrameModel(1, 15, Pt5Options.DEFAULT, timing);
        m.loadWeight(0, 0, 0x000000);
        m.loadWeight(0, 1, 0x000001);
        m.loadWeight(0, 2, 0x797979);
        for (int a = 0; a < 3; a++) {
            m.loadInput(0, a, 0x797979);
        }
        return m;
    }

    private static FrameRegisters frame(int hints, long laneMask) {
        return new FrameRegisters(0, 3, 1, hints, 15, laneMask, 1);
    }

    @Test
    void anEdgeWhereEveryEnabledLaneSkipsCostsNoCycle() {
        int dotSkip = Hints.OP_DOT | Hints.ZERO_SKIP;
        // Edge 0 skips on all lanes, edge 1 not on lane 0, edge 2 on none: 2 cycles, 5 edges.
        FrameResult r = model(FrameTiming.SKIP_COMPACTION).run(frame(dotSkip, 0x7FFF));
        assertEquals(2, r.cycles());
        assertEquals(5, r.edges());
        // Results and counters as the hardware timing: lane 0 = 1 + 1, lanes 1..14 = 1; skips 1 / 2.
        assertEquals(2, r.result(0, 0));
        assertEquals(1, r.result(0, 14));
        assertEquals(1, r.skipCount(0, 0));
        assertEquals(2, r.skipCount(0, 14));
        assertEquals(3, r.activeCycles(0, 14));
        // Without lane 0, edge 1 also skips on every enabled lane: 1 cycle.
        assertEquals(1, model(FrameTiming.SKIP_COMPACTION).run(frame(dotSkip, 0x7FFE)).cycles());
        // No compaction without ZERO_SKIP, for MUL (a skip does not suppress its update), or by default.
        assertEquals(3, model(FrameTiming.SKIP_COMPACTION).run(frame(Hints.OP_DOT, 0x7FFF)).cycles());
        assertEquals(3, model(FrameTiming.SKIP_COMPACTION).run(frame(Hints.OP_MUL | Hints.ZERO_SKIP, 0x7FFF)).cycles());
        assertEquals(3, model(FrameTiming.HARDWARE).run(frame(dotSkip, 0x7FFF)).cycles());
        assertEquals(6, model(FrameTiming.HARDWARE).run(frame(dotSkip, 0x7FFF)).edges());
        // No lane enabled: nothing to compact on, the frame keeps its cycles.
        assertEquals(3, model(FrameTiming.SKIP_COMPACTION).run(frame(dotSkip, 0)).cycles());
    }
}

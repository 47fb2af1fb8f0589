package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Patches;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.memory.engine.TransactionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedPatchesTimingTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    private static final long L2 = 0x3000000000L;
    private static final long L1 = 0x4000000000L;
    /** minimal: the array (fabric) clock and L2 share the 2000 ps period; L2 latency 2, 2 ports of 64 B; 8 lanes. */
    private static final long PERIOD_PS = 2000;

    @Test
    void fourChannelsAreWavefrontBound() {
        // 8 x 8 x 4 int8 image, 3 x 3, stride 1, pad 1, whole image in the band; output row 0 (pixels 0..7),
        // full patches of 36. Wavefront: 8 lanes of 36 through 8 lanes = 36 + 8 - 1 = 43 steps.
        // L2: row oy 0 reads nothing for dy 0 (image row -1); for dy 1, 2 the pixels ox 0 and 7 have 2
        // taps inside, ox 1..6 have 3: 2 x (2 + 18 + 2) = 44 runs of 4 B, one beat each, 2 ports: 22 cycles.
        // Feed = latency 2 + max(43, 22) = 45.
        Patches p = new Patches(8, 8, 4, 3, 3, 1, 1, 0, 8, 0, 0);
        assertEquals(45, cycles(Instruction.feedPatches(0, L2, L1, 8, 36, 1, 32, p)));
    }

    @Test
    void oneChannelIsBoundByTheL2Ports() {
        // 8 x 8 x 1 int8, 3 x 3, stride 1, pad 1; output row 1 (pixels 8..15), patches of 9.
        // Wavefront: 9 + 8 - 1 = 16 steps. L2: every run is one element; rows 0..2 all inside, ox 0 and 7
        // have 2 columns inside, 1..6 have 3: 3 x (2 + 18 + 2) = 66 beats, 2 ports: 33 cycles.
        // Feed = 2 + max(16, 33) = 35: each element is its own L2 access, so the ports, not the lanes, bound it.
        Patches p = new Patches(8, 8, 1, 3, 3, 1, 1, 0, 8, 8, 0);
        assertEquals(35, cycles(Instruction.feedPatches(0, L2, L1, 8, 9, 1, 8, p)));
    }

    private static long cycles(Instruction feed) {
        KpuTop top = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none());
        top.run(Program.of("feed", "int8", 8, 8, 8, List.of(feed)));
        return (top.endPs(0) - top.startPs(0)) / PERIOD_PS;
    }
}

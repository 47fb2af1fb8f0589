package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FabricTopCosimTest {
    private static final int FRAMES = 1_000;
    private static final long SEED = 11;

    @Test
    void thousandRandomFramesThroughAxiAgree() {
        long cycles = FabricCosim.cyclesFor(FRAMES, SEED);
        CosimResult r = FabricCosim.run(FRAMES, SEED, CosimOptions.defaults());
        System.out.println(r.report());
        assertTrue(r.passed(), r::report);
        assertEquals(cycles, r.cycles(), "every frame ran");
    }

    @Test
    void theFramesCoverWhatTheBriefAsks() {
        FabricFrameProgram p = FabricCosim.program(FRAMES, SEED);
        assertEquals(FRAMES, p.frames());
        // Floors well under the expected counts (1/40 x 3 refusals, ~1/12 + 1/6 faults, ~2 streams a frame).
        assertTrue(p.refusedStarts() >= 40, "refused STARTs " + p.refusedStarts());
        assertTrue(p.faults() >= 150, "faults " + p.faults());
        assertTrue(p.streamLoads() >= 1_000, "stream loads " + p.streamLoads());
        assertTrue(p.broadcastLoads() >= 300, "broadcast loads " + p.broadcastLoads());
    }
}

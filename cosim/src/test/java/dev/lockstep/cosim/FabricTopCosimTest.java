package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** The harness must see a result that differs: a Java side whose read data is off by one bit diverges on rdata. */
    @Test
    void aWrongReadValueDivergesOnRdata() {
        CosimHarness h = FabricCosim.harness(2, SEED);
        CosimModel java = h.model();
        CosimModel bent = new CosimModel() {
            @Override
            public void apply(long[] inputs) {
                java.apply(inputs);
            }

            @Override
            public void step() {
                java.step();
            }

            @Override
            public void sample(long[] outputs) {
                java.sample(outputs);
                if (outputs[5] == 1) { // rvalid
                    outputs[6] ^= 1;
                }
            }
        };
        CosimHarness planted = new CosimHarness(h.schema(), h.rtl(), h.stimulus(), bent, h.seed());
        CosimResult r = LockstepRunner.run(planted, FabricCosim.cyclesFor(2, SEED), CosimOptions.defaults());
        assertFalse(r.passed());
        assertEquals("fabric_top.s_axi_rdata", r.first().signal());
    }
}

package dev.lockstep.cosim;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.top.AxiMaster;
import dev.lockstep.fabric.top.FabricTop;
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

    private static void frame(AxiMaster m, int depth, int hints, int laneCount, int tileMask) {
        m.write(DEPTH, depth);
        m.write(STRIDE, 1);
        m.write(EXEC_HINTS, hints);
        m.write(LANE_COUNT, laneCount);
        m.write(TILE_MASK, tileMask);
        m.write(CONTROL, 1);
        m.pollUntilClear(STATUS, STATUS_BUSY);
    }

    private static void readResults(AxiMaster m, int tiles) {
        for (int t = 0; t < tiles; t++) {
            for (int l = 0; l < 15; l++) {
                m.read(result(t, l));
            }
        }
    }

    /**
     * Golden vectors 1, 3 and 4 of tfmbs.md 7 played on the RTL and the Java top in lockstep: with no
     * divergence, every result the RTL returned over AXI equals the Java top's, which must be the
     * reference's (derivations in FabricTopGoldenTest).
     */
    @Test
    void goldenVector1OnTheRtl() {
        FabricTop top = new FabricTop();
        CosimResult r = FabricCosim.runScript(m -> {
            m.write(weightWord(0, 0), 0xC4);
            m.write(inputWord(0, 0), 0x79);
            frame(m, 1, 0x00060001, 15, 0x1);
            readResults(m, 1);
            m.read(CYCLES);
            m.read(UTILIZATION);
        }, top, CosimOptions.defaults());
        assertTrue(r.passed(), r::report);
        int[] expected = {1, -1, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int l = 0; l < 15; l++) {
            assertEquals(expected[l], top.result(0, l), "lane " + l);
        }
        assertEquals(15, top.utilization());
    }

    @Test
    void goldenVector3BroadcastOnTheRtl() {
        FabricTop top = new FabricTop();
        CosimResult r = FabricCosim.runScript(m -> {
            int[] w = {0x79797979, 0x00F2F2F2, 0x00C4C4C4};
            for (int d = 0; d < 3; d++) {
                m.write(broadcastWord(d), w[d]);
                for (int t = 0; t < 4; t++) {
                    m.write(inputWord(t, d), 0x797979);
                }
            }
            frame(m, 3, 0x00020006, 15, 0xF);
            readResults(m, 4);
            m.read(CYCLES);
            m.read(UTILIZATION);
        }, top, CosimOptions.defaults());
        assertTrue(r.passed(), r::report);
        int[] expected = {1, -1, 0, 1, -1, 1, -1, 0, 1, -1, 1, -1, 0, 1, -1};
        for (int t = 0; t < 4; t++) {
            for (int l = 0; l < 15; l++) {
                assertEquals(expected[l], top.result(t, l), "tile " + t + " lane " + l);
            }
        }
        assertEquals(3, top.cycles());
        assertEquals(180, top.utilization());
    }

    @Test
    void goldenVector4PoolMaxOnTheRtl() {
        FabricTop top = new FabricTop();
        CosimResult r = FabricCosim.runScript(m -> {
            m.write(weightWord(0, 0), 0x79);
            m.write(inputWord(0, 0), 0xF2);
            frame(m, 1, 0x05, 15, 0x1);
            readResults(m, 1);
        }, top, CosimOptions.defaults());
        assertTrue(r.passed(), r::report);
        // Intended mode: -1 from the INT_MIN preset (the original RTL gives 0).
        for (int l = 0; l < 15; l++) {
            assertEquals(l < 5 ? -1 : 0, top.result(0, l), "lane " + l);
        }
    }
}

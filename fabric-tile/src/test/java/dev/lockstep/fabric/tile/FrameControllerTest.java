package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.device.DeviceStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-edge timeline chosen in FrameController's javadoc and docs/tile.md (tfmbs.md 2.9). */
class FrameControllerTest {
    private final FrameController fc = new FrameController();

    private void edge() {
        fc.evaluate();
        fc.commit();
    }

    private void startEdge() {
        fc.setStart(true);
        edge();
        fc.setStart(false);
    }

    /** One expected edge: outputs visible after it. */
    private void expect(String edge, FrameState state, boolean read, int address, boolean clear,
                        boolean enable, boolean done, int cycles) {
        assertEquals(state, fc.state(), edge + " state");
        assertEquals(read, fc.readEnable(), edge + " read enable");
        if (read) {
            assertEquals(address, fc.readAddress(), edge + " address");
        }
        assertEquals(clear, fc.clear(), edge + " clear");
        assertEquals(enable, fc.engineEnable(), edge + " engine enable");
        assertEquals(done, fc.done(), edge + " done");
        assertEquals(cycles, fc.cycles(), edge + " cycles");
    }

    @Test
    void timelineOfADepthThreeFrame() {
        // BASE 10, STRIDE 2, DOT: words 10, 12, 14. The address visible after edge E is read by the
        // banks at edge E+1, and the word read at edge E+1 is computed at edge E+2.
        fc.setBase(10);
        fc.setDepth(3);
        fc.setStride(2);
        fc.setHints(0x01);
        startEdge();
        expect("E0", FrameState.FILL, true, 10, true, false, false, 0);   // bank reads 10 at E1
        edge();
        expect("E1", FrameState.RUN, true, 12, false, true, false, 0);    // E2 computes 10, reads 12
        edge();
        expect("E2", FrameState.RUN, true, 14, false, true, false, 1);    // E3 computes 12, reads 14
        edge();
        expect("E3", FrameState.RUN, false, 0, false, true, false, 2);    // E4 computes 14
        edge();
        expect("E4", FrameState.RUN, false, 0, false, false, false, 3);   // pipeline empty
        edge();
        expect("E5", FrameState.DONE, false, 0, false, false, true, 3);   // D + 3 = 6 edges E0..E5
        assertFalse(fc.busy());
    }

    @Test
    void startToDoneTakesDepthPlusThreeEdges() {
        for (int depth : new int[] {1, 2, 7, 100}) {
            FrameController c = new FrameController();
            c.setDepth(depth);
            c.setStride(1);
            c.setStart(true);
            int edges = 0;
            do {
                c.evaluate();
                c.commit();
                c.setStart(false);
                edges++;
                if (!c.done()) {
                    assertTrue(c.busy(), "busy until done, depth " + depth + " edge " + edges);
                }
            } while (!c.done() && edges < 1000);
            // 1 accept + 1 fill + depth compute + 1 done (tfmbs.md 2.9).
            assertEquals(depth + 3, edges, "depth " + depth);
            assertEquals(depth, c.cycles(), "CYCLES = D, depth " + depth);
        }
    }

    @Test
    void doneIsStickyUntilTheNextStart() {
        fc.setDepth(1);
        fc.setStride(1);
        startEdge();
        for (int i = 0; i < 3; i++) {
            edge();
        }
        assertTrue(fc.done());
        for (int i = 0; i < 50; i++) {
            edge();
            assertTrue(fc.done(), "still done " + i + " edges later");
        }
        startEdge();
        assertFalse(fc.done(), "the accepting edge lowers DONE");
        assertEquals(FrameState.FILL, fc.state());
        assertEquals(0, fc.cycles(), "CYCLES cleared at START");
    }

    @Test
    void depthZeroIsRefusedAtStartAndChangesNothing() {
        fc.setDepth(0);
        fc.setStride(1);
        fc.setStart(true);
        TileException e = assertThrows(TileException.class, fc::evaluate);
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertEquals("frame START: DEPTH 0, allowed 1..65535 (ERR_ADDR 2)", e.getMessage());
        fc.setStart(false);
        edge();
        assertEquals(FrameState.IDLE, fc.state());
        assertFalse(fc.readEnable());
    }

    @Test
    void aFramePastWord4095IsRefused() {
        // BASE 4090 + (3 - 1) x 3 = 4096: one past the last word.
        fc.setBase(4090);
        fc.setDepth(3);
        fc.setStride(3);
        fc.setStart(true);
        TileException e = assertThrows(TileException.class, fc::evaluate);
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertEquals("frame START: BASE_ADDR 4090 + (DEPTH 3 - 1) x step 3 reaches word 4096, "
                + "allowed 0..4095 (ERR_ADDR 2)", e.getMessage());
        // 4089 + 2 x 3 = 4095 is the last word: accepted.
        fc.setBase(4089);
        edge();
        assertEquals(FrameState.FILL, fc.state());
    }

    @Test
    void conv3dStepIsTheFullProductNotTruncated() {
        // CONV3D, s = hints[21:20] + 1 = 4, STRIDE 255: step 255 x 16 = 4080 (the original truncates
        // to 8 bits: 4080 mod 256 = 240). BASE 0, DEPTH 2: words 0 and 4080.
        fc.setDepth(2);
        fc.setStride(255);
        fc.setHints(0x07 | 3 << 20);
        startEdge();
        edge();
        assertEquals(4080, fc.step());
        assertEquals(4080, fc.readAddress());
    }

    @Test
    void strideAbove255AndStartWhileBusyAreRefused() {
        fc.setDepth(2);
        fc.setStride(256);
        fc.setStart(true);
        assertEquals(DeviceStatus.ERR_ADDR, assertThrows(TileException.class, fc::evaluate).status());
        fc.setStride(1);
        edge();
        assertTrue(fc.busy());
        TileException e = assertThrows(TileException.class, fc::evaluate);
        assertEquals(DeviceStatus.ERR_BUSY, e.status());
    }

    @Test
    void resetReturnsToIdle() {
        fc.setDepth(4);
        fc.setStride(1);
        startEdge();
        edge();
        fc.setReset(true);
        edge();
        fc.setReset(false);
        assertEquals(FrameState.IDLE, fc.state());
        assertFalse(fc.busy());
        assertFalse(fc.engineEnable());
        assertFalse(fc.done());
    }
}

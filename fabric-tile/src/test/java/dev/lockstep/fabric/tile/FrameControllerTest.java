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
        fc.evaluate();
        assertEquals(DeviceStatus.ERR_ADDR, fc.refusal(), "known before commit");
        TileException e = assertThrows(TileException.class, fc::throwIfRefused);
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertEquals("frame START: DEPTH 0, allowed 1..65535 (ERR_ADDR 2)", e.getMessage());
        assertEquals(0, fc.error(), "a register: nothing visible before the edge commits");
        fc.commit();
        fc.setStart(false);
        assertEquals(2, fc.error(), "ERR_ADDR = 2 (tfmbs.md 3.3)");
        assertEquals(FrameState.IDLE, fc.state());
        assertFalse(fc.readEnable());
        assertFalse(fc.clear());
        edge();
        assertEquals(DeviceStatus.OK, fc.refusal(), "an edge without START refuses nothing");
        assertEquals(2, fc.error(), "ERROR holds until the next accepted START");
    }

    @Test
    void aRefusalInDoneKeepsDoneAndTheLastFrameAndTheNextStartClearsIt() {
        // BASE 7, DEPTH 2, STRIDE 3: words 7 and 10; CYCLES 2 once done after D + 3 = 5 edges.
        fc.setBase(7);
        fc.setDepth(2);
        fc.setStride(3);
        startEdge();
        for (int i = 0; i < 4; i++) {
            edge();
        }
        assertTrue(fc.done());
        fc.setDepth(0);
        startEdge();
        assertEquals(2, fc.error(), "ERR_ADDR");
        assertTrue(fc.done(), "DONE of the last frame stays up");
        assertEquals(FrameState.DONE, fc.state());
        assertEquals(2, fc.cycles(), "CYCLES of the last frame");
        assertEquals(3, fc.step(), "step of the last frame");
        fc.setDepth(1);
        startEdge();
        assertEquals(0, fc.error(), "an accepted START clears ERROR to OK");
        assertEquals(FrameState.FILL, fc.state());
        assertEquals(7, fc.readAddress());
    }

    @Test
    void aFramePastWord4095IsRefused() {
        // BASE 4090 + (3 - 1) x 3 = 4096: one past the last word.
        fc.setBase(4090);
        fc.setDepth(3);
        fc.setStride(3);
        fc.setStart(true);
        fc.evaluate();
        TileException e = assertThrows(TileException.class, fc::throwIfRefused);
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertEquals("frame START: BASE_ADDR 4090 + (DEPTH 3 - 1) x step 3 reaches word 4096, "
                + "allowed 0..4095 (ERR_ADDR 2)", e.getMessage());
        fc.commit();
        assertEquals(2, fc.error());
        assertEquals(FrameState.IDLE, fc.state());
        // 4089 + 2 x 3 = 4095 is the last word: accepted.
        fc.setBase(4089);
        edge();
        assertEquals(FrameState.FILL, fc.state());
        assertEquals(0, fc.error());
    }

    @Test
    void aBaseAddressPastTheBankIsRefusedEvenForOneWord() {
        // BASE 4096, DEPTH 1: the only word is past 4095.
        fc.setBase(4096);
        fc.setDepth(1);
        startEdge();
        assertEquals(2, fc.error());
        assertEquals(FrameState.IDLE, fc.state());
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
    void strideAbove255IsRefused() {
        fc.setDepth(2);
        fc.setStride(256);
        fc.setStart(true);
        fc.evaluate();
        assertEquals(DeviceStatus.ERR_ADDR, fc.refusal());
        assertEquals("frame START: STRIDE 256, allowed 0..255 (ERR_ADDR 2)",
                assertThrows(TileException.class, fc::throwIfRefused).getMessage());
        fc.commit();
        assertEquals(2, fc.error());
        assertEquals(FrameState.IDLE, fc.state());
    }

    @Test
    void startWhileBusyIsRefusedAndTheFrameRunsOn() {
        // BASE 0, DEPTH 3, STRIDE 1: after E0, E1 the frame is in RUN with address 1 visible. A START
        // at E2 is refused (ERR_BUSY = 4) and E2 does what it would without START: address 2, CYCLES 1.
        fc.setDepth(3);
        fc.setStride(1);
        startEdge();
        edge();
        fc.setStart(true);
        fc.evaluate();
        assertEquals(DeviceStatus.ERR_BUSY, fc.refusal());
        assertEquals(DeviceStatus.ERR_BUSY, assertThrows(TileException.class, fc::throwIfRefused).status());
        fc.commit();
        fc.setStart(false);
        expect("E2", FrameState.RUN, true, 2, false, true, false, 1);
        assertEquals(4, fc.error());
        // E3..E5 as in a frame without the refused START: DONE after D + 3 = 6 edges E0..E5.
        for (int i = 0; i < 3; i++) {
            edge();
        }
        expect("E5", FrameState.DONE, false, 0, false, false, true, 3);
        assertEquals(4, fc.error(), "ERROR survives the end of the frame");
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

    @Test
    void resetClearsError() {
        fc.setDepth(0);
        startEdge();
        assertEquals(2, fc.error());
        fc.setReset(true);
        edge();
        assertEquals(0, fc.error());
    }
}

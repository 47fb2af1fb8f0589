package dev.lockstep.fabric.top;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.device.DeviceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The register map and handshakes of docs/fabric-top.md, through the pins of the Java fabric top. */
class AxiLiteRegsTest {
    private final FabricTop top = new FabricTop();
    private final FabricHost host = new FabricHost(top);

    @BeforeEach
    void reset() {
        host.reset();
    }

    @Test
    void resetValues() {
        assertEquals(0, host.read(CONTROL));
        assertEquals(0, host.read(STATUS));
        assertEquals(0, host.read(BASE_ADDR));
        assertEquals(0, host.read(DEPTH));
        assertEquals(0, host.read(STRIDE));
        assertEquals(0, host.read(EXEC_HINTS));
        assertEquals(15, host.read(LANE_COUNT));
        assertEquals(0x7FFF, host.read(LANE_MASK));
        assertEquals(0xF, host.read(TILE_MASK));
        assertEquals(0, host.read(CYCLES));
        assertEquals(0, host.read(UTILIZATION));
        assertEquals(0, host.read(BURST_WAIT));
    }

    @Test
    void noAliasingUnmappedReadsDeadBeef() {
        host.write(BASE_ADDR, 0x123);
        // 0x88 = 0x08 + 0x80 aliased BASE_ADDR in the original (awaddr[6:0]); here it is unmapped.
        assertEquals(RESP_SLVERR, host.write(0x88, 7));
        assertEquals(0x123, host.read(BASE_ADDR));
        for (int a : new int[] {0x64, 0xAC, 0xB4, 0x13C, 0x17C, 0x1BC, 0x1FC, 0x264, 0x500, 0x1000, 0x2000,
                0x9000, 0xA000, 0x10008, 0x80000004, 0x09, 0x0A}) {
            assertEquals(UNMAPPED, host.read(a), String.format("read 0x%X", a));
        }
    }

    @Test
    void readOnlyAndUnmappedWritesAreRefusedWithoutEffect() {
        for (int a : new int[] {STATUS, CYCLES, UTILIZATION, BURST_WAIT, skip(0, 0), result(1, 3), 0x0F00, 0xA000,
                0x10014, 0x1002}) {
            assertEquals(RESP_SLVERR, host.write(a, 5), String.format("write 0x%X", a));
        }
        assertEquals(0, host.read(STATUS), "unmapped writes do not set LOAD_ERROR");
        assertEquals(0, host.read(EXEC_HINTS), "0x10014 does not alias EXEC_HINTS");
    }

    @Test
    void fieldWidths() {
        host.write(LANE_COUNT, 0x12345);
        assertEquals(0x2345, host.read(LANE_COUNT), "16-bit LANE_COUNT");
        host.write(LANE_MASK, -1);
        assertEquals(0x7FFF, host.read(LANE_MASK), "15 lanes");
        host.write(TILE_MASK, 0xFF);
        assertEquals(0xF, host.read(TILE_MASK), "4 tiles");
        host.write(EXEC_HINTS, 0x8765_4321);
        assertEquals(0x8765_4321, host.read(EXEC_HINTS));
    }

    @Test
    void startLeavesTileMaskAndDoneIsSticky() {
        host.write(TILE_MASK, 0x5);
        host.write(DEPTH, 2);
        assertEquals(STATUS_DONE, host.runFrame());
        assertEquals(0x5, host.read(TILE_MASK), "START must not clobber TILE_MASK (tfmbs.md 8.6)");
        host.idle(100);
        assertEquals(STATUS_DONE, host.read(STATUS), "DONE sticky 100 edges later");
        assertEquals(2, host.read(CYCLES), "CYCLES is the last frame's, D");
    }

    @Test
    void refusedStartShowsFrameError() {
        // DEPTH 0 (reset value): ERR_ADDR, no frame.
        int status = host.runFrame();
        assertEquals(DeviceStatus.ERR_ADDR.code(), status >>> STATUS_FRAME_ERROR_SHIFT & 0xFF);
        assertEquals(0, status & (STATUS_BUSY | STATUS_DONE));
        // base 4000 + (DEPTH 100 - 1) x stride 1 = 4099 > 4095: ERR_ADDR.
        host.write(BASE_ADDR, 4000);
        host.write(DEPTH, 100);
        host.write(STRIDE, 1);
        status = host.runFrame();
        assertEquals(DeviceStatus.ERR_ADDR.code(), status >>> STATUS_FRAME_ERROR_SHIFT & 0xFF);
        // A good frame clears it.
        host.write(BASE_ADDR, 3996);
        assertEquals(STATUS_DONE, host.runFrame());
    }

    @Test
    void writesDuringAFrameAreRefusedWithBusy() {
        host.write(weightWord(0, 0), 0x79);
        host.write(inputWord(0, 0), 0x79);
        host.write(DEPTH, 200);
        host.write(EXEC_HINTS, 0x01);
        assertEquals(RESP_OKAY, host.write(CONTROL, 1));
        assertTrue(top.busy());
        assertEquals(RESP_SLVERR, host.write(inputWord(0, 0), 0));
        assertEquals(RESP_SLVERR, host.write(DEPTH, 3));
        assertEquals(RESP_SLVERR, host.write(TILE_MASK, 0));
        int status = host.read(STATUS);
        assertEquals(STATUS_BUSY | DeviceStatus.ERR_BUSY.code() << STATUS_LOAD_ERROR_SHIFT, status);
        // START while busy: the controller refuses it (FRAME_ERROR ERR_BUSY), the frame goes on.
        assertEquals(RESP_OKAY, host.write(CONTROL, 1));
        host.master().poll(STATUS, STATUS_DONE);
        host.drain();
        status = host.read(STATUS);
        assertEquals(STATUS_DONE | DeviceStatus.ERR_BUSY.code() << STATUS_FRAME_ERROR_SHIFT
                | DeviceStatus.ERR_BUSY.code() << STATUS_LOAD_ERROR_SHIFT, status);
        assertEquals(200, host.read(DEPTH), "refused write changed nothing");
        assertEquals(0x79, top.inputWord(0, 0), "refused bank write changed nothing");
        // lane 0: w = x = +1 for 200 edges.
        assertEquals(200, host.read(result(0, 0)));
        // A START written while idle clears LOAD_ERROR; the accepted frame clears FRAME_ERROR.
        assertEquals(STATUS_DONE, host.runFrame());
    }

    @Test
    void invalidPt5WordIsRefusedWithPack() {
        assertEquals(RESP_SLVERR, host.write(weightWord(1, 5), 0x00F300));
        assertEquals(DeviceStatus.ERR_PACK.code(), host.read(STATUS) >>> STATUS_LOAD_ERROR_SHIFT);
        assertEquals(0, top.weightWord(1, 5));
        // Bits 31:24 are not stored and not checked (the original's loaders ignore them, 1.1).
        assertEquals(RESP_OKAY, host.write(weightWord(1, 5), 0xFF0000F2));
        assertEquals(0xF2, top.weightWord(1, 5));
    }

    @Test
    void windowsReachTheirBanks() {
        host.write(weightWord(0, 0), 1);
        host.write(weightWord(3, 1023), 2);
        host.write(inputWord(2, 7), 3);
        host.write(broadcastWord(9), 4);
        assertEquals(1, top.weightWord(0, 0));
        assertEquals(2, top.weightWord(3, 1023));
        assertEquals(3, top.inputWord(2, 7));
        assertEquals(0, top.weightWord(2, 7));
        for (int t = 0; t < 4; t++) {
            assertEquals(4, top.weightWord(t, 9));
            assertEquals(0, top.inputWord(t, 9));
        }
    }

    @Test
    void twoTileFabricHasNoWindowsForTilesTwoAndThree() {
        FabricTop small = new FabricTop(2, 8);
        FabricHost h = new FabricHost(small);
        h.reset();
        assertEquals(RESP_SLVERR, h.write(weightWord(2, 0), 1));
        assertEquals(RESP_OKAY, h.write(inputWord(1, 0), 1));
        assertEquals(UNMAPPED, h.read(result(2, 0)));
        assertEquals(UNMAPPED, h.read(result(0, 8)), "lane 8 of 8");
        assertEquals(UNMAPPED, h.read(skip(1, 8)));
        assertEquals(UNMAPPED, h.read(0x400));
        assertEquals(0xFF, h.read(LANE_MASK));
        assertEquals(0x3, h.read(TILE_MASK));
        assertEquals(8, h.read(LANE_COUNT));
    }

    /**
     * Per-edge timing of docs/fabric-top.md, pins driven by hand: AW and W handshake at edge H, the
     * write is performed at H+1 (bvalid up), the controller accepts START at H+2, DONE after
     * H+2+D+2, i.e. D + 3 edges after acceptance counting the accepting edge.
     */
    @Test
    void writeAndStartTimeline() {
        host.write(DEPTH, 3);
        top.setWriteChannels(true, CONTROL, true, 1, false);
        top.setReadChannels(false, 0, false);
        assertTrue(top.awready() && top.wready());
        top.step(); // H: both captured
        assertFalse(top.awready());
        assertFalse(top.wready());
        assertFalse(top.bvalid());
        top.setWriteChannels(false, 0, false, 0, true);
        top.step(); // H+1: performed
        assertTrue(top.bvalid());
        assertEquals(RESP_OKAY, top.bresp());
        assertFalse(top.busy());
        top.step(); // H+2: B taken; the controller accepts START
        assertFalse(top.bvalid());
        assertTrue(top.busy());
        top.setWriteChannels(false, 0, false, 0, false);
        int edges = 1;
        while (!top.done()) {
            top.step();
            edges++;
        }
        assertEquals(3 + 3, edges, "START -> DONE = D + 3 edges, accepting edge included");
    }

    @Test
    void readTimeline() {
        host.write(STRIDE, 9);
        top.setWriteChannels(false, 0, false, 0, false);
        top.setReadChannels(true, STRIDE, false);
        assertTrue(top.arready());
        top.step(); // AR handshake: rdata registered
        assertTrue(top.rvalid());
        assertEquals(9, top.rdata());
        assertFalse(top.arready(), "one read in flight");
        top.setReadChannels(false, 0, false);
        top.step();
        assertTrue(top.rvalid(), "held until rready");
        top.setReadChannels(false, 0, true);
        top.step();
        assertFalse(top.rvalid());
    }
}

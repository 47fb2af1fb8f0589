package dev.lockstep.fabric.top;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.device.DeviceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AXI4-Stream loader of docs/fabric-top.md, through the pins of the Java fabric top. */
class StreamLoaderTest {
    private final FabricTop top = new FabricTop();
    private final FabricHost host = new FabricHost(top);

    @BeforeEach
    void reset() {
        host.reset();
    }

    private int loadError() {
        return host.read(STATUS) >>> STATUS_LOAD_ERROR_SHIFT & 0xFF;
    }

    @Test
    void everyBeatLandsAtBasePlusKIncludingTheLast() {
        host.stream(streamHeader(STREAM_REGION_INPUTS, 2, 100), 11, 12, 13, 14);
        for (int k = 0; k < 4; k++) {
            assertEquals(11 + k, top.inputWord(2, 100 + k), "beat " + k);
        }
        assertEquals(0, top.inputWord(2, 99));
        assertEquals(0, top.inputWord(2, 104));
        assertEquals(0, top.weightWord(2, 100));
        assertEquals(0, loadError());
    }

    @Test
    void weightAndBroadcastRegionsAndFullBankReach() {
        // The stream reaches all 4096 words (AXI4-Lite windows only 1024).
        host.stream(streamHeader(STREAM_REGION_WEIGHTS, 3, 4094), 7, 8);
        assertEquals(7, top.weightWord(3, 4094));
        assertEquals(8, top.weightWord(3, 4095));
        host.stream(streamHeader(STREAM_REGION_BROADCAST, 0, 2000), 5);
        for (int t = 0; t < 4; t++) {
            assertEquals(5, top.weightWord(t, 2000));
            assertEquals(0, top.inputWord(t, 2000));
        }
        // Back-to-back loads: the beat after tlast is the next header.
        host.stream(streamHeader(STREAM_REGION_INPUTS, 0, 0), 1);
        host.stream(streamHeader(STREAM_REGION_INPUTS, 0, 1), 2);
        assertEquals(1, top.inputWord(0, 0));
        assertEquals(2, top.inputWord(0, 1));
    }

    @Test
    void badHeadersAreErrorsAndTheRestIsDiscarded() {
        // Wrong magic: ERR_PACK; the data beats up to tlast are discarded, not written at word 0.
        host.stream(0x0000_0000 | 100, 9, 9);
        assertEquals(DeviceStatus.ERR_PACK.code(), loadError());
        assertEquals(0, top.weightWord(0, 100));
        assertEquals(0, top.weightWord(0, 0));
        // Region 3, reserved bits, broadcast with a tile: ERR_PACK.
        for (int h : new int[] {streamHeader(3, 0, 0), streamHeader(0, 0, 0) | 1 << 16, streamHeader(2, 1, 0)}) {
            host.runFrame(); // a START clears LOAD_ERROR (and is refused: DEPTH 0)
            host.stream(h, 9);
            assertEquals(DeviceStatus.ERR_PACK.code(), loadError(), String.format("header 0x%08X", h));
        }
        // A well-formed load after a bad one works: the loader is back at the header.
        host.stream(streamHeader(STREAM_REGION_WEIGHTS, 1, 3), 6);
        assertEquals(6, top.weightWord(1, 3));
    }

    @Test
    void tileOutsideTheFabricAndPastTheBankAreAddressErrors() {
        FabricTop small = new FabricTop(2, 15);
        FabricHost h = new FabricHost(small);
        h.reset();
        h.stream(streamHeader(STREAM_REGION_INPUTS, 2, 0), 1);
        assertEquals(DeviceStatus.ERR_ADDR.code(), h.read(STATUS) >>> STATUS_LOAD_ERROR_SHIFT);
        assertEquals(0, small.inputWord(0, 0));

        // Beats 0 and 1 land at 4094 and 4095; beat 2 would be word 4096.
        host.stream(streamHeader(STREAM_REGION_INPUTS, 0, 4094), 1, 2, 3, 4);
        assertEquals(DeviceStatus.ERR_ADDR.code(), loadError());
        assertEquals(1, top.inputWord(0, 4094));
        assertEquals(2, top.inputWord(0, 4095));
        assertEquals(0, top.inputWord(0, 0), "no wrap");
    }

    @Test
    void invalidPt5BeatIsPackError() {
        host.stream(streamHeader(STREAM_REGION_INPUTS, 0, 10), 1, 0xF30000, 3);
        assertEquals(DeviceStatus.ERR_PACK.code(), loadError());
        assertEquals(1, top.inputWord(0, 10));
        assertEquals(0, top.inputWord(0, 11));
        assertEquals(0, top.inputWord(0, 12), "beats after the refused one are discarded");
    }

    @Test
    void backpressureWhileAFrameRunsDropsNothing() {
        host.write(DEPTH, 50);
        host.write(EXEC_HINTS, 0x01);
        host.write(CONTROL, 1);
        host.idle(1);
        assertTrue(top.busy());
        assertFalse(top.tready(), "tready low while a frame runs");
        // The transfer waits for the frame, then every beat lands.
        host.stream(streamHeader(STREAM_REGION_INPUTS, 1, 0), 21, 22, 23);
        assertTrue(top.done());
        assertEquals(21, top.inputWord(1, 0));
        assertEquals(22, top.inputWord(1, 1));
        assertEquals(23, top.inputWord(1, 2));
        assertEquals(0, loadError());
    }

    @Test
    void burstWaitCountsDataCyclesWithoutABeat() {
        int header = streamHeader(STREAM_REGION_INPUTS, 0, 0);
        // Header, then 5 idle cycles, then the last beat: the loader is in its data phase for those 5.
        top.setWriteChannels(false, 0, false, 0, false);
        top.setReadChannels(false, 0, false);
        top.setStream(true, header, false);
        top.step();
        top.setStream(false, 0, false);
        for (int i = 0; i < 5; i++) {
            top.step();
        }
        top.setStream(true, 42, true);
        top.step();
        top.setStream(false, 0, false);
        assertEquals(42, top.inputWord(0, 0));
        assertEquals(5, host.read(BURST_WAIT));
        // The next header restarts the count.
        host.stream(header, 1);
        assertEquals(0, host.read(BURST_WAIT));
    }

    @Test
    void randomStallsStillLoadEveryBeat() {
        FabricHost stalling = FabricHost.withRandomStalls(top, 3);
        int[] beats = new int[65];
        beats[0] = streamHeader(STREAM_REGION_WEIGHTS, 2, 1000);
        for (int k = 1; k < beats.length; k++) {
            beats[k] = k;
        }
        stalling.stream(beats);
        for (int k = 0; k < 64; k++) {
            assertEquals(k + 1, top.weightWord(2, 1000 + k));
        }
        assertEquals(0, host.read(STATUS));
    }
}

package dev.lockstep.fabric.top;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The golden vectors of tfmbs.md section 7, driven only through the AXI4-Lite pins of the Java fabric
 * top. Expected values are the reference's (the mock, intended mode). Vector 5 (32-bit overflow)
 * needs an accumulator at 0x7FFFFFFF, which takes 2^31 edges to reach through the bus; it is checked
 * at the lane (TernaryLaneTest) and engine level instead.
 */
class FabricTopGoldenTest {
    private final FabricTop top = new FabricTop();
    private final FabricHost host = new FabricHost(top);

    private void frame(int depth, int stride, int hints, int laneCount, int tileMask) {
        assertEquals(RESP_OKAY, host.write(DEPTH, depth));
        assertEquals(RESP_OKAY, host.write(STRIDE, stride));
        assertEquals(RESP_OKAY, host.write(EXEC_HINTS, hints));
        assertEquals(RESP_OKAY, host.write(LANE_COUNT, laneCount));
        assertEquals(RESP_OKAY, host.write(TILE_MASK, tileMask));
        int status = host.runFrame();
        // DONE, not busy, no error.
        assertEquals(STATUS_DONE, status);
    }

    private int[] results(int tile) {
        int[] r = new int[15];
        for (int l = 0; l < 15; l++) {
            r[l] = host.read(result(tile, l));
        }
        return r;
    }

    @Test
    void vector1DotWithZeroSkip() {
        host.reset();
        host.write(weightWord(0, 0), 0x0000C4);
        host.write(inputWord(0, 0), 0x000079);
        frame(1, 1, 0x00060001, 15, 0x1);
        // 0xC4 = 196 = digits 1,2,0,1,2 (LSB first) -> +1,-1,0,+1,-1; 0x79 = 121 = 11111 -> all +1.
        assertArrayEquals(new int[] {1, -1, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(0));
        for (int l = 0; l < 15; l++) {
            // w = 0 on lane 2, and both words are 0 on lanes 5..14.
            int skip = l == 2 || l >= 5 ? 1 : 0;
            assertEquals(skip, host.read(skip(0, l)), "skip lane " + l);
            assertEquals(1, host.read(active(0, l)), "active lane " + l);
        }
        assertEquals(1, host.read(CYCLES));
        assertEquals(15, host.read(UTILIZATION));
    }

    @Test
    void vector2LaneCountTwo() {
        host.reset();
        host.write(weightWord(0, 0), 0x000079);
        host.write(inputWord(0, 0), 0x000079);
        frame(1, 1, 0x00060006, 2, 0x1);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(0));
        assertEquals(2, host.read(UTILIZATION));
    }

    @Test
    void vector3BroadcastOnFourTiles() {
        host.reset();
        // Bits 31:24 of the first word (0x79) are not stored: a bank word is 24 bits.
        int[] weights = {0x79797979, 0x00F2F2F2, 0x00C4C4C4};
        for (int d = 0; d < 3; d++) {
            assertEquals(RESP_OKAY, host.write(broadcastWord(d), weights[d]));
            for (int t = 0; t < 4; t++) {
                host.write(inputWord(t, d), 0x797979);
            }
        }
        frame(3, 1, 0x00020006, 15, 0xF);
        // Lane j of each 5-lane group: +1 - 1 + [1,-1,0,1,-1][j] (0xF2 = 22222 = all -1).
        int[] expected = {1, -1, 0, 1, -1, 1, -1, 0, 1, -1, 1, -1, 0, 1, -1};
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(expected, results(t), "tile " + t);
        }
        assertEquals(3, host.read(CYCLES));
        // 4 tiles x 15 lanes x 3 edges.
        assertEquals(180, host.read(UTILIZATION));
        for (int l : new int[] {2, 7, 12}) {
            int sum = 0;
            for (int t = 0; t < 4; t++) {
                sum += host.read(skip(t, l));
            }
            assertEquals(4, sum, "aggregated skips lane " + l);
        }
    }

    @Test
    void vector4PoolMaxStartsFromIntMin() {
        host.reset();
        host.write(weightWord(0, 0), 0x79);
        host.write(inputWord(0, 0), 0xF2);
        frame(1, 1, 0x05, 15, 0x1);
        // Intended mode: max(INT_MIN, +1 x -1) = -1 on lanes 0..4 (the original RTL gives 0 from
        // reset); lanes 5..14 see 0 x 0 = 0.
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, results(0));
    }

    @Test
    void multiTileMaskAndProfiling() {
        // test_multi_tile of tfmbs.md 7: mask 0x5 gives tiles 0 and 2 = 10, tiles 1 and 3 = 0;
        // CYCLES 10 and UTILIZATION 300 (2 tiles x 15 lanes x 10 edges).
        host.reset();
        for (int d = 0; d < 10; d++) {
            host.write(broadcastWord(d), 0x797979);
            for (int t = 0; t < 4; t++) {
                host.write(inputWord(t, d), 0x797979);
            }
        }
        frame(10, 1, 0x06, 15, 0x5);
        for (int t = 0; t < 4; t++) {
            int want = t == 0 || t == 2 ? 10 : 0;
            for (int l = 0; l < 15; l++) {
                assertEquals(want, host.read(result(t, l)), "tile " + t + " lane " + l);
            }
        }
        assertEquals(10, host.read(CYCLES));
        assertEquals(300, host.read(UTILIZATION));
    }
}

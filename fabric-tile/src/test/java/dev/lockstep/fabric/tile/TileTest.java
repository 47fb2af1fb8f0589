package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.pt5.InvalidBytes;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.lockstep.fabric.tile.TileGoldenTest.results;
import static dev.lockstep.fabric.tile.TileGoldenTest.runFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tile timeline, zero-skip neutrality against plain integer arithmetic, and host-side refusals. */
class TileTest {
    private static final int[] POW3 = {1, 3, 9, 27, 81};

    /** The trit of lane j in a 24-bit word under mapping A, by plain base-3 arithmetic (tfmbs.md 1.1). */
    private static int trit(int word, int lane) {
        int b = (word >>> (8 * (lane / 5))) & 0xFF;
        int digit = b / POW3[lane % 5] % 3;
        return digit == 2 ? -1 : digit;
    }

    /** A word from 15 trits by the same arithmetic, inverted. */
    private static int word(int[] trits) {
        int w = 0;
        for (int lane = 0; lane < 15; lane++) {
            int digit = trits[lane] < 0 ? 2 : trits[lane];
            w += digit * POW3[lane % 5] << (8 * (lane / 5));
        }
        return w;
    }

    @Test
    void eachComputeEdgeConsumesTheWordReadOneEdgeEarlier() {
        // Word k has +1 x +1 on lane k only (k = 0..3), so lane k's result rises to 1 at the edge that
        // consumes word k. BASE 0, STRIDE 1, DEPTH 4: E0 accept, E1 fill (reads 0), E(k+2) computes word k.
        Tile tile = new Tile();
        for (int k = 0; k < 4; k++) {
            int[] t = new int[15];
            t[k] = 1;
            tile.loadWeight(k, word(t));
            tile.loadInput(k, word(t));
        }
        tile.setDepth(4);
        tile.setStride(1);
        tile.setHints(0x01);
        tile.start();
        tile.step(); // E0
        assertTrue(tile.reading());
        assertEquals(0, tile.readAddress(), "after E0 word 0 is issued");
        tile.step(); // E1: banks read word 0, engine clears
        assertEquals(1, tile.readAddress(), "after E1 word 1 is issued");
        for (int k = 0; k < 4; k++) {
            tile.step(); // E(k+2)
            for (int lane = 0; lane < 4; lane++) {
                assertEquals(lane <= k ? 1 : 0, tile.result(lane), "after E" + (k + 2) + " lane " + lane);
            }
            assertEquals(k + 1, tile.cycles());
            assertFalse(tile.done());
        }
        tile.step(); // E(D+2) = E6
        assertTrue(tile.done());
    }

    @Test
    void tileStartToDoneIsDepthPlusThreeEdges() {
        Tile tile = new Tile();
        tile.setDepth(9);
        tile.setStride(1);
        tile.setHints(0x01);
        assertEquals(12, runFrame(tile)); // 1 accept + 1 fill + 9 compute + 1 done
    }

    /** Hints of the ops whose result must not depend on ZERO_SKIP (bit 17). */
    private static final int[] OPS = {
        0x01, 0x03, 0x04, 0x06, 0x07 | 1 << 20, 0x08, 0x09,
        0x05, 0x05 | 1 << 29, 0x05 | 2 << 29,
    };

    @Test
    void zeroSkipNeverChangesAResult() {
        SplittableRandom random = new SplittableRandom(20261121L);
        int depth = 40;
        int[][] w = new int[depth * 4][15];
        int[][] x = new int[depth * 4][15];
        Tile plain = new Tile();
        Tile skipping = new Tile();
        for (int a = 0; a < w.length; a++) {
            for (int lane = 0; lane < 15; lane++) {
                // Sparse weights (about half zero) so skips happen on most lanes.
                w[a][lane] = random.nextInt(2) == 0 ? 0 : random.nextInt(2) * 2 - 1;
                x[a][lane] = random.nextInt(3) - 1;
            }
            for (Tile t : new Tile[] {plain, skipping}) {
                t.loadWeight(a, word(w[a]));
                t.loadInput(a, word(x[a]));
            }
        }
        for (int hints : OPS) {
            plain.setHints(hints);
            skipping.setHints(hints | 0x20000);
            for (Tile t : new Tile[] {plain, skipping}) {
                t.setDepth(depth);
                t.setStride(1);
                runFrame(t);
            }
            int step = (hints & 0xFF) == 0x07 ? 4 : 1; // CONV3D with s = 2
            int[] expected = reference(hints, w, x, depth, step);
            assertArrayEquals(expected, results(plain), String.format("hints 0x%08X without skip", hints));
            assertArrayEquals(expected, results(skipping), String.format("hints 0x%08X with skip", hints));
            int skips = 0;
            for (int lane = 0; lane < 15; lane++) {
                skips += skipping.skipCount(lane);
                assertEquals(0, plain.skipCount(lane));
            }
            assertTrue(skips > 0, "the skipping frame skipped something");
        }
    }

    /** Plain integer semantics of each op over words 0, step, 2 step, ... (docs/lane.md). */
    private static int[] reference(int hints, int[][] w, int[][] x, int depth, int step) {
        int op = hints & 0xFF;
        int pool = hints >>> 29 & 3;
        int[] r = new int[15];
        for (int lane = 0; lane < 15; lane++) {
            int acc = op == 0x05 && pool == 0 ? Integer.MIN_VALUE : op == 0x05 && pool == 1 ? Integer.MAX_VALUE : 0;
            for (int d = 0; d < depth; d++) {
                int p = w[d * step][lane] * x[d * step][lane];
                if (op == 0x03) {
                    acc = p;
                } else if (op == 0x05 && pool == 0) {
                    acc = Math.max(acc, p);
                } else if (op == 0x05 && pool == 1) {
                    acc = Math.min(acc, p);
                } else {
                    acc += p;
                }
            }
            r[lane] = acc;
        }
        return r;
    }

    @Test
    void tritHelperAgreesWithTheHandDecodedGoldenWord() {
        // 0xC4 decodes by hand to +1,-1,0,+1,-1 (TileGoldenTest): the helper used above must agree.
        int[] t = new int[15];
        for (int lane = 0; lane < 15; lane++) {
            t[lane] = trit(0xC4, lane);
        }
        assertArrayEquals(new int[] {1, -1, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, t);
        assertEquals(0xC4, word(t));
    }

    @Test
    void hostWritesAndStartAreRefusedWhileAFrameRuns() {
        Tile tile = new Tile();
        tile.setDepth(3);
        tile.setStride(1);
        tile.start();
        tile.step();
        assertTrue(tile.busy());
        TileException e = assertThrows(TileException.class, () -> tile.loadWeight(0, 0x79));
        assertEquals(DeviceStatus.ERR_BUSY, e.status());
        assertEquals("host write while a frame runs (ERR_BUSY 4)", e.getMessage());
        assertEquals(0, tile.weightWord(0), "the refused write changed nothing");
        assertEquals(DeviceStatus.ERR_BUSY, assertThrows(TileException.class, () -> tile.setDepth(1)).status());
        assertEquals(DeviceStatus.ERR_BUSY, assertThrows(TileException.class, tile::start).status());
        while (!tile.done()) {
            tile.step();
        }
        tile.loadWeight(0, 0x79);
        assertEquals(0x79, tile.weightWord(0));
    }

    @Test
    void invalidPt5BytesAreRefusedAtLoadUnlessRtlCompat() {
        Tile tile = new Tile();
        // 0x00F300: byte 1 = 243, the first value that is not a PT-5 code.
        TileException e = assertThrows(TileException.class, () -> tile.loadInput(12, 0x00F300));
        assertEquals(DeviceStatus.ERR_PACK, e.status());
        assertEquals("host write input bank word 12: byte 1 (lanes 5..9) is 0xF3, not a PT-5 code (0..242) "
                + "(ERR_PACK 3)", e.getMessage());
        assertEquals(0, tile.inputWord(12));
        Tile compat = new Tile(15, new Pt5Options(Pt5Mapping.A, InvalidBytes.RTL_COMPAT));
        compat.loadInput(12, 0x00F300);
        assertEquals(0x00F300, compat.inputWord(12));
    }

    @Test
    void aRefusedStartLeavesTheTileAsItWas() {
        Tile tile = new Tile();
        tile.loadWeight(0, 0x79);
        tile.loadInput(0, 0x79);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setHints(0x01);
        runFrame(tile);
        tile.setDepth(0);
        tile.start();
        TileException e = assertThrows(TileException.class, tile::step);
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertTrue(tile.done(), "DONE of the last frame still up");
        assertEquals(1, tile.result(0));
        assertEquals(1, tile.cycles());
        tile.step(); // the START pulse was spent by the refusing edge: nothing starts
        assertEquals(FrameState.DONE, tile.state());
    }

    @Test
    void fewerLanesUseTheLowTritsOfEachWord() {
        // 8 lanes on W = X = 0x79 0x79 (bytes 0 and 1): +1 x +1 on lanes 0..7 -> 1 each.
        Tile tile = new Tile(8, Pt5Options.DEFAULT);
        tile.loadWeight(0, 0x7979);
        tile.loadInput(0, 0x7979);
        tile.setDepth(1);
        tile.setStride(1);
        tile.setHints(0x01);
        runFrame(tile);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, results(tile));
        assertEquals(8, tile.utilization());
        assertThrows(IllegalArgumentException.class, () -> new Tile(16, Pt5Options.DEFAULT));
    }
}

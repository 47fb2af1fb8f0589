package dev.lockstep.fabric.top;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.tile.Tile;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * 150 random frames on the 4-tile fabric, driven through AXI4-Lite and AXI4-Stream with random
 * stalls, against four stand-alone {@link Tile}s given the same words and registers (each Tile is
 * itself checked against plain integer arithmetic by TileRandomFrameTest). Per frame: every lane's
 * result, skip and active counts, overflow flags, CYCLES and UTILIZATION (the sum over the tiles).
 */
class FabricTopRandomFrameTest {
    private static final int[] OPS = {Hints.OP_DOT, Hints.OP_MUL, Hints.OP_CONV2D, Hints.OP_POOL, Hints.OP_TGEMM,
            Hints.OP_CONV3D, Hints.OP_LSTM, Hints.OP_ATTN, Hints.OP_NOP};

    @Test
    void fabricEqualsFourIndependentTiles() {
        SplitMix64 rng = new SplitMix64(42);
        FabricTop top = new FabricTop();
        FabricHost host = FabricHost.withRandomStalls(top, 43);
        host.reset();
        Tile[] tiles = new Tile[4];
        for (int t = 0; t < 4; t++) {
            tiles[t] = new Tile();
        }
        for (int frame = 0; frame < 150; frame++) {
            int depth = 1 + rng.nextInt(24);
            int stride = rng.nextInt(4);
            int hints = OPS[rng.nextInt(OPS.length)] | rng.nextInt(4) << 20 | rng.nextInt(4) << Hints.POOL_OP_SHIFT
                    | (rng.oneIn(2) ? Hints.ZERO_SKIP : 0) | (rng.oneIn(4) ? Hints.BIAS_EN : 0)
                    | (rng.oneIn(5) ? Hints.WEIGHT_BRDCST : 0);
            int step = stride * switch (hints & 0xFF) {
                case Hints.OP_CONV2D -> ((hints >>> 20) & 3) + 1;
                case Hints.OP_CONV3D -> (((hints >>> 20) & 3) + 1) * (((hints >>> 20) & 3) + 1);
                default -> 1;
            };
            int base = rng.nextInt(64);
            int words = base + (depth - 1) * step + 1;
            int tileMask = rng.nextInt(16);
            int laneCount = rng.nextInt(17);
            int laneMask = rng.oneIn(2) ? 0x7FFF : rng.nextInt(0x8000);
            // Load the frame's words: broadcast or per-tile weights, inputs by stream or AXI4-Lite.
            boolean broadcast = rng.oneIn(3);
            int[] w = new int[words];
            for (int t = 0; t < 4; t++) {
                int[] beats = new int[words - base + 1];
                beats[0] = streamHeader(STREAM_REGION_INPUTS, t, base);
                for (int i = base; i < words; i++) {
                    int x = randomWord(rng);
                    beats[i - base + 1] = x;
                    tiles[t].loadInput(i, x);
                    if (!broadcast || t == 0) {
                        w[i] = randomWord(rng);
                    }
                    tiles[t].loadWeight(i, w[i]);
                    if (!broadcast) {
                        assertEquals(RESP_OKAY, host.write(weightWord(t, i), w[i]));
                    }
                }
                host.stream(beats);
            }
            if (broadcast) {
                for (int i = base; i < words; i++) {
                    assertEquals(RESP_OKAY, host.write(broadcastWord(i), w[i]));
                }
            }
            host.write(BASE_ADDR, base);
            host.write(DEPTH, depth);
            host.write(STRIDE, stride);
            host.write(EXEC_HINTS, hints);
            host.write(LANE_COUNT, laneCount);
            host.write(LANE_MASK, laneMask);
            host.write(TILE_MASK, tileMask);
            assertEquals(STATUS_DONE, host.runFrame(), "frame " + frame);
            int utilization = 0;
            for (int t = 0; t < 4; t++) {
                Tile tile = tiles[t];
                tile.setBase(base);
                tile.setDepth(depth);
                tile.setStride(stride);
                tile.setHints(hints);
                tile.setLaneCount(laneCount);
                tile.setLaneMask(laneMask);
                tile.setTileEnabled((tileMask >>> t & 1) != 0);
                tile.start();
                do {
                    tile.step();
                } while (!tile.done());
                utilization += tile.utilization();
                String where = "frame " + frame + " tile " + t;
                for (int l = 0; l < 15; l++) {
                    assertEquals(tile.result(l), host.read(result(t, l)), where + " result lane " + l);
                    assertEquals(tile.skipCount(l), host.read(skip(t, l)), where + " skip lane " + l);
                    assertEquals(tile.activeCycles(l), host.read(active(t, l)), where + " active lane " + l);
                }
                assertEquals((int) tile.overflowMask(), host.read(overflow(t)), where + " overflow");
            }
            assertEquals(depth, host.read(CYCLES), "frame " + frame + " CYCLES");
            assertEquals(utilization, host.read(UTILIZATION), "frame " + frame + " UTILIZATION");
        }
    }

    /** A valid PT-5 word, zero bytes one time in three so zero-skip has work. */
    private static int randomWord(SplitMix64 rng) {
        int word = 0;
        for (int b = 0; b < 3; b++) {
            int v = rng.oneIn(3) ? 0 : rng.nextInt(243);
            word |= v << (8 * b);
        }
        return word;
    }
}

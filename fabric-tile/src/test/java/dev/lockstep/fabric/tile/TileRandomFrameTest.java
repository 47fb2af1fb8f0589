package dev.lockstep.fabric.tile;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random frames through one Tile against a plain model written here from docs/lane.md and
 * docs/tile.md: words base + d x step (step = stride, x s for CONV2D, x s^2 for CONV3D), lane i
 * active when i < LANE_COUNT, mask bit i and the tile bit; per-frame clear unless BIAS_EN.
 */
class TileRandomFrameTest {
    private static final int[] POW3 = {1, 3, 9, 27, 81};
    private static final int[] OPS = {0x01, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x00, 0x02};

    /** Per lane: result, skips, active cycles, overflow bit. */
    private final int[][] expected = new int[15][4];

    private static int trit(int word, int lane) {
        int digit = ((word >>> (8 * (lane / 5))) & 0xFF) / POW3[lane % 5] % 3;
        return digit == 2 ? -1 : digit;
    }

    @Test
    void randomFramesMatchThePlainModel() {
        SplittableRandom random = new SplittableRandom(7);
        Tile tile = new Tile();
        int[] weights = new int[TileSram.WORDS];
        int[] inputs = new int[TileSram.WORDS];
        for (int a = 0; a < TileSram.WORDS; a++) {
            weights[a] = random.nextInt(243) | random.nextInt(243) << 8 | random.nextInt(243) << 16;
            inputs[a] = random.nextInt(243) | random.nextInt(243) << 8 | random.nextInt(243) << 16;
            tile.loadWeight(a, weights[a]);
            tile.loadInput(a, inputs[a]);
        }
        int[] acc = new int[15];
        for (int frame = 0; frame < 300; frame++) {
            int op = OPS[random.nextInt(OPS.length)];
            int s = random.nextInt(4) + 1;
            int pool = random.nextInt(4);
            boolean bias = random.nextInt(4) == 0;
            boolean zeroSkip = random.nextBoolean();
            int hints = op | (s - 1) << 20 | pool << 29 | (bias ? 0x10000 : 0) | (zeroSkip ? 0x20000 : 0);
            int stride = random.nextInt(8);
            int step = op == 0x04 ? stride * s : op == 0x07 ? stride * s * s : stride;
            int depth = random.nextInt(64) + 1;
            int base = random.nextInt(TileSram.WORDS - (depth - 1) * step);
            int laneCount = random.nextInt(17);
            long laneMask = random.nextLong() & 0x7FFF;
            boolean tileOn = random.nextInt(5) != 0;
            tile.setHints(hints);
            tile.setStride(stride);
            tile.setDepth(depth);
            tile.setBase(base);
            tile.setLaneCount(laneCount);
            tile.setLaneMask(laneMask);
            tile.setTileEnabled(tileOn);
            String where = String.format("frame %d hints 0x%08X base %d depth %d stride %d", frame, hints, base,
                    depth, stride);

            int enabledLanes = 0;
            for (int lane = 0; lane < 15; lane++) {
                boolean on = tileOn && lane < laneCount && (laneMask >>> lane & 1) == 1;
                enabledLanes += on ? 1 : 0;
                int a0 = bias ? acc[lane] : op == 0x05 && pool == 0 ? Integer.MIN_VALUE
                        : op == 0x05 && pool == 1 ? Integer.MAX_VALUE : 0;
                int skips = 0;
                boolean overflow = false;
                for (int d = 0; on && d < depth; d++) {
                    int w = trit(weights[base + d * step], lane);
                    int x = trit(inputs[base + d * step], lane);
                    int p = w * x;
                    skips += zeroSkip && (w == 0 || x == 0) ? 1 : 0;
                    boolean adds = op == 0x01 || op == 0x04 || op >= 0x06 || op == 0x05 && pool == 2;
                    if (adds) {
                        long sum = (long) a0 + p;
                        overflow |= sum != (int) sum;
                        a0 = (int) sum;
                    } else if (op == 0x03) {
                        a0 = p;
                    } else if (op == 0x05 && pool == 0) {
                        a0 = Math.max(a0, p);
                    } else if (op == 0x05 && pool == 1) {
                        a0 = Math.min(a0, p);
                    }
                }
                acc[lane] = a0;
                expected[lane][0] = a0;
                expected[lane][1] = skips;
                expected[lane][2] = on ? depth : 0;
                expected[lane][3] = overflow ? 1 : 0;
            }

            assertEquals(depth + 3, TileGoldenTest.runFrame(tile), where + ": START->DONE edges");
            for (int lane = 0; lane < 15; lane++) {
                assertEquals(expected[lane][0], tile.result(lane), where + " lane " + lane + " result");
                assertEquals(expected[lane][1], tile.skipCount(lane), where + " lane " + lane + " skips");
                assertEquals(expected[lane][2], tile.activeCycles(lane), where + " lane " + lane + " active");
                assertEquals(expected[lane][3], tile.overflowMask() >>> lane & 1, where + " lane " + lane + " overflow");
            }
            assertEquals(depth, tile.cycles(), where + " CYCLES");
            assertEquals(enabledLanes * depth, tile.utilization(), where + " UTILIZATION");
        }
    }
}

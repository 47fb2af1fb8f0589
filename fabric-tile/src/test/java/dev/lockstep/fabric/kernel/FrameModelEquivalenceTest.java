package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.device.ExecHints;
import dev.lockstep.fabric.frame.FrameException;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Property: the transaction-level frame model leaves exactly what N register-level tiles stepped in
 * lockstep leave (results, SKIP, ACTIVE, OVERFLOW, UTILIZATION, CYCLES, START-to-DONE edges), over
 * random banks (dense and sparse), depths up to 4096, strides, CONV2D/CONV3D steps, ops, masks, lane
 * counts, broadcast and BIAS_EN chains. CYCLES = D and edges = D + 3 come from tfmbs.md 2.9.
 */
class FrameModelEquivalenceTest {
    private static final int[] OPS = {0x01, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x00, 0x02};

    @Test
    void randomFramesAgreeAtBothFidelities() {
        SplitMix64 random = new SplitMix64(0x5EED);
        int frames = 0;
        for (int config = 0; config < 12; config++) {
            int tiles = 1 + random.nextInt(4);
            int lanes = config % 3 == 0 ? 15 : 1 + random.nextInt(15);
            PeBackend pe = new PeBackend(tiles, lanes, Pt5Options.DEFAULT);
            TileBackend tile = new TileBackend(tiles, lanes, Pt5Options.DEFAULT, FrameTiming.HARDWARE);
            int zeroPercent = config % 2 == 0 ? 33 : 85;
            for (int t = 0; t < tiles; t++) {
                for (int a = 0; a < FrameRegisters.BANK_WORDS; a++) {
                    int w = RandomTernary.word(random, zeroPercent);
                    int x = RandomTernary.word(random, zeroPercent);
                    pe.loadWeight(t, a, w);
                    tile.loadWeight(t, a, w);
                    pe.loadInput(t, a, x);
                    tile.loadInput(t, a, x);
                }
            }
            for (int k = 0; k < 25; k++) {
                FrameRegisters f = randomFrame(random, tiles);
                FrameResult expected = pe.run(f);
                FrameResult actual = tile.run(f);
                assertEquals(expected, actual, "config " + config + " frame " + k + ": " + f);
                assertEquals(f.depth(), actual.cycles(), "CYCLES = DEPTH");
                assertEquals(f.depth() + 3, actual.edges(), "START to DONE = D + 3 edges");
                frames++;
            }
        }
        assertEquals(300, frames);
    }

    private static FrameRegisters randomFrame(SplitMix64 random, int tiles) {
        int op = OPS[random.nextInt(OPS.length)];
        int hints = op;
        if (random.nextInt(3) == 0) {
            hints |= Hints.BIAS_EN;
        }
        if (random.nextInt(2) == 0) {
            hints |= Hints.ZERO_SKIP;
        }
        if (random.nextInt(5) == 0) {
            hints |= Hints.WEIGHT_BRDCST;
        }
        hints |= random.nextInt(4) << 20 | random.nextInt(4) << Hints.POOL_OP_SHIFT;
        int stride = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 1 + random.nextInt(8);
            default -> random.nextInt(256);
        };
        long step = new ExecHints(hints).addressStep(stride);
        int base = random.nextInt(FrameRegisters.BANK_WORDS);
        int maxDepth = step == 0 ? 4096 : (int) Math.min(4096, (FrameRegisters.BANK_WORDS - 1 - base) / step + 1);
        int depth = random.nextInt(4) == 0 ? maxDepth : 1 + random.nextInt(maxDepth);
        int laneCount = random.nextInt(4) == 0 ? random.nextInt(17) : 15;
        long laneMask = random.nextInt(3) == 0 ? random.nextLong() & 0x7FFF : 0x7FFF;
        int tileMask = random.nextInt(3) == 0 ? random.nextInt(1 << tiles) : (1 << tiles) - 1;
        return new FrameRegisters(base, depth, stride, hints, laneCount, laneMask, tileMask);
    }

    @Test
    void bothFidelitiesRefuseTheSameFrames() {
        // DEPTH 0, STRIDE 256 and a last word 4095 + 1 are outside the controller's ranges (docs/tile.md).
        assertThrows(FrameException.class, () -> new FrameRegisters(0, 0, 1, Hints.OP_DOT, 15, 0x7FFF, 1));
        assertThrows(FrameException.class, () -> new FrameRegisters(0, 1, 256, Hints.OP_DOT, 15, 0x7FFF, 1));
        assertThrows(FrameException.class, () -> new FrameRegisters(4095, 2, 1, Hints.OP_DOT, 15, 0x7FFF, 1));
        // CONV3D with s = 2 steps 4 words: base 0, D 1024 ends at 4092, D 1025 at 4096.
        int conv3d = Hints.OP_CONV3D | 1 << 20;
        assertEquals(4092, new FrameRegisters(0, 1024, 1, conv3d, 15, 0x7FFF, 1).address(1023));
        assertThrows(FrameException.class, () -> new FrameRegisters(0, 1025, 1, conv3d, 15, 0x7FFF, 1));
        // 0xF3 = 243 is not a PT-5 code.
        assertThrows(FrameException.class, () -> new PeBackend(1).loadWeight(0, 0, 0xF3));
        assertThrows(FrameException.class, () -> new TileBackend(1).loadWeight(0, 0, 0xF3));
        assertThrows(FrameException.class, () -> new TileBackend(1).loadInput(1, 0, 0));
        assertThrows(FrameException.class, () -> new PeBackend(1).loadInput(0, 4096, 0));
    }
}

package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import dev.lockstep.sim.random.SplitMix64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiler spreading C tiles over several compute tiles (KpuConfig.tiles). */
class ComputeTilesTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");

    private static KpuConfig withTiles(int tiles) {
        return MINIMAL.withTiles(tiles);
    }

    private static KpuConfig fromYaml(String yaml) {
        return KpuConfig.of(ConfigReader.read(yaml, ConfigReader.Format.YAML, "test", HierarchyConfig.class));
    }

    @Test
    void theTileCountComesFromTheConfigurationsComputeTiles() {
        // Every preset ships compute_tiles: 1 (docs/kpu-top.md); a file may raise it, and leaving the
        // field out means 1.
        for (String preset : Presets.NAMES) {
            assertEquals(1, KpuConfig.load(preset).tiles(), preset);
        }
        String minimal = Presets.text("minimal");
        assertTrue(minimal.contains("compute_tiles: 1\n"));
        assertEquals(3, fromYaml(minimal.replace("compute_tiles: 1\n", "compute_tiles: 3\n")).tiles());
        assertEquals(1, fromYaml(minimal.replace("compute_tiles: 1\n", "")).tiles());
        assertEquals(4, MINIMAL.withTiles(4).tiles());
    }

    @Test
    void aTileCountBelowOneIsAClearConfigError() {
        String yaml = Presets.text("minimal").replace("compute_tiles: 1\n", "compute_tiles: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> fromYaml(yaml));
        assertTrue(e.getMessage().contains("compute_tiles") && e.getMessage().contains("allowed >= 1"), e.getMessage());
        ConfigException w = assertThrows(ConfigException.class, () -> MINIMAL.withTiles(0));
        assertTrue(w.getMessage().contains("compute_tiles"), w.getMessage());
    }

    @Test
    void twoTilesTakeAboutHalfTheCyclesOfOneOnAComputeBoundMatmul() {
        // 64 x 64 x 256 int8 on minimal (8 x 8 array, 4 Streamers, 1 DMA, 1 BlockMover), tiles
        // 16 x 16 x 256: 16 C tiles of one k-step each. A C tile's compute is 4 folds of a K = 256
        // pass, c ~ 4 x (256 + ~16) ~ 1,070 array cycles; per C tile the shared engines move at most
        // a 4 KiB A and a 4 KiB B tile (DMA ~ 60-170 cycles each, BlockMover 64 B/cycle: ~130), and
        // a tile's two feeds (16 lanes in 2 passes of ~263 steps) run on its own two Streamers, so
        // with two tiles the shared engines need ~ 2 x 300 < c per round: compute bound.
        // One tile: T1 = S + 16 c; two tiles, 8 rounds of two C tiles side by side: T2 = S + 8 c,
        // where S ~ 700 cycles is what no tile overlaps (first load, move and feed, last drain and
        // store). T2 / T1 = (S + 8c) / (S + 16c): above 1/2 for any S > 0, and at most 0.58 while
        // S <= 3c (0.42 S <= 1.28 c); with S ~ 0.65 c it is ~ 0.52.
        int m = 64, n = 64, k = 256;
        long one = cycles(withTiles(1), m, n, k);
        long two = cycles(withTiles(2), m, n, k);
        double ratio = (double) two / one;
        assertTrue(ratio > 0.5 && ratio <= 0.58, "2 tiles " + two + " cycles, 1 tile " + one + ", ratio " + ratio);
    }

    private static long cycles(KpuConfig cfg, int m, int n, int k) {
        var p = MatmulCompiler.compile(cfg, m, n, k, DType.INT8, 16, 16, 256).program();
        return new KpuTop(cfg, Fidelity.TILE, TransactionLog.none()).run(p).cycles();
    }

    @Test
    void productIsCorrectAtPeFidelityWithTwoAndFourTiles() {
        // 20 x 12 x 24 int8, tiles 8 x 8 x 8: 3 x 2 = 6 C tiles (edge tiles of 4 rows and 4
        // columns), 3 k-steps each. Round robin: with 2 tiles each takes 3 C tiles (9 computes);
        // with 4 the last round is partial, tiles 0 and 1 take 2 C tiles (6 computes), 2 and 3 one
        // (3). C must equal the plain triple-loop product computed here.
        checkProduct(2, new int[] {9, 9});
        checkProduct(4, new int[] {6, 6, 3, 3});
    }

    private static void checkProduct(int tiles, int[] computesPerTile) {
        int m = 20, n = 12, k = 24;
        KpuConfig cfg = withTiles(tiles);
        var program = MatmulCompiler.compile(cfg, m, n, k, DType.INT8, 8, 8, 8).program();
        int[] computes = new int[tiles];
        List<Instruction> in = program.instructions();
        for (Instruction x : in) {
            if (x.op() == Op.COMPUTE) {
                computes[x.engine()]++;
            }
        }
        assertArrayEquals(computesPerTile, computes, tiles + " tiles: computes per tile");
        KpuTop top = new KpuTop(cfg, Fidelity.PE, TransactionLog.none());
        long[] at = MatmulCompiler.operandAddresses(cfg, m, n, k, DType.INT8);
        byte[] a = random(m * k, 11 + tiles);
        byte[] b = random(k * n, 23 + tiles);
        top.map().write(at[0], a);
        top.map().write(at[1], b);
        top.run(program);
        byte[] c = top.map().read(at[2], m * n * 4);
        int[] expected = new int[m * n];
        int[] actual = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int q = 0; q < k; q++) {
                    s += a[i * k + q] * b[q * n + j];
                }
                expected[i * n + j] = s;
                int o = (i * n + j) * 4;
                actual[i * n + j] = (c[o] & 0xFF) | (c[o + 1] & 0xFF) << 8 | (c[o + 2] & 0xFF) << 16 | c[o + 3] << 24;
            }
        }
        assertArrayEquals(expected, actual, tiles + " tiles: C");
    }

    private static byte[] random(int count, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) r.nextLong();
        }
        return out;
    }
}

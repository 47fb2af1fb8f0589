package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.systolic.Dataflow;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated RTL on its own (no Java model) against plain matrix products computed here, driven
 * by the feeder schedule of docs/systolic.md and checked at the edges that document names: every
 * south output every edge, valid exactly where a result is due. Two folds back to back at the native
 * period, banks 0 then 1, the second using only part of the array.
 */
class SystolicArrayRtlProductTest {
    private static final int R = 4;
    private static final int C = 4;

    /** Signed int8 operands with both extremes present. */
    private static int[][] operands(Random rnd, int rows, int cols) {
        int[][] m = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = rnd.nextInt(256) - 128;
            }
        }
        m[0][0] = -128;
        m[rows - 1][cols - 1] = 127;
        return m;
    }

    private static int[][] product(int[][] a, int[][] b) {
        int[][] c = new int[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static void poke(VerilatedModel m, String port, long value) {
        m.port(port).poke(value & 0xFF);
    }

    @Test
    void outputStationaryDrainsEachProductRowByRowFromTheBottom() {
        // Fold 0: 4x5 times 5x4, all PEs. Fold 1: 3x5 times 5x2 (rows 3 and columns 2, 3 unused).
        // T = 5, native period max(T, R, ceil((T + R + C - 2) / 2)) = max(5, 4, 6) = 6.
        Random rnd = new Random(11);
        int t = 5;
        int[][][] a = {operands(rnd, 4, t), operands(rnd, 3, t)};
        int[][][] b = {operands(rnd, t, 4), operands(rnd, t, 2)};
        long[] start = {0, 6};
        // Drain edge d = s + T + R + C - 2: 11 and 17 (17 - 11 = 6 >= R, so the chains do not collide).
        long[] drain = {11, 17};
        try (VerilatedModel m = VerilatedModel.open(SystolicCosim.design(R, C, Dataflow.OS))) {
            m.reset(2);
            for (long e = 0; e < 24; e++) {
                for (int i = 0; i < R; i++) {
                    poke(m, "west_data_" + i, 0);
                    poke(m, "west_valid_" + i, 0);
                    poke(m, "west_bank_" + i, 0);
                }
                for (int j = 0; j < C; j++) {
                    poke(m, "north_data_" + j, 0);
                }
                poke(m, "drain", 0);
                poke(m, "drain_bank", 0);
                for (int f = 0; f < 2; f++) {
                    for (int i = 0; i < R; i++) {
                        long x = e - start[f] - i; // row i's operand t = x at edge s + i + t
                        if (x >= 0 && x < t) {
                            boolean used = i < a[f].length;
                            poke(m, "west_data_" + i, used ? a[f][i][(int) x] : 0);
                            poke(m, "west_valid_" + i, used ? 1 : 0);
                            poke(m, "west_bank_" + i, f);
                        }
                    }
                    for (int j = 0; j < C; j++) {
                        long x = e - start[f] - j;
                        if (x >= 0 && x < t && j < b[f][0].length) {
                            poke(m, "north_data_" + j, b[f][(int) x][j]);
                        }
                    }
                    if (e == drain[f]) {
                        poke(m, "drain", 1);
                        poke(m, "drain_bank", f);
                    }
                }
                m.tick();
                for (int j = 0; j < C; j++) {
                    // After edge d + r column j shows row R-1-r of the fold's product, r in 0..R-1;
                    // rows and columns the fold does not use drain as valid zeros.
                    long expectedValid = 0;
                    long expectedData = 0;
                    for (int f = 0; f < 2; f++) {
                        long r = e - drain[f];
                        if (r >= 0 && r < R) {
                            int row = R - 1 - (int) r;
                            int[][] c = product(a[f], b[f]);
                            expectedValid = 1;
                            expectedData = row < c.length && j < c[0].length ? c[row][j] & 0xFFFF_FFFFL : 0;
                        }
                    }
                    assertEquals(expectedValid, m.port("south_valid_" + j).peek(), "south_valid_" + j + " after edge " + e);
                    assertEquals(expectedData, m.port("south_data_" + j).peek(), "south_data_" + j + " after edge " + e);
                }
            }
        }
    }

    @Test
    void weightStationaryStreamsOneResultRowPerEdgeSkewedByColumn() {
        // Fold 0: X 6x4 times W 4x4. Fold 1: X 6x3 times W 3x2 (weight row 3 and columns 2, 3 zero).
        // T = 6, native period max(T, R, ceil((T + 2R + C - 3) / 2)) = max(6, 4, 8) = 8: u = 4 and 12,
        // preloads on edges 0..3 and 8..11.
        Random rnd = new Random(12);
        int t = 6;
        int[][][] w = {operands(rnd, 4, 4), operands(rnd, 3, 2)};
        int[][][] x = {operands(rnd, t, 4), operands(rnd, t, 3)};
        long[] u = {4, 12};
        try (VerilatedModel m = VerilatedModel.open(SystolicCosim.design(R, C, Dataflow.WS))) {
            m.reset(2);
            for (long e = 0; e < 30; e++) {
                for (int i = 0; i < R; i++) {
                    poke(m, "west_data_" + i, 0);
                    poke(m, "west_valid_" + i, 0);
                    poke(m, "west_bank_" + i, 0);
                }
                for (int j = 0; j < C; j++) {
                    poke(m, "north_data_" + j, 0);
                }
                poke(m, "wload", 0);
                poke(m, "wload_bank", 0);
                for (int f = 0; f < 2; f++) {
                    long q = e - (u[f] - R); // preload step: W[R-1-q][j] at edge u - R + q
                    if (q >= 0 && q < R) {
                        poke(m, "wload", 1);
                        poke(m, "wload_bank", f);
                        int row = R - 1 - (int) q;
                        for (int j = 0; j < C; j++) {
                            boolean used = row < w[f].length && j < w[f][0].length;
                            poke(m, "north_data_" + j, used ? w[f][row][j] : 0);
                        }
                    }
                    for (int i = 0; i < R; i++) {
                        long s = e - u[f] - i; // X[s][i] at edge u + i + s
                        if (s >= 0 && s < t) {
                            boolean used = i < x[f][0].length;
                            poke(m, "west_data_" + i, used ? x[f][(int) s][i] : 0);
                            poke(m, "west_valid_" + i, used ? 1 : 0);
                            poke(m, "west_bank_" + i, f);
                        }
                    }
                }
                m.tick();
                for (int j = 0; j < C; j++) {
                    // Column j shows C[s][j] after edge u + s + R - 1 + j; unused columns give 0.
                    long expectedValid = 0;
                    long expectedData = 0;
                    for (int f = 0; f < 2; f++) {
                        long s = e - (u[f] + R - 1 + j);
                        if (s >= 0 && s < t) {
                            int[][] c = product(x[f], w[f]);
                            expectedValid = 1;
                            expectedData = j < c[0].length ? c[(int) s][j] & 0xFFFF_FFFFL : 0;
                        }
                    }
                    assertEquals(expectedValid, m.port("south_valid_" + j).peek(), "south_valid_" + j + " after edge " + e);
                    assertEquals(expectedData, m.port("south_data_" + j).peek(), "south_data_" + j + " after edge " + e);
                }
            }
        }
    }

    @Test
    void accumulatorWrapsModuloTwoToThe32() {
        // PE(0, 0) of an OS array gets 140,000 MACs of (-128) x (-128) = 16,384 without a drain:
        // 140,000 x 16,384 = 2,293,760,000 > 2^31 - 1, so the 32-bit sum wraps to
        // 2,293,760,000 - 4,294,967,296 = -2,001,207,296 = 0x88B8_0000. Drained on the next edge,
        // it reaches south_data_0 R - 1 = 3 edges later (row 0 leaves the chain last).
        try (VerilatedModel m = VerilatedModel.open(SystolicCosim.design(R, C, Dataflow.OS))) {
            m.reset(2);
            poke(m, "west_data_0", -128);
            poke(m, "west_valid_0", 1);
            poke(m, "north_data_0", -128);
            for (int e = 0; e < 140_000; e++) {
                m.tick();
            }
            poke(m, "west_valid_0", 0);
            poke(m, "drain", 1);
            m.tick();
            poke(m, "drain", 0);
            for (int r = 1; r < R; r++) {
                m.tick();
            }
            assertEquals(1, m.port("south_valid_0").peek());
            assertEquals(0x88B8_0000L, m.port("south_data_0").peek());
        }
    }
}

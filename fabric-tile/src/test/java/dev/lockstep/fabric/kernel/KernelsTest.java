package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LSTM, attention, pooling, MUL and convolutions against plain integer arithmetic written here, on
 * sparse and dense random trits, at both fidelities with equal stats (cycles included).
 */
class KernelsTest {
    private static FabricSession[] both(int tiles) {
        return new FabricSession[] {new FabricSession(new PeBackend(tiles)), new FabricSession(new TileBackend(tiles))};
    }

    @Test
    void lstmPreActivationsAndHostCell() {
        SplitMix64 random = new SplitMix64(21);
        for (int zeros : new int[] {10, 70}) {
            int h = 12;
            int in = 20;
            int[][] wx = RandomTernary.matrix(random, 4 * h, in, zeros);
            int[][] wh = RandomTernary.matrix(random, 4 * h, h, zeros);
            int[][] xs = RandomTernary.matrix(random, 6, in, zeros);
            // The plain recurrence, cell rule as documented in TernaryLstm.
            int[][] pre = new int[6][];
            int[][] hid = new int[6][];
            int[] hPrev = new int[h];
            int[] c = new int[h];
            for (int t = 0; t < 6; t++) {
                int[] gx = Reference.matVec(wx, xs[t]);
                int[] gh = Reference.matVec(wh, hPrev);
                pre[t] = new int[4 * h];
                for (int r = 0; r < 4 * h; r++) {
                    pre[t][r] = gx[r] + gh[r];
                }
                int[] hn = new int[h];
                for (int j = 0; j < h; j++) {
                    int v = (pre[t][h + j] > 0 ? c[j] : 0) + (pre[t][j] > 0 ? Integer.signum(pre[t][2 * h + j]) : 0);
                    c[j] = Math.max(-1, Math.min(1, v));
                    hn[j] = pre[t][3 * h + j] > 0 ? c[j] : 0;
                }
                hid[t] = hn;
                hPrev = hn;
            }
            FabricSession[] s = both(4);
            for (FabricSession session : s) {
                TernaryLstm.Result r = TernaryLstm.run(session, wx, wh, xs);
                for (int t = 0; t < 6; t++) {
                    assertArrayEquals(pre[t], r.preActivations()[t], session.backend().fidelity() + " step " + t);
                    assertArrayEquals(hid[t], r.hidden()[t]);
                }
            }
            assertEquals(s[0].stats(), s[1].stats());
            // 48 rows fit one pass of 60: two frames a step (x part, then h part with BIAS_EN) = 12
            // frames of 20 + 12 cycles each step: 6 x 32 = 192; W written once: 32 words x 4 tiles.
            KernelStats st = s[1].stats();
            assertEquals(12, st.frames());
            assertEquals(192, st.cycles());
            assertEquals(4 * 32 + 6 * 4 * 32, st.bankWrites(), "weights once, x and h every step");
        }
    }

    @Test
    void attentionScoresAndMaxPoolOfTheirSigns() {
        SplitMix64 random = new SplitMix64(22);
        for (int zeros : new int[] {0, 60}) {
            int[][] q = RandomTernary.matrix(random, 9, 16, zeros);
            int[][] k = RandomTernary.matrix(random, 70, 16, zeros);
            int[][] expected = new int[9][70];
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 70; j++) {
                    for (int d = 0; d < 16; d++) {
                        expected[i][j] += q[i][d] * k[j][d];
                    }
                }
            }
            FabricSession[] s = both(2);
            for (FabricSession session : s) {
                int[][] scores = TernaryAttention.scores(session, q, k);
                for (int i = 0; i < 9; i++) {
                    assertArrayEquals(expected[i], scores[i]);
                }
                int[][] signs = new int[9][70];
                int[] rowMax = new int[9];
                for (int i = 0; i < 9; i++) {
                    rowMax[i] = -1;
                    for (int j = 0; j < 70; j++) {
                        signs[i][j] = Integer.signum(scores[i][j]);
                        rowMax[i] = Math.max(rowMax[i], signs[i][j]);
                    }
                }
                assertArrayEquals(rowMax, TernaryPool.pool(session, signs, Hints.POOL_MAX));
            }
            assertEquals(s[0].stats(), s[1].stats());
        }
    }

    @Test
    void poolMaxAndMinIncludingWindowsLongerThanABank() {
        SplitMix64 random = new SplitMix64(23);
        int[][] windows = RandomTernary.matrix(random, 40, 9, 50);
        // A window of 5000: all -1 but one +1 at 4500, in the second frame (BIAS_EN keeps the max).
        int[][] longWindows = new int[2][5000];
        java.util.Arrays.fill(longWindows[0], -1);
        longWindows[0][4500] = 1;
        java.util.Arrays.fill(longWindows[1], 1);
        longWindows[1][10] = -1;
        for (FabricSession session : both(2)) {
            int[] max = TernaryPool.pool(session, windows, Hints.POOL_MAX);
            int[] min = TernaryPool.pool(session, windows, Hints.POOL_MIN);
            for (int o = 0; o < 40; o++) {
                int mx = -2;
                int mn = 2;
                for (int v : windows[o]) {
                    mx = Math.max(mx, v);
                    mn = Math.min(mn, v);
                }
                assertEquals(mx, max[o]);
                assertEquals(mn, min[o]);
            }
            assertArrayEquals(new int[] {1, 1}, TernaryPool.pool(session, longWindows, Hints.POOL_MAX));
            assertArrayEquals(new int[] {-1, -1}, TernaryPool.pool(session, longWindows, Hints.POOL_MIN));
        }
    }

    @Test
    void mulIsTheElementwiseProduct() {
        SplitMix64 random = new SplitMix64(24);
        int[] a = RandomTernary.vector(random, 200, 30);
        int[] b = RandomTernary.vector(random, 200, 30);
        int[] expected = new int[200];
        for (int e = 0; e < 200; e++) {
            expected[e] = a[e] * b[e];
        }
        FabricSession[] s = both(3);
        for (FabricSession session : s) {
            assertArrayEquals(expected, TernaryMul.hadamard(session, a, b));
        }
        assertEquals(s[0].stats(), s[1].stats());
        // 45 elements a word: 5 frames of DEPTH 1, 4 edges each.
        assertEquals(5, s[1].stats().frames());
        assertEquals(20, s[1].stats().edges());
    }

    private static int[][][] conv2dReference(int[][][] x, int[][][][] w, int stride) {
        int oy = (x[0].length - w[0][0].length) / stride + 1;
        int ox = (x[0][0].length - w[0][0][0].length) / stride + 1;
        int[][][] out = new int[w.length][oy][ox];
        for (int k = 0; k < w.length; k++) {
            for (int y = 0; y < oy; y++) {
                for (int xx = 0; xx < ox; xx++) {
                    int s = 0;
                    for (int c = 0; c < x.length; c++) {
                        for (int i = 0; i < w[k][c].length; i++) {
                            for (int j = 0; j < w[k][c][i].length; j++) {
                                s += w[k][c][i][j] * x[c][y * stride + i][xx * stride + j];
                            }
                        }
                    }
                    out[k][y][xx] = s;
                }
            }
        }
        return out;
    }

    private static int[][][] tensor3(SplitMix64 random, int a, int b, int c, int zeros) {
        int[][][] t = new int[a][][];
        for (int i = 0; i < a; i++) {
            t[i] = RandomTernary.matrix(random, b, c, zeros);
        }
        return t;
    }

    @Test
    void conv2dWithStridesMatchesPlainLoops() {
        SplitMix64 random = new SplitMix64(25);
        for (int stride = 1; stride <= 2; stride++) {
            for (int zeros : new int[] {20, 75}) {
                int[][][] x = tensor3(random, 3, 11, 13, zeros);
                int[][][][] w = new int[4][][][];
                for (int k = 0; k < 4; k++) {
                    w[k] = tensor3(random, 3, 3, 3, zeros);
                }
                int[][][] expected = conv2dReference(x, w, stride);
                FabricSession[] s = both(2);
                for (FabricSession session : s) {
                    int[][][] out = TernaryConv.conv2d(session, x, w, stride);
                    for (int k = 0; k < 4; k++) {
                        for (int y = 0; y < expected[k].length; y++) {
                            assertArrayEquals(expected[k][y], out[k][y], session.backend().fidelity());
                        }
                    }
                }
                assertEquals(s[0].stats(), s[1].stats());
                assertTrue(s[1].stats().broadcasts() > 0, "weights go through the broadcast window");
            }
        }
    }

    @Test
    void conv2dWithMoreGroupsThanTheStrideRegisterUsesTheConvStrideMode() {
        // 1 tile, 64 x 64 input, 3 x 3 kernel: 62 x 62 = 3844 positions in 257 groups of 15; taps 9
        // allow 455 groups a batch, and 257 > 255 needs CONV2D s = 2: 256 groups, STRIDE 128.
        SplitMix64 random = new SplitMix64(26);
        int[][][] x = tensor3(random, 1, 64, 64, 40);
        int[][][][] w = {tensor3(random, 1, 3, 3, 0)};
        int[][][] expected = conv2dReference(x, w, 1);
        FabricSession[] s = both(1);
        for (FabricSession session : s) {
            int[][][] out = TernaryConv.conv2d(session, x, w, 1);
            for (int y = 0; y < 62; y++) {
                assertArrayEquals(expected[0][y], out[0][y]);
            }
        }
        assertEquals(s[0].stats(), s[1].stats());
        // 257 frames of 9 taps, in batches of 256 and 1.
        assertEquals(257, s[1].stats().frames());
        assertEquals(257 * 9, s[1].stats().cycles());
    }

    @Test
    void conv3dMatchesPlainLoops() {
        SplitMix64 random = new SplitMix64(27);
        // 2 channels of 18^3, kernels 2 x 2 x 2: 17^3 = 4913 positions on 1 tile, 328 groups; taps 16
        // allow 256 a batch, and a step of 256 needs CONV3D s = 2: STRIDE 64 x s^2 = 256.
        int c = 2;
        int n = 18;
        int[][][][] x = new int[c][][][];
        for (int ch = 0; ch < c; ch++) {
            x[ch] = tensor3(random, n, n, n, 50);
        }
        int[][][][][] w = new int[2][c][][][];
        for (int k = 0; k < 2; k++) {
            for (int ch = 0; ch < c; ch++) {
                w[k][ch] = tensor3(random, 2, 2, 2, 30);
            }
        }
        FabricSession[] s = both(1);
        int[][][][][] outs = new int[2][][][][];
        for (int i = 0; i < 2; i++) {
            outs[i] = TernaryConv.conv3d(s[i], x, w, 1);
        }
        assertEquals(s[0].stats(), s[1].stats());
        // Batches of 256 and 72 groups, each frame 16 taps, for each of 2 kernels.
        assertEquals(2 * 328, s[1].stats().frames());
        assertEquals(2 * 328 * 16, s[1].stats().cycles());
        for (int k = 0; k < 2; k++) {
            for (int z = 0; z < n - 1; z++) {
                for (int y = 0; y < n - 1; y++) {
                    for (int xx = 0; xx < n - 1; xx++) {
                        int sum = 0;
                        for (int ch = 0; ch < c; ch++) {
                            for (int a = 0; a < 2; a++) {
                                for (int b = 0; b < 2; b++) {
                                    for (int d = 0; d < 2; d++) {
                                        sum += w[k][ch][a][b][d] * x[ch][z + a][y + b][xx + d];
                                    }
                                }
                            }
                        }
                        assertEquals(sum, outs[1][k][z][y][xx]);
                        assertEquals(sum, outs[0][k][z][y][xx]);
                    }
                }
            }
        }
    }
}

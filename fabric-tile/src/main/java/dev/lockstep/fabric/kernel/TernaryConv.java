package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;

/**
 * CONV2D and CONV3D (valid padding, spatial stride) on the fabric. Both banks read one address
 * (tfmbs.md 2.4), so a word pairs one weight with one input: an input word cannot be reused under a
 * different weight, and an im2col gather is unavoidable; it is done on the host while writing the
 * input banks. The mapping:
 * <ul>
 * <li>lane = output position: a group holds tiles x lanes positions, tile t lanes for positions
 *     g x tiles x lanes + t x lanes + l;</li>
 * <li>tap d (over input channel, kernel z, y, x) = frame word d; input word lane l = the input under
 *     tap d of lane l's position;</li>
 * <li>the weight of tap d is in lane 0 only and reaches every lane through WEIGHT_BRDCST and every tile
 *     through the broadcast window; output channels loop outside, rewriting only weights.</li>
 * </ul>
 * G groups share the banks tap-major: tap d of group g is word d x G + g, and group g's frame is base
 * g, DEPTH taps, step G. The step is written as STRIDE x s (CONV2D) or STRIDE x s^2 (CONV3D) with the
 * smallest conv stride s that brings STRIDE under 256, which is what lets G exceed the 8-bit STRIDE
 * register (up to 1020 or 4080). Limits: taps &lt;= 4096 (one frame); G x taps &lt;= 4096 words per
 * batch of groups, more positions run in further batches.
 */
public final class TernaryConv {
    private TernaryConv() {
    }

    /** 2-D: x[c][y][x], w[k][c][ky][kx]; returns out[k][oy][ox]. */
    public static int[][][] conv2d(FabricSession session, int[][][] x, int[][][][] w, int stride) {
        int[][][][] x3 = {x};
        int[][][][][] w3 = new int[w.length][][][][];
        for (int k = 0; k < w.length; k++) {
            w3[k] = new int[w[k].length][][][];
            for (int c = 0; c < w[k].length; c++) {
                w3[k][c] = new int[][][] {w[k][c]};
            }
        }
        // Channels are the outer index of x; wrap each channel in a depth of 1.
        int[][][][] xc = new int[x.length][][][];
        for (int c = 0; c < x.length; c++) {
            xc[c] = new int[][][] {x[c]};
        }
        int[][][][] out = run(session, xc, w3, stride, Hints.OP_CONV2D);
        int[][][] o = new int[out.length][][];
        for (int k = 0; k < out.length; k++) {
            o[k] = out[k][0];
        }
        return o;
    }

    /** 3-D: x[c][z][y][x], w[k][c][kz][ky][kx]; returns out[k][oz][oy][ox]. */
    public static int[][][][] conv3d(FabricSession session, int[][][][] x, int[][][][][] w, int stride) {
        return run(session, x, w, stride, Hints.OP_CONV3D);
    }

    private static int[][][][] run(FabricSession session, int[][][][] x, int[][][][][] w, int stride, int op) {
        if (stride < 1) {
            throw new IllegalArgumentException("conv stride must be >= 1, got " + stride);
        }
        int channels = x.length;
        int depth = x[0].length;
        int height = x[0][0].length;
        int width = x[0][0][0].length;
        int kernels = w.length;
        int kz = w[0][0].length;
        int ky = w[0][0][0].length;
        int kx = w[0][0][0][0].length;
        if (w[0].length != channels) {
            throw new IllegalArgumentException("kernel has " + w[0].length + " input channels, x has " + channels);
        }
        int oz = (depth - kz) / stride + 1;
        int oy = (height - ky) / stride + 1;
        int ox = (width - kx) / stride + 1;
        if (oz < 1 || oy < 1 || ox < 1) {
            throw new IllegalArgumentException("kernel larger than the input");
        }
        int taps = channels * kz * ky * kx;
        if (taps > FrameRegisters.BANK_WORDS) {
            throw new IllegalArgumentException("taps " + taps + " > 4096: a frame cannot cover one output");
        }
        int tiles = session.tiles();
        int lanes = session.lanes();
        int perGroup = tiles * lanes;
        int positions = oz * oy * ox;
        int groups = (positions + perGroup - 1) / perGroup;
        int[] layout = layout(Math.min(groups, FrameRegisters.BANK_WORDS / taps), op);
        int batch = layout[0];
        int hintsBase = op | (layout[1] - 1) << 20 | Hints.ZERO_SKIP | Hints.WEIGHT_BRDCST;
        LaneWords words = new LaneWords(session.backend().mapping());
        int[][][][] out = new int[kernels][oz][oy][ox];
        int[] tapC = new int[taps];
        int[] tapZ = new int[taps];
        int[] tapY = new int[taps];
        int[] tapX = new int[taps];
        for (int c = 0, d = 0; c < channels; c++) {
            for (int z = 0; z < kz; z++) {
                for (int y = 0; y < ky; y++) {
                    for (int xx = 0; xx < kx; xx++, d++) {
                        tapC[d] = c;
                        tapZ[d] = z;
                        tapY[d] = y;
                        tapX[d] = xx;
                    }
                }
            }
        }
        for (int firstGroup = 0; firstGroup < groups; firstGroup += batch) {
            int batchGroups = Math.min(batch, groups - firstGroup);
            for (int g = 0; g < batchGroups; g++) {
                for (int t = 0; t < tiles; t++) {
                    for (int d = 0; d < taps; d++) {
                        words.clear();
                        for (int l = 0; l < lanes; l++) {
                            int p = (firstGroup + g) * perGroup + t * lanes + l;
                            if (p < positions) {
                                int pz = p / (oy * ox);
                                int py = p / ox % oy;
                                int px = p % ox;
                                words.set(l, x[tapC[d]][pz * stride + tapZ[d]][py * stride + tapY[d]][px * stride + tapX[d]]);
                            }
                        }
                        session.loadInput(t, d * batch + g, words.word());
                    }
                }
            }
            for (int k = 0; k < kernels; k++) {
                for (int d = 0; d < taps; d++) {
                    int word = words.clear().set(0, w[k][tapC[d]][tapZ[d]][tapY[d]][tapX[d]]).word();
                    for (int g = 0; g < batchGroups; g++) {
                        session.broadcastWeight(d * batch + g, word);
                    }
                }
                for (int g = 0; g < batchGroups; g++) {
                    FrameResult r = session.run(FrameRegisters.allLanes(g, taps, layout[2], hintsBase,
                            (int) ((1L << tiles) - 1)));
                    for (int i = 0; i < perGroup; i++) {
                        int p = (firstGroup + g) * perGroup + i;
                        if (p < positions) {
                            out[k][p / (oy * ox)][p / ox % oy][p % ox] = r.result(i / lanes, i % lanes);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * {groups per batch G, conv stride s, STRIDE register} with STRIDE x m = G, m = s (CONV2D) or s^2
     * (CONV3D), STRIDE &lt;= 255; G is the largest that fits, at most {@code wanted}.
     */
    private static int[] layout(int wanted, int op) {
        for (int s = 1; s <= 4; s++) {
            int m = op == Hints.OP_CONV3D ? s * s : s;
            int g = wanted / m * m;
            if (g >= 1 && g / m <= FrameRegisters.MAX_STRIDE) {
                return new int[] {g, s, g / m};
            }
        }
        return new int[] {FrameRegisters.MAX_STRIDE, 1, FrameRegisters.MAX_STRIDE};
    }
}

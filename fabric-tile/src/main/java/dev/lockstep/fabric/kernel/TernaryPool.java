package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;

/**
 * Ternary max or min pooling with the POOL op: out[o] = max (or min) of windows[o][0..K-1]. One output
 * per lane (tiles x lanes outputs per frame group), word d = window element d in every lane's input;
 * the weight is +1 in lane 0 of every word and reaches every lane through WEIGHT_BRDCST, every tile
 * through the broadcast window, so a lane's product is its input. Windows longer than a bank run as
 * several frames chained with BIAS_EN, which keeps the running max/min (no clear to the 32-bit
 * extreme between them). E.g. the max of sign(score) over the keys of each attention query.
 */
public final class TernaryPool {
    private TernaryPool() {
    }

    /** @param poolOp {@link Hints#POOL_MAX} or {@link Hints#POOL_MIN} */
    public static int[] pool(FabricSession session, int[][] windows, int poolOp) {
        if (poolOp != Hints.POOL_MAX && poolOp != Hints.POOL_MIN) {
            throw new IllegalArgumentException("pool op must be POOL_MAX or POOL_MIN, got " + poolOp);
        }
        if (windows.length == 0) {
            return new int[0];
        }
        int k = windows[0].length;
        for (int[] w : windows) {
            TernaryGemm.checkTrits(w, k, "window");
        }
        if (k == 0) {
            throw new IllegalArgumentException("windows must not be empty");
        }
        int tiles = session.tiles();
        int lanes = session.lanes();
        LaneWords words = new LaneWords(session.backend().mapping());
        int chunkWords = Math.min(k, FrameRegisters.BANK_WORDS);
        int plusInLaneZero = words.clear().set(0, 1).word();
        for (int d = 0; d < chunkWords; d++) {
            session.broadcastWeight(d, plusInLaneZero);
        }
        int perGroup = tiles * lanes;
        int[] out = new int[windows.length];
        int hints = Hints.pool(poolOp) | Hints.WEIGHT_BRDCST;
        for (int first = 0; first < windows.length; first += perGroup) {
            int outputs = Math.min(perGroup, windows.length - first);
            int usedTiles = (outputs + lanes - 1) / lanes;
            FrameResult r = null;
            for (int start = 0; start < k; start += FrameRegisters.BANK_WORDS) {
                int length = Math.min(FrameRegisters.BANK_WORDS, k - start);
                for (int t = 0; t < usedTiles; t++) {
                    for (int d = 0; d < length; d++) {
                        words.clear();
                        for (int l = 0; l < lanes; l++) {
                            int o = first + t * lanes + l;
                            if (o < windows.length) {
                                words.set(l, windows[o][start + d]);
                            }
                        }
                        session.loadInput(t, d, words.word());
                    }
                }
                int frameHints = start == 0 ? hints : hints | Hints.BIAS_EN;
                r = session.run(new FrameRegisters(0, length, 1, frameHints, usedTiles == 1 ? outputs : lanes,
                        (1L << lanes) - 1, (int) ((1L << usedTiles) - 1)));
            }
            for (int i = 0; i < outputs; i++) {
                out[first + i] = r.result(i / lanes, i % lanes);
            }
        }
        return out;
    }
}

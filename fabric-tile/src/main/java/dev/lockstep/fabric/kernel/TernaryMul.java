package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;

/**
 * The elementwise ternary product c[e] = a[e] b[e] with the MUL op, which leaves the last product in
 * each lane: element e sits in word e / (tiles x lanes), tile (e / lanes) mod tiles, lane e mod lanes,
 * a in the weight banks and b in the input banks, and each word is a frame of DEPTH 1 at its own base
 * (a longer frame would keep only its last word). Up to 4096 x tiles x lanes elements per bank load;
 * longer vectors reload the banks.
 */
public final class TernaryMul {
    private TernaryMul() {
    }

    public static int[] hadamard(FabricSession session, int[] a, int[] b) {
        TernaryGemm.checkTrits(a, a.length, "a");
        TernaryGemm.checkTrits(b, a.length, "b");
        int tiles = session.tiles();
        int lanes = session.lanes();
        int perWord = tiles * lanes;
        int words = (a.length + perWord - 1) / perWord;
        LaneWords wa = new LaneWords(session.backend().mapping());
        LaneWords wb = new LaneWords(session.backend().mapping());
        int[] c = new int[a.length];
        for (int w = 0; w < words; w++) {
            int address = w % FrameRegisters.BANK_WORDS;
            int first = w * perWord;
            int count = Math.min(perWord, a.length - first);
            int usedTiles = (count + lanes - 1) / lanes;
            for (int t = 0; t < usedTiles; t++) {
                wa.clear();
                wb.clear();
                for (int l = 0; l < lanes; l++) {
                    int e = first + t * lanes + l;
                    if (e < a.length) {
                        wa.set(l, a[e]);
                        wb.set(l, b[e]);
                    }
                }
                session.loadWeight(t, address, wa.word());
                session.loadInput(t, address, wb.word());
            }
            FrameResult r = session.run(new FrameRegisters(address, 1, 1, Hints.OP_MUL,
                    usedTiles == 1 ? count : lanes, (1L << lanes) - 1, (int) ((1L << usedTiles) - 1)));
            for (int i = 0; i < count; i++) {
                c[first + i] = r.result(i / lanes, i % lanes);
            }
        }
        return c;
    }
}

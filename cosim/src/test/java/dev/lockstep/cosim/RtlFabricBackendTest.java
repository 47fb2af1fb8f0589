package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameException;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.kernel.FabricSession;
import dev.lockstep.fabric.kernel.FabricTopBackend;
import dev.lockstep.fabric.kernel.TernaryGemm;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** The rtl fidelity runs the same bus program as pe: kernels give the same results, counters and cycles. */
class RtlFabricBackendTest {
    @Test
    void gemvAtRtlEqualsPeAndThePlainProduct() {
        SplitMix64 random = new SplitMix64(21);
        // 130 rows on 4 x 15 lanes: passes of 60, 60, 10 rows; 77 columns: 16 words, the last 2 trits padded.
        int[][] w = new int[130][77];
        int[] x = new int[77];
        for (int[] row : w) {
            fill(random, row);
        }
        fill(random, x);
        int[] expected = new int[w.length];
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < x.length; c++) {
                expected[r] += w[r][c] * x[c];
            }
        }
        FabricSession pe = new FabricSession(FabricTopBackend.pe(4));
        try (RtlFabricBackend rtl = RtlFabricBackend.open()) {
            FabricSession onRtl = new FabricSession(rtl);
            assertArrayEquals(expected, TernaryGemm.gemv(onRtl, w, x), "rtl");
            assertArrayEquals(expected, TernaryGemm.gemv(pe, w, x), "pe");
            assertEquals(pe.stats(), onRtl.stats(), "ops, skips, bank traffic, cycles and edges");
            assertEquals(((FabricTopBackend) pe.backend()).edges(), rtl.edges(), "bus edges too");
        }
    }

    @Test
    void everyCounterOfAMaskedBiasChainAgrees() {
        SplitMix64 random = new SplitMix64(22);
        FabricTopBackend pe = FabricTopBackend.pe(4);
        try (RtlFabricBackend rtl = RtlFabricBackend.open()) {
            for (int t = 0; t < 4; t++) {
                for (int a = 0; a < 64; a++) {
                    int w = word(random);
                    int in = word(random);
                    pe.loadWeight(t, a, w);
                    rtl.loadWeight(t, a, w);
                    pe.loadInput(t, a, in);
                    rtl.loadInput(t, a, in);
                }
            }
            FrameRegisters first = new FrameRegisters(0, 20, 1, Hints.OP_DOT | Hints.ZERO_SKIP, 12, 0x6FF7, 0b1011);
            FrameRegisters chained = new FrameRegisters(20, 30, 1, Hints.OP_DOT | Hints.BIAS_EN, 12, 0x6FF7, 0b1011);
            for (FrameRegisters f : new FrameRegisters[] {first, chained}) {
                FrameResult expected = pe.run(f);
                assertEquals(expected, rtl.run(f), f.toString());
            }
            // DEPTH 30 + 3 edges from START to DONE (FrameController timeline, tfmbs.md 2.9).
            assertEquals(33, rtl.run(chained).edges());
            assertThrows(FrameException.class, () -> rtl.loadInput(4, 0, 0), "the RTL has 4 tiles");
        }
    }

    private static void fill(SplitMix64 random, int[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(3) - 1;
        }
    }

    /** A 24-bit word of three valid PT-5 bytes (0..242). */
    private static int word(SplitMix64 random) {
        return random.nextInt(243) | random.nextInt(243) << 8 | random.nextInt(243) << 16;
    }
}

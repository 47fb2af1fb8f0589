package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bus program keeps the host's write order across per-tile and broadcast loads. */
class FabricTopBackendTest {
    private static int word(int trit) {
        int[] t = new int[15];
        t[0] = trit;
        return Pt5Codec.packWord(t, 0, Pt5Mapping.A);
    }

    @Test
    void laterWritesWinWhateverTheWindow() {
        FabricTopBackend pe = FabricTopBackend.pe(2);
        int plus = word(1);
        int minus = word(-1);
        pe.loadWeight(0, 0, minus);      // overwritten by the broadcast below
        pe.broadcastWeight(0, plus);
        pe.loadWeight(1, 0, minus);      // overwrites the broadcast in tile 1 only
        pe.loadInput(0, 0, plus);
        pe.loadInput(1, 0, plus);
        FrameResult r = pe.run(new FrameRegisters(0, 1, 1, Hints.OP_DOT, 15, 0x7FFF, 0b11));
        // Lane 0: tile 0 w = +1, x = +1 -> 1; tile 1 w = -1, x = +1 -> -1.
        assertEquals(1, r.result(0, 0));
        assertEquals(-1, r.result(1, 0));
        assertEquals(4, r.edges(), "D + 3");
    }
}

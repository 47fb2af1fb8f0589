package dev.lockstep.fabric.pt5;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Pt5UnpackerTest {
    @Test
    void workedExamplesOfTheReference() {
        // tfmbs.md 1.5 and 1.3, mapping A, code = digit (0 -> 00, +1 -> 01, -1 -> 10), lane i at 2i:
        //   0xC4 = (+1, -1, 0, +1, -1): 1 + 8 + 64 + 512 = 585; 0x79 all +1 = 341; 0xF2 all -1 = 682;
        //   250 (invalid) decodes as 7 = (+1, -1, 0, 0, 0): 9; 243 (invalid) as 0.
        int[][] cases = {{0xC4, 585, 0}, {0x79, 341, 0}, {0xF2, 682, 0}, {250, 9, 1}, {243, 0, 1}, {242, 682, 0}};
        for (int[] c : cases) {
            assertEquals(c[1], Pt5Unpacker.codes(c[0]), "codes of " + c[0]);
            assertEquals(c[2] == 1, Pt5Unpacker.invalid(c[0]), "invalid of " + c[0]);
        }
    }
}

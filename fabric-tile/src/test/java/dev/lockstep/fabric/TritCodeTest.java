package dev.lockstep.fabric;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TritCodeTest {
    @Test
    void codesDecodeAsDocumented() {
        // tfmbs.md 2.1: 00 = 0, 01 = +1, 10 = -1; 11 is read as 0 by decision (docs/lane.md).
        assertEquals(0, TritCode.value(0b00));
        assertEquals(1, TritCode.value(0b01));
        assertEquals(-1, TritCode.value(0b10));
        assertEquals(0, TritCode.value(0b11));
        assertTrue(TritCode.isZero(0b11));
        assertFalse(TritCode.isZero(0b10));
    }

    @Test
    void productTableIsSignFlip() {
        // rows w = 00, 01, 10, 11; columns x = 00, 01, 10, 11
        int[][] expected = {
                {0, 0, 0, 0},
                {0, 1, -1, 0},
                {0, -1, 1, 0},
                {0, 0, 0, 0},
        };
        for (int w = 0; w < 4; w++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(expected[w][x], TritCode.product(w, x), "w=" + w + " x=" + x);
            }
        }
    }

    @Test
    void ofRejectsNonTrits() {
        assertEquals(0b10, TritCode.of(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TritCode.of(2));
        assertEquals("a trit is -1, 0 or +1, got 2", e.getMessage());
    }
}

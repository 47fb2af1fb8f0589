package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BitValueTest {

    @Test
    void dropsBitsAboveTheWidth() {
        // -1 is all ones; 5 bits of it are 0b11111 = 0x1f.
        assertEquals(0x1FL, BitValue.of(-1L, 5).toLong());
        // (int) -2 sign-extends to 0xffff_ffff_ffff_fffe; its 32-bit value is 0xfffffffe.
        assertEquals(0xFFFF_FFFEL, BitValue.of(-2, 32).toLong());
        // 130 bits = 3 words, the top word keeps 130 - 128 = 2 bits: 0b11.
        BitValue wide = BitValue.of(new long[] {-1L, -1L, -1L, -1L}, 130);
        assertEquals(3, wide.wordCount());
        assertEquals(3L, wide.word(2));
        assertEquals(0L, wide.word(3));
    }

    @Test
    void hexHasOneDigitPerFourBitsOfWidth() {
        assertEquals("0x1", BitValue.of(1, 1).toHex());
        assertEquals("0x00000005", BitValue.of(5, 32).toHex());
        // 65 bits -> ceil(65/4) = 17 digits; bit 64 set is the leading 1.
        assertEquals("0x10000000000000003", BitValue.of(new long[] {3, 1}, 65).toHex());
        // 130 bits -> 33 digits: word 2 = 0b10 leads as "2", then words 1 and 0 in 16 digits each.
        assertEquals("0x2" + "0123456789abcdef" + "fedcba9876543210",
                BitValue.of(new long[] {0xFEDCBA9876543210L, 0x0123456789ABCDEFL, 2}, 130).toHex());
    }

    @Test
    void parsesHexBackAndRejectsWhatDoesNotFit() {
        BitValue v = BitValue.of(new long[] {0xFEDCBA9876543210L, 0x0123456789ABCDEFL, 2}, 130);
        assertEquals(v, BitValue.parseHex(v.toHex(), 130));
        assertEquals(BitValue.of(5, 32), BitValue.parseHex("0x5", 32));
        assertEquals(BitValue.of(0xAB, 8), BitValue.parseHex("0X00aB", 8));
        // 0x1ff needs 9 bits.
        assertThrows(NumberFormatException.class, () -> BitValue.parseHex("0x1ff", 8));
        assertThrows(NumberFormatException.class, () -> BitValue.parseHex("12", 8));
        assertThrows(NumberFormatException.class, () -> BitValue.parseHex("0x", 8));
        assertThrows(NumberFormatException.class, () -> BitValue.parseHex("0xg", 8));
    }

    @Test
    void equalityIsByWidthAndValue() {
        assertEquals(BitValue.of(7, 8), BitValue.of(new long[] {7}, 8));
        assertEquals(BitValue.of(7, 8).hashCode(), BitValue.of(new long[] {7}, 8).hashCode());
        assertNotEquals(BitValue.of(7, 8), BitValue.of(7, 9));
        assertNotEquals(BitValue.of(7, 8), BitValue.of(6, 8));
    }

    @Test
    void rejectsWidthBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> BitValue.of(0, 0));
    }
}

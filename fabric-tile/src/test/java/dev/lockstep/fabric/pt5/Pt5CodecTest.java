package dev.lockstep.fabric.pt5;

import dev.lockstep.fabric.TritCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.lockstep.fabric.pt5.Pt5Mapping.A;
import static dev.lockstep.fabric.pt5.Pt5Mapping.B;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected bytes and trits are the worked examples of tfmbs.md 1.3 and 1.5 unless derived in a comment. */
class Pt5CodecTest {
    private static final Pt5Options STRICT_B = new Pt5Options(B, InvalidBytes.REJECT);
    private static final Pt5Options COMPAT_B = new Pt5Options(B, InvalidBytes.RTL_COMPAT);

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void assertBothWays(int[] trits, Pt5Mapping mapping, int expectedByte) {
        assertArrayEquals(bytes(expectedByte), Pt5Codec.pack(trits, mapping), "pack under " + mapping);
        assertArrayEquals(trits, Pt5Codec.unpack(bytes(expectedByte), 5, new Pt5Options(mapping, InvalidBytes.REJECT)),
                "unpack under " + mapping);
    }

    @Test
    void workedExamplesOfSection15() {
        assertBothWays(new int[] {1, -1, 0, 1, -1}, A, 0xC4);
        assertBothWays(new int[] {1, -1, 0, 1, -1}, B, 0x41);
        assertBothWays(new int[] {1, 1, 1, 1, 1}, A, 0x79);
        assertBothWays(new int[] {1, 1, 1, 1, 1}, B, 0xF2);
        assertBothWays(new int[] {-1, -1, -1, -1, -1}, A, 0xF2);
        assertBothWays(new int[] {-1, -1, -1, -1, -1}, B, 0x00);
        assertBothWays(new int[] {0, 0, 0, 0, 0}, A, 0x00);
        assertBothWays(new int[] {0, 0, 0, 0, 0}, B, 0x79);
        assertBothWays(new int[] {-1, 0, 1, 1, -1}, A, 0xC8);
        assertBothWays(new int[] {-1, 0, 1, 1, -1}, B, 0x4B);
    }

    @Test
    void rtlReadingOfAMappingBByte() {
        // 1.5: the RTL (mapping A) decoding 0x4B, the B packing of (-1,0,+1,+1,-1), gives (0,+1,-1,-1,0).
        assertArrayEquals(new int[] {0, 1, -1, -1, 0}, Pt5Codec.unpack(bytes(0x4B), 5, Pt5Options.DEFAULT));
    }

    @Test
    void weightsMemByte0x55() {
        assertArrayEquals(new int[] {1, 1, 0, 0, 1}, Pt5Codec.unpack(bytes(0x55), 5, Pt5Options.DEFAULT));
        assertArrayEquals(new int[] {0, 0, -1, -1, 0}, Pt5Codec.unpack(bytes(0x55), 5, STRICT_B));
    }

    @Test
    void pt5PackExampleOutput() {
        int[] trits = {1, 0, -1, 1, 1, 0, 0, 0, -1, -1, 1, 1, 1, 1, 1};
        assertArrayEquals(bytes(0xDD, 0x0D, 0xF2), Pt5Codec.pack(trits, B));
        assertArrayEquals(trits, Pt5Codec.unpack(bytes(0xDD, 0x0D, 0xF2), 15, STRICT_B));
    }

    @Test
    void ternaryCliExamplePadsTheTailWithTritZero() {
        int[] trits = {1, -1, 1, 1, 1, 1, -1};
        assertArrayEquals(bytes(124, 7), Pt5Codec.pack(trits, A));
        assertArrayEquals(trits, Pt5Codec.unpack(bytes(124, 7), 7, Pt5Options.DEFAULT));
    }

    @Test
    void tailPaddingUnderBIsDigitOne() {
        // (+1) then four padding 0s: digits 2,1,1,1,1 -> 2 + 3 + 9 + 27 + 81 = 122.
        assertArrayEquals(bytes(122), Pt5Codec.pack(new int[] {1}, B));
        assertArrayEquals(new int[] {1}, Pt5Codec.unpack(bytes(122), 1, STRICT_B));
    }

    @Test
    void everyByteRemapsDigitwiseFromAToB() {
        for (int b = 0; b < 243; b++) {
            int[] trits = Pt5Codec.unpack(bytes(b), 5, Pt5Options.DEFAULT);
            int packedB = Pt5Codec.pack(trits, B)[0] & 0xFF;
            int a = b;
            int viaB = packedB;
            for (int i = 0; i < 5; i++) {
                assertEquals((a % 3 + 1) % 3, viaB % 3, "byte " + b + " digit " + i);
                a /= 3;
                viaB /= 3;
            }
        }
    }

    @Test
    void mappingBByteIsBalancedValuePlus121() {
        // 1.2: under B the byte is V + 121 with V = sum t_i * 3^i.
        for (int b = 0; b < 243; b++) {
            int[] t = Pt5Codec.unpack(bytes(b), 5, STRICT_B);
            int v = t[0] + 3 * t[1] + 9 * t[2] + 27 * t[3] + 81 * t[4];
            assertEquals(b, v + 121, "byte " + b);
        }
    }

    @Test
    void randomStreamsRoundTripAtEveryLength() {
        SplittableRandom rnd = new SplittableRandom(0x5EED);
        for (Pt5Mapping m : Pt5Mapping.values()) {
            for (int n = 0; n <= 203; n++) {
                int[] trits = new int[n];
                for (int i = 0; i < n; i++) {
                    trits[i] = rnd.nextInt(3) - 1;
                }
                byte[] packed = Pt5Codec.pack(trits, m);
                // ceil(n / 5) bytes.
                assertEquals((n + 4) / 5, packed.length, "length for n=" + n);
                for (InvalidBytes policy : InvalidBytes.values()) {
                    assertArrayEquals(trits, Pt5Codec.unpack(packed, n, new Pt5Options(m, policy)),
                            m + " " + policy + " n=" + n);
                }
            }
        }
    }

    @Test
    void offsetsInBothDirections() {
        int[] src = {9, 9, 1, -1, 0, 1, -1, 1, 9};
        byte[] dst = {0x11, 0, 0, 0x22};
        // Trits 2..7 = (+1,-1,0,+1,-1),(+1): 0xC4 and (+1 padded) = 1.
        assertEquals(2, Pt5Codec.pack(src, 2, 6, dst, 1, A));
        assertArrayEquals(bytes(0x11, 0xC4, 0x01, 0x22), dst);
        int[] back = {7, 7, 7, 7, 7, 7, 7, 7};
        Pt5Codec.unpack(dst, 1, 6, back, 1, Pt5Options.DEFAULT);
        assertArrayEquals(new int[] {7, 1, -1, 0, 1, -1, 1, 7}, back);
    }

    @Test
    void invalidBytesAreRejectedWithOffsetAndErrPack() {
        for (int b = 243; b <= 255; b++) {
            byte[] src = bytes(0x00, 0x79, b, 0x00);
            Pt5FormatException e = assertThrows(Pt5FormatException.class,
                    () -> Pt5Codec.unpack(src, 20, Pt5Options.DEFAULT));
            assertEquals(2, e.offset());
            assertEquals(3, e.status().code());   // tfmbs.md 3.3: ERR_PACK = 3
            assertTrue(e.getMessage().contains("byte offset 2"), e.getMessage());
            assertTrue(e.getMessage().contains("ERR_PACK 3"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
    }

    @Test
    void invalidTailByteIsRejectedToo() {
        // 7 trits read the tail byte's first 2 digits; 250 is invalid whatever is used of it.
        Pt5FormatException e = assertThrows(Pt5FormatException.class,
                () -> Pt5Codec.unpack(bytes(124, 250), 7, Pt5Options.DEFAULT));
        assertEquals(1, e.offset());
    }

    @Test
    void rtlCompatDecodesInvalidBytesAsBMinus243() {
        assertArrayEquals(new int[] {1, -1, 0, 0, 0}, Pt5Codec.unpack(bytes(250), 5, Pt5Options.RTL_COMPAT));
        assertArrayEquals(new int[] {0, 1, 1, 0, 0}, Pt5Codec.unpack(bytes(255), 5, Pt5Options.RTL_COMPAT));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, Pt5Codec.unpack(bytes(243), 5, Pt5Options.RTL_COMPAT));
        for (int b = 243; b <= 255; b++) {
            assertArrayEquals(Pt5Codec.unpack(bytes(b - 243), 5, COMPAT_B), Pt5Codec.unpack(bytes(b), 5, COMPAT_B),
                    "byte " + b + " under B");
        }
    }

    @Test
    void strictTailMustBePaddedWithTritZero() {
        // 7 + 9 * 1 = 16: digits 1,2,1 -> trits (+1,-1) and +1 at unused position 2.
        Pt5FormatException e = assertThrows(Pt5FormatException.class,
                () -> Pt5Codec.unpack(bytes(124, 16), 7, Pt5Options.DEFAULT));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("unused position 2"), e.getMessage());
        assertArrayEquals(new int[] {1, -1, 1, 1, 1, 1, -1}, Pt5Codec.unpack(bytes(124, 16), 7, Pt5Options.RTL_COMPAT));
        // The C emulator's unwritten tail: pool byte 0x00 under B is five -1s, not padding.
        assertThrows(Pt5FormatException.class, () -> Pt5Codec.unpack(bytes(0x00), 3, STRICT_B));
    }

    @Test
    void truncatedSourceIsBadInputAtItsEnd() {
        // 11 trits need ceil(11 / 5) = 3 bytes; from offset 1 only 2 remain.
        Pt5FormatException e = assertThrows(Pt5FormatException.class,
                () -> Pt5Codec.unpack(bytes(0, 0, 0), 1, 11, new int[11], 0, Pt5Options.DEFAULT));
        assertEquals(3, e.offset());
        assertEquals("byte offset 3: 11 trits need 3 bytes from offset 1, the data ends after 2 (ERR_PACK 3)",
                e.getMessage());
    }

    @Test
    void packRejectsNonTritsWithTheirIndex() {
        Pt5FormatException e = assertThrows(Pt5FormatException.class,
                () -> Pt5Codec.pack(new int[] {0, 1, -1, 0, 0, 0, 2}, A));
        assertEquals(6, e.offset());
        assertEquals(3, e.status().code());
        assertTrue(e.getMessage().startsWith("trit index 6: 2 "), e.getMessage());
    }

    @Test
    void decodeWordUnderAGivesTheRtlDigitAsCode() {
        // 2.1: the unpacker maps digit 0/1/2 to code 00/01/10, lane j = digit j mod 5 of byte j / 5.
        int[] codes = new int[Pt5Codec.LANES_PER_WORD];
        for (int b = 0; b < 243; b++) {
            for (int k = 0; k < 3; k++) {
                Pt5Codec.decodeWord(b << (8 * k), codes, 0, Pt5Options.DEFAULT);
                for (int lane = 0; lane < 15; lane++) {
                    int expected = lane / 5 == k ? (b / (int) Math.pow(3, lane % 5)) % 3 : 0;
                    assertEquals(expected, codes[lane], "byte " + b + " at " + k + ", lane " + lane);
                }
            }
        }
    }

    @Test
    void decodeWordGoldenWords() {
        int[] codes = new int[17];
        // 7: W0 = 0x0000C4 -> lanes 0..4 = +1,-1,0,+1,-1; the 0xFF in bits 31:24 is ignored (1.1).
        Pt5Codec.decodeWord(0xFF0000C4, codes, 1, Pt5Options.DEFAULT);
        int p = TritCode.PLUS;
        int m = TritCode.MINUS;
        assertArrayEquals(new int[] {0, p, m, 0, p, m, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, codes);
        // 0x797979 is all +1 under A and all 0 under B.
        Pt5Codec.decodeWord(0x797979, codes, 0, Pt5Options.DEFAULT);
        assertArrayEquals(new int[] {p, p, p, p, p, p, p, p, p, p, p, p, p, p, p}, Arrays.copyOf(codes, 15));
        Pt5Codec.decodeWord(0x797979, codes, 0, STRICT_B);
        assertArrayEquals(new int[15], Arrays.copyOf(codes, 15));
    }

    @Test
    void decodeWordInvalidByte() {
        int[] codes = new int[15];
        Pt5FormatException e = assertThrows(Pt5FormatException.class,
                () -> Pt5Codec.decodeWord(0x00FA00, codes, 0, Pt5Options.DEFAULT));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("byte 1 (lanes 5..9)"), e.getMessage());
        // RTL-compat: 250 -> (+1,-1,0,0,0) on lanes 5..9.
        Pt5Codec.decodeWord(0x00FA00, codes, 0, Pt5Options.RTL_COMPAT);
        int p = TritCode.PLUS;
        int m = TritCode.MINUS;
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, p, m, 0, 0, 0, 0, 0, 0, 0, 0}, codes);
    }

    @Test
    void packWordPutsLaneJInByteJOver5() {
        int[] lanes = {1, -1, 0, 1, -1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        // Byte 0 = 0xC4, byte 1 = 0x00, byte 2 = 0x79 (1.5, mapping A).
        assertEquals(0x7900C4, Pt5Codec.packWord(lanes, 0, A));
        // Under B: 0x41, 0x79, 0xF2.
        assertEquals(0xF27941, Pt5Codec.packWord(lanes, 0, B));
    }
}

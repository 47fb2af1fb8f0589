package dev.lockstep.fabric.pt5;

import java.util.Objects;

/**
 * PT-5: five trits per byte, trit i the base-3 digit of weight 3^i (tfmbs.md 1.1). Trits are ints
 * -1, 0, +1. A stream of n trits takes ceil(n / 5) bytes; the last byte is padded with trit 0
 * (tfmbs.md 1.4). Decoding is a table lookup per byte; nothing is allocated per byte.
 */
public final class Pt5Codec {
    /** One 24-bit SRAM word: three PT-5 bytes, one trit per lane. */
    public static final int LANES_PER_WORD = 15;

    private static final int TRITS_PER_BYTE = Pt5Mapping.TRITS_PER_BYTE;
    private static final int[] POWER_OF_THREE = Pt5Mapping.POWER_OF_THREE;

    private Pt5Codec() {
    }

    /** Bytes needed for n trits. */
    public static int packedLength(int trits) {
        if (trits < 0) {
            throw new IllegalArgumentException("trit count must be >= 0, got " + trits);
        }
        return (trits + TRITS_PER_BYTE - 1) / TRITS_PER_BYTE;
    }

    /** Packs all of {@code trits} into a new array of {@link #packedLength} bytes. */
    public static byte[] pack(int[] trits, Pt5Mapping mapping) {
        byte[] out = new byte[packedLength(trits.length)];
        pack(trits, 0, trits.length, out, 0, mapping);
        return out;
    }

    /**
     * Packs {@code n} trits from {@code src[from..]} into {@code dst[dstOffset..]}; returns the number
     * of bytes written. A value that is not -1, 0 or +1 fails with ERR_PACK naming its index in src.
     */
    public static int pack(int[] src, int from, int n, byte[] dst, int dstOffset, Pt5Mapping mapping) {
        int bytes = packedLength(n);
        Objects.checkFromIndexSize(from, n, src.length);
        Objects.checkFromIndexSize(dstOffset, bytes, dst.length);
        for (int k = 0; k < bytes; k++) {
            int start = k * TRITS_PER_BYTE;
            dst[dstOffset + k] = (byte) packByte(src, from + start, Math.min(TRITS_PER_BYTE, n - start), mapping);
        }
        return bytes;
    }

    /** Unpacks the first n trits of {@code src} into a new array. */
    public static int[] unpack(byte[] src, int n, Pt5Options options) {
        int[] out = new int[n];
        unpack(src, 0, n, out, 0, options);
        return out;
    }

    /**
     * Unpacks n trits from the bytes at {@code src[srcOffset..]} into {@code dst[dstOffset..]}.
     * Reads {@link #packedLength}(n) bytes; too few of them, or under {@link InvalidBytes#REJECT} an
     * invalid byte or a badly padded tail, fails with ERR_PACK naming the byte offset in src.
     */
    public static void unpack(byte[] src, int srcOffset, int n, int[] dst, int dstOffset, Pt5Options options) {
        int bytes = packedLength(n);
        Objects.checkFromIndexSize(dstOffset, n, dst.length);
        Objects.checkIndex(srcOffset, src.length + 1);
        if (bytes > src.length - srcOffset) {
            // Truncated data is bad input (a short file), not a caller's indexing bug.
            throw new Pt5FormatException(String.format(
                    "byte offset %d: %d trits need %d bytes from offset %d, the data ends after %d",
                    src.length, n, bytes, srcOffset, src.length - srcOffset), src.length);
        }
        byte[] table = options.mapping().tritTable();
        boolean reject = options.invalidBytes() == InvalidBytes.REJECT;
        int whole = n / TRITS_PER_BYTE;
        int d = dstOffset;
        for (int k = 0; k < whole; k++) {
            int b = src[srcOffset + k] & 0xFF;
            if (reject && b >= Pt5Mapping.CODES) {
                throw invalidByte(b, srcOffset + k);
            }
            int row = Pt5Mapping.row(b);
            dst[d] = table[row];
            dst[d + 1] = table[row + 1];
            dst[d + 2] = table[row + 2];
            dst[d + 3] = table[row + 3];
            dst[d + 4] = table[row + 4];
            d += TRITS_PER_BYTE;
        }
        int used = n - whole * TRITS_PER_BYTE;
        if (used > 0) {
            int at = srcOffset + whole;
            int b = src[at] & 0xFF;
            if (reject) {
                if (b >= Pt5Mapping.CODES) {
                    throw invalidByte(b, at);
                }
                checkPadding(b, used, at, options.mapping());
            }
            int row = Pt5Mapping.row(b);
            for (int i = 0; i < used; i++) {
                dst[d + i] = table[row + i];
            }
        }
    }

    /**
     * Packs 15 trits, lane j at byte j / 5, digit j mod 5 (tfmbs.md 1.1), into a 24-bit SRAM word
     * (bits 31:24 zero), as the reference's loaders build weight and input words.
     */
    public static int packWord(int[] trits, int from, Pt5Mapping mapping) {
        Objects.checkFromIndexSize(from, LANES_PER_WORD, trits.length);
        int word = 0;
        for (int k = 0; k < 3; k++) {
            word |= packByte(trits, from + TRITS_PER_BYTE * k, TRITS_PER_BYTE, mapping) << (8 * k);
        }
        return word;
    }

    /**
     * The tile's three unpackers: writes the 15 lanes' 2-bit {@link dev.lockstep.fabric.TritCode}s of
     * a 24-bit SRAM word to {@code codes[offset..offset+14]}. Lane j is digit j mod 5 of byte j / 5,
     * byte k being bits 8k+7:8k; bits 31:24 are ignored (tfmbs.md 1.1). Under mapping A the code is the
     * digit, exactly as pt5_unpacker.v; under B it is the code of the trit B stands for. Under
     * {@link InvalidBytes#REJECT} a byte 243..255 fails with ERR_PACK naming the byte (0..2) in the word.
     */
    public static void decodeWord(int word, int[] codes, int offset, Pt5Options options) {
        Objects.checkFromIndexSize(offset, LANES_PER_WORD, codes.length);
        byte[] table = options.mapping().codeTable();
        boolean reject = options.invalidBytes() == InvalidBytes.REJECT;
        for (int k = 0; k < 3; k++) {
            int b = (word >>> (8 * k)) & 0xFF;
            if (reject && b >= Pt5Mapping.CODES) {
                throw new Pt5FormatException(String.format(
                        "SRAM word 0x%06X, byte %d (lanes %d..%d): 0x%02X (%d) is not a PT-5 code (0..242)",
                        word & 0xFFFFFF, k, 5 * k, 5 * k + 4, b, b), k);
            }
            int row = Pt5Mapping.row(b);
            int o = offset + TRITS_PER_BYTE * k;
            codes[o] = table[row];
            codes[o + 1] = table[row + 1];
            codes[o + 2] = table[row + 2];
            codes[o + 3] = table[row + 3];
            codes[o + 4] = table[row + 4];
        }
    }

    /** One byte from {@code count} (1..5) trits at {@code src[from..]}, the rest padded with trit 0. */
    private static int packByte(int[] src, int from, int count, Pt5Mapping mapping) {
        int excess = 0;
        for (int i = TRITS_PER_BYTE - 1; i >= 0; i--) {
            // Padding trit 0 is excess digit 1.
            int digit = 1;
            if (i < count) {
                int trit = src[from + i];
                digit = trit + 1;
                if (digit < 0 || digit > 2) {
                    throw new Pt5FormatException("trit index " + (from + i) + ": " + trit
                            + " is not a trit (-1, 0 or +1)", from + i);
                }
            }
            excess = excess * 3 + digit;
        }
        return mapping.fromExcess(excess);
    }

    /** The tail byte's digits past the {@code used} trits read must all be the padding trit 0. */
    private static void checkPadding(int b, int used, int at, Pt5Mapping mapping) {
        int pad = mapping.digit(0);
        int rest = b / POWER_OF_THREE[used];
        for (int i = used; i < TRITS_PER_BYTE; i++) {
            if (rest % 3 != pad) {
                throw new Pt5FormatException(String.format(
                        "byte offset %d: tail byte 0x%02X (%d) holds trit %d at unused position %d; "
                                + "padding must be trit 0 under mapping %s",
                        at, b, b, mapping.trit(rest % 3), i, mapping), at);
            }
            rest /= 3;
        }
    }

    private static Pt5FormatException invalidByte(int b, int at) {
        return new Pt5FormatException(String.format(
                "byte offset %d: 0x%02X (%d) is not a PT-5 code (0..242)", at, b, b), at);
    }
}

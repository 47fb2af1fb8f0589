package dev.lockstep.trace;

import java.util.Arrays;

/**
 * Immutable bit vector of any width >= 1, stored as little-endian 64-bit words (word 0 holds bits 0..63).
 * Bits above the width are always zero, so equality by value is a plain word comparison.
 */
public final class BitValue {
    private final long[] words;
    private final int width;

    private BitValue(long[] words, int width) {
        this.words = words;
        this.width = width;
    }

    /**
     * The low {@code width} bits of {@code v}, zero-extended beyond 64; higher bits are dropped (a sign-extended
     * int stays a 32-bit value).
     */
    public static BitValue of(long v, int width) {
        checkWidth(width);
        long[] w = new long[wordCount(width)];
        w[0] = width < 64 ? v & lowMask(width) : v;
        return new BitValue(w, width);
    }

    /**
     * The low {@code width} bits of the little-endian {@code words}; missing words read as zero, bits above
     * the width are dropped. The array is copied.
     */
    public static BitValue of(long[] words, int width) {
        checkWidth(width);
        long[] w = Arrays.copyOf(words, wordCount(width));
        w[w.length - 1] &= lowMask(width);
        return new BitValue(w, width);
    }

    /** Takes ownership of {@code words}, which must have exactly wordCount(width) words and no bits above width. */
    static BitValue wrap(long[] words, int width) {
        return new BitValue(words, width);
    }

    /**
     * Parses {@code 0x}-prefixed hexadecimal (digits only, any case, leading zeros allowed) into a value of
     * the given width.
     *
     * @throws NumberFormatException if the text is not such hex or the value does not fit the width
     */
    public static BitValue parseHex(String text, int width) {
        checkWidth(width);
        if (text.length() < 3 || text.charAt(0) != '0' || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
            throw new NumberFormatException("expected 0x followed by hex digits, got \"" + text + "\"");
        }
        long[] w = new long[wordCount(width)];
        int bit = 0;
        for (int i = text.length() - 1; i >= 2; i--, bit += 4) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                throw new NumberFormatException("'" + text.charAt(i) + "' is not a hex digit in \"" + text + "\"");
            }
            if (d == 0) {
                continue;
            }
            if (bit + (32 - Integer.numberOfLeadingZeros(d)) > width) {
                throw new NumberFormatException(text + " does not fit in " + width + " bits");
            }
            w[bit >>> 6] |= (long) d << (bit & 63);
        }
        return new BitValue(w, width);
    }

    /** Number of 64-bit words a value of this width occupies. */
    public static int wordCount(int width) {
        return (width + 63) >>> 6;
    }

    static void checkWidth(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("bit width must be >= 1, got " + width);
        }
    }

    /** Mask of the bits the top word of a {@code width}-bit value may hold. */
    static long lowMask(int width) {
        int r = width & 63;
        return r == 0 ? -1L : (1L << r) - 1;
    }

    public int width() {
        return width;
    }

    public int wordCount() {
        return words.length;
    }

    /** Word {@code i} (bits 64i..64i+63); words at or above {@link #wordCount()} read as zero. */
    public long word(int i) {
        if (i < 0) {
            throw new IndexOutOfBoundsException("word index " + i);
        }
        return i < words.length ? words[i] : 0L;
    }

    /** A copy of the little-endian words. */
    public long[] toWords() {
        return words.clone();
    }

    /** The low 64 bits. */
    public long toLong() {
        return words[0];
    }

    /** Bit {@code i}, 0 = least significant. */
    public boolean bit(int i) {
        if (i < 0 || i >= width) {
            throw new IndexOutOfBoundsException("bit " + i + " of a " + width + "-bit value");
        }
        return (words[i >>> 6] >>> (i & 63) & 1L) != 0;
    }

    /** {@code 0x} and exactly ceil(width / 4) lowercase hex digits, so the width can be read off the text. */
    public String toHex() {
        int digits = (width + 3) >>> 2;
        char[] out = new char[digits + 2];
        out[0] = '0';
        out[1] = 'x';
        for (int d = 0; d < digits; d++) {
            int bit = d * 4;
            int nibble = (int) (words[bit >>> 6] >>> (bit & 63)) & 0xF;
            out[out.length - 1 - d] = Character.forDigit(nibble, 16);
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitValue b && b.width == width && Arrays.equals(b.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * width + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return toHex();
    }
}

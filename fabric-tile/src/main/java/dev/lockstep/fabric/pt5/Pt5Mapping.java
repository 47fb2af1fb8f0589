package dev.lockstep.fabric.pt5;

import dev.lockstep.fabric.TritCode;

/**
 * Which base-3 digit stands for which trit (tfmbs.md 1.2). The two mappings are not a byte offset
 * of each other but a per-digit remap, d_B = (d_A + 1) mod 3, so each keeps its own decode table.
 */
public enum Pt5Mapping {
    /** Mapping A, "sign-code": -1 -> 2, 0 -> 0, +1 -> 1. The RTL unpacker's, so digit == 2-bit code. */
    A {
        @Override
        public int digit(int trit) {
            return trit < 0 ? 2 : trit;
        }

        @Override
        public int trit(int digit) {
            return digit == 2 ? -1 : digit;
        }
    },
    /** Mapping B, "excess-121": digit = trit + 1, so the byte is V + 121 with V the balanced value. */
    B {
        @Override
        public int digit(int trit) {
            return trit + 1;
        }

        @Override
        public int trit(int digit) {
            return digit - 1;
        }
    };

    static final int TRITS_PER_BYTE = 5;
    /** 3^5: bytes from here to 255 are not PT-5 codes (tfmbs.md 1.3). */
    static final int CODES = 243;
    static final int[] POWER_OF_THREE = {1, 3, 9, 27, 81};

    /*
     * One row of 5 per byte value, all 256 rows filled: rows 243..255 hold the decode of b - 243,
     * which is what the original's div/mod chain yields, so the RTL-compatible path needs no branch.
     * Filled by the static block at the end, once every constant exists.
     */
    private final byte[] trits = new byte[256 * TRITS_PER_BYTE];
    private final byte[] codes = new byte[256 * TRITS_PER_BYTE];
    /*
     * Index: the excess-121 byte of 5 trits (sum of (t_i + 1) * 3^i, the cheapest thing to compute
     * from trits); value: this mapping's byte for the same trits. Identity for B.
     */
    private final byte[] fromExcess = new byte[CODES];

    /** The digit 0, 1 or 2 that encodes a trit -1, 0 or +1; the caller has checked the trit. */
    public abstract int digit(int trit);

    /** The trit -1, 0 or +1 that a digit 0, 1 or 2 stands for. */
    public abstract int trit(int digit);

    /** Trits of byte value {@code b} (0..255) start at this index of {@link #tritTable()}. */
    static int row(int b) {
        return b * TRITS_PER_BYTE;
    }

    byte[] tritTable() {
        return trits;
    }

    byte[] codeTable() {
        return codes;
    }

    /** This mapping's byte for the five trits whose mapping-B byte is {@code excess} (0..242). */
    int fromExcess(int excess) {
        return fromExcess[excess] & 0xFF;
    }

    static {
        for (Pt5Mapping m : values()) {
            for (int b = 0; b < 256; b++) {
                int rest = b % CODES;
                for (int i = 0; i < TRITS_PER_BYTE; i++) {
                    int t = m.trit(rest % 3);
                    m.trits[row(b) + i] = (byte) t;
                    m.codes[row(b) + i] = (byte) TritCode.of(t);
                    rest /= 3;
                }
            }
            for (int excess = 0; excess < CODES; excess++) {
                int value = 0;
                for (int i = TRITS_PER_BYTE - 1; i >= 0; i--) {
                    value = value * 3 + m.digit(B.trit(excess / POWER_OF_THREE[i] % 3));
                }
                m.fromExcess[excess] = (byte) value;
            }
        }
    }
}

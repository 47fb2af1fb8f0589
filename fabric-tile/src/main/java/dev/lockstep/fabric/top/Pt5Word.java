package dev.lockstep.fabric.top;

/** The PT-5 validity check both loading paths apply before a word reaches a bank (tfmbs.md 1.3). */
final class Pt5Word {
    private static final int MAX_CODE = 242;

    private Pt5Word() {
    }

    /** True when bytes 0..2 of {@code word} are all PT-5 codes (0..242); bits 31:24 are not stored. */
    static boolean valid(int word) {
        return (word & 0xFF) <= MAX_CODE && (word >>> 8 & 0xFF) <= MAX_CODE && (word >>> 16 & 0xFF) <= MAX_CODE;
    }
}

package dev.lockstep.fabric;

/**
 * The 2-bit hydrated trit code every lane port carries: 00 = 0, 01 = +1, 10 = -1, 11 = illegal.
 * Lockstep reads the illegal code as 0 everywhere (product and zero test); the original lane ALU
 * treated it asymmetrically (tfmbs.md 2.1, 8.15). Only the low two bits of an int are looked at,
 * as on a 2-bit port.
 */
public final class TritCode {
    public static final int ZERO = 0b00;
    public static final int PLUS = 0b01;
    public static final int MINUS = 0b10;
    public static final int ILLEGAL = 0b11;

    private TritCode() {
    }

    /** The trit a code stands for: -1, 0 or +1 (11 gives 0 because its two bits cancel). */
    public static int value(int code) {
        return (code & 1) - ((code >>> 1) & 1);
    }

    /** True for codes 00 and 11: the zero-skip test. */
    public static boolean isZero(int code) {
        return value(code) == 0;
    }

    /** The sign-flip product w * x, in {-1, 0, +1}. */
    public static int product(int weightCode, int inputCode) {
        return value(weightCode) * value(inputCode);
    }

    /** The code of a trit value -1, 0 or +1. */
    public static int of(int trit) {
        return switch (trit) {
            case 0 -> ZERO;
            case 1 -> PLUS;
            case -1 -> MINUS;
            default -> throw new IllegalArgumentException("a trit is -1, 0 or +1, got " + trit);
        };
    }
}

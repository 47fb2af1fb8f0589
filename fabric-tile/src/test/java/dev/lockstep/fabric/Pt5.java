package dev.lockstep.fabric;

/**
 * Test-side PT-5 decoding by hand (tfmbs.md 1.1, mapping A of 1.2), only to build per-lane codes
 * from the reference's packed golden words. Lane j comes from byte j / 5, base-3 digit j mod 5,
 * trit 0 being the least significant digit; under mapping A the digit 0, 1, 2 is the code 00, 01, 10.
 */
final class Pt5 {
    private static final int[] POWERS_OF_THREE = {1, 3, 9, 27, 81};

    private Pt5() {
    }

    static int laneCode(int word, int lane) {
        int b = (word >>> (8 * (lane / 5))) & 0xFF;
        return (b / POWERS_OF_THREE[lane % 5]) % 3;
    }
}

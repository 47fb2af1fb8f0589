package dev.lockstep.cosim;

/**
 * The first output where the RTL disagreed with the Java model.
 *
 * @param signal   {@code block.name}, e.g. {@code ternary_lane.acc}
 * @param expected the Java model's value
 * @param actual   the RTL's value
 */
public record Divergence(long cycle, String signal, int width, long expected, long actual) {
    /** One line, e.g. {@code cycle 1234: ternary_lane.acc expected 0x00000073 actual 0x00000063 (differ in 0x00000010)}. */
    public String describe() {
        return "cycle " + cycle + ": " + signal + " expected " + hex(expected, width) + " actual " + hex(actual, width)
                + " (differ in " + hex(expected ^ actual, width) + ")";
    }

    static String hex(long value, int width) {
        String digits = Long.toHexString(value);
        int want = (width + 3) / 4;
        return "0x" + "0".repeat(Math.max(0, want - digits.length())) + digits;
    }
}

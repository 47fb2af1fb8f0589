package dev.lockstep.cosim;

import java.util.Arrays;

/**
 * Both sides of one cycle: the inputs applied before its edge and each side's outputs after it
 * (schema order). The arrays are private copies; treat them as read-only.
 */
public record CycleRecord(long cycle, long[] inputs, long[] expected, long[] actual) {
    public boolean agrees() {
        return Arrays.equals(expected, actual);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CycleRecord r && r.cycle == cycle && Arrays.equals(r.inputs, inputs)
                && Arrays.equals(r.expected, expected) && Arrays.equals(r.actual, actual);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(cycle) * 31 + Arrays.hashCode(expected);
    }

    @Override
    public String toString() {
        return "cycle " + cycle + " in " + Arrays.toString(inputs) + " java " + Arrays.toString(expected) + " rtl "
                + Arrays.toString(actual);
    }
}

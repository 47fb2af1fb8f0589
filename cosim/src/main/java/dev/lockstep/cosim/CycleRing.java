package dev.lockstep.cosim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last few cycles of both sides, in flat primitive arrays so recording a cycle is three array
 * copies and no allocation; records are materialised only for a report.
 */
final class CycleRing {
    private final int capacity;
    private final int nIn;
    private final int nOut;
    private final long[] cycles;
    private final long[] inputs;
    private final long[] expected;
    private final long[] actual;
    private long count;

    CycleRing(int capacity, int nIn, int nOut) {
        this.capacity = capacity;
        this.nIn = nIn;
        this.nOut = nOut;
        cycles = new long[capacity];
        inputs = new long[capacity * nIn];
        expected = new long[capacity * nOut];
        actual = new long[capacity * nOut];
    }

    void record(long cycle, long[] in, long[] exp, long[] act) {
        int slot = (int) (count % capacity);
        cycles[slot] = cycle;
        System.arraycopy(in, 0, inputs, slot * nIn, nIn);
        System.arraycopy(exp, 0, expected, slot * nOut, nOut);
        System.arraycopy(act, 0, actual, slot * nOut, nOut);
        count++;
    }

    /** Everything held, oldest first. */
    List<CycleRecord> snapshot() {
        int held = (int) Math.min(count, capacity);
        List<CycleRecord> out = new ArrayList<>(held);
        for (long k = count - held; k < count; k++) {
            int slot = (int) (k % capacity);
            out.add(new CycleRecord(cycles[slot],
                    Arrays.copyOfRange(inputs, slot * nIn, slot * nIn + nIn),
                    Arrays.copyOfRange(expected, slot * nOut, slot * nOut + nOut),
                    Arrays.copyOfRange(actual, slot * nOut, slot * nOut + nOut)));
        }
        return out;
    }
}

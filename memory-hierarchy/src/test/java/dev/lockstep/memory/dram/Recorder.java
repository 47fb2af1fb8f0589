package dev.lockstep.memory.dram;

import dev.lockstep.memory.MemoryClient;
import dev.lockstep.sim.Simulation;
import java.util.Arrays;

/** A client that notes the simulated time each tag completed at (-1 until then). */
final class Recorder implements MemoryClient {
    private final Simulation sim;
    private long[] doneAt = new long[16];
    private int completions;

    Recorder(Simulation sim) {
        this.sim = sim;
        Arrays.fill(doneAt, -1);
    }

    @Override
    public void completed(long tag) {
        int t = (int) tag;
        if (t >= doneAt.length) {
            int old = doneAt.length;
            doneAt = Arrays.copyOf(doneAt, Math.max(t + 1, old * 2));
            Arrays.fill(doneAt, old, doneAt.length, -1);
        }
        if (doneAt[t] >= 0) {
            throw new AssertionError("tag " + tag + " completed twice");
        }
        doneAt[t] = sim.now();
        completions++;
    }

    long doneAt(int tag) {
        return tag < doneAt.length ? doneAt[tag] : -1;
    }

    int completions() {
        return completions;
    }
}

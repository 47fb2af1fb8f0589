package dev.lockstep.sim.stats;

/** A named count (events, bytes, cycles). Obtain from {@link Stats#counter(String)}. */
public final class Counter {
    private long value;

    Counter() {
    }

    public void increment() {
        value++;
    }

    public void add(long amount) {
        value += amount;
    }

    public long value() {
        return value;
    }
}

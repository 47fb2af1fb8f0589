package dev.lockstep.memory.engine;

import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.stats.Counter;

/**
 * What one engine did, in cycles of its own clock, under its name in the simulation's statistics:
 * {@code .jobs}, {@code .bytes}, {@code .busy_cycles} (a job in hand), {@code .stall_cycles} (in a
 * job but unable to move data: memory queue full, too many bursts outstanding, FIFO credits or port
 * taken). Achieved bandwidth is bytes over busy time.
 */
public final class EngineStats {
    private final ClockDomain clock;
    private final Counter jobs;
    private final Counter bytes;
    private final Counter busyCycles;
    private final Counter stallCycles;

    EngineStats(String name, ClockDomain clock) {
        this.clock = clock;
        var stats = clock.simulation().stats();
        jobs = stats.counter(name + ".jobs");
        bytes = stats.counter(name + ".bytes");
        busyCycles = stats.counter(name + ".busy_cycles");
        stallCycles = stats.counter(name + ".stall_cycles");
    }

    void job(long movedBytes) {
        jobs.increment();
        bytes.add(movedBytes);
    }

    /** A stretch with at least one job in hand; jobs overlap in the pipeline, so busy time is counted once. */
    void busy(long cycles) {
        busyCycles.add(cycles);
    }

    void stall(long cycles) {
        stallCycles.add(cycles);
    }

    public long jobs() {
        return jobs.value();
    }

    public long bytes() {
        return bytes.value();
    }

    public long busyCycles() {
        return busyCycles.value();
    }

    public long stallCycles() {
        return stallCycles.value();
    }

    /** Bytes per second over the time the engine had work; 0 before the first job. */
    public double achievedBytesPerSecond() {
        long busy = busyCycles.value();
        return busy == 0 ? 0 : bytes.value() * 1e12 / clock.cyclesToPs(busy);
    }
}

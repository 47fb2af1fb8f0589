package dev.lockstep.sim.stats;

import dev.lockstep.sim.Simulation;

/**
 * A level that changes over simulated time (queue depth, buffers in use), averaged by time: the
 * integral of the level over time divided by the time elapsed since creation. Obtain from {@link
 * Stats#occupancy(String)}.
 */
public final class Occupancy {
    private final Simulation sim;
    private final long sincePs;
    private long level;
    private long max;
    private long lastChangePs;
    // Level x picoseconds; a double since the product of long levels and long times can exceed 2^63.
    private double integral;

    Occupancy(Simulation sim) {
        this.sim = sim;
        this.sincePs = sim.now();
        this.lastChangePs = sincePs;
    }

    public void add(long delta) {
        set(level + delta);
    }

    public void set(long newLevel) {
        long t = sim.now();
        integral += (double) level * (t - lastChangePs);
        lastChangePs = t;
        level = newLevel;
        max = Math.max(max, newLevel);
    }

    public long level() {
        return level;
    }

    public long max() {
        return max;
    }

    /** Time this occupancy started being tracked. */
    public long sincePs() {
        return sincePs;
    }

    /** Time-weighted mean level from creation to now; the current level if no time has passed. */
    public double mean() {
        long t = sim.now();
        long elapsed = t - sincePs;
        if (elapsed == 0) {
            return level;
        }
        return (integral + (double) level * (t - lastChangePs)) / elapsed;
    }
}

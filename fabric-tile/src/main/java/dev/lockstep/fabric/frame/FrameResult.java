package dev.lockstep.fabric.frame;

import java.util.Arrays;

/**
 * What a frame leaves in the fabric's result and profiling registers, per tile and lane: the
 * accumulators, SKIP and ACTIVE counts and OVERFLOW flags, the tile's UTILIZATION, the fabric's CYCLES
 * and the clock edges from START to DONE. One object is filled by every frame of a backend (no
 * allocation per frame); copy what you need before the next frame.
 */
public final class FrameResult {
    private final int tiles;
    private final int lanes;
    final int[] result;
    final int[] skips;
    final int[] active;
    final long[] overflow;
    final int[] utilization;
    int cycles;
    int edges;

    public FrameResult(int tiles, int lanes) {
        this.tiles = tiles;
        this.lanes = lanes;
        result = new int[tiles * lanes];
        skips = new int[tiles * lanes];
        active = new int[tiles * lanes];
        overflow = new long[tiles];
        utilization = new int[tiles];
    }

    public int tiles() {
        return tiles;
    }

    public int lanes() {
        return lanes;
    }

    public int result(int tile, int lane) {
        return result[tile * lanes + lane];
    }

    public int skipCount(int tile, int lane) {
        return skips[tile * lanes + lane];
    }

    public int activeCycles(int tile, int lane) {
        return active[tile * lanes + lane];
    }

    /** Sticky per-frame overflow flags of a tile, bit i for lane i. */
    public long overflowMask(int tile) {
        return overflow[tile];
    }

    public int utilization(int tile) {
        return utilization[tile];
    }

    /** UTILIZATION summed over the tiles: enabled lanes of enabled tiles, per compute cycle. */
    public long totalUtilization() {
        long sum = 0;
        for (int u : utilization) {
            sum += u;
        }
        return sum;
    }

    /** CYCLES: the frame's compute cycles (DEPTH, unless the skip-compaction experiment is on). */
    public int cycles() {
        return cycles;
    }

    /** Clock edges from the one that accepts START to the one that raises DONE, both included. */
    public int edges() {
        return edges;
    }

    public long totalSkips() {
        long sum = 0;
        for (int s : skips) {
            sum += s;
        }
        return sum;
    }

    public long totalActive() {
        long sum = 0;
        for (int a : active) {
            sum += a;
        }
        return sum;
    }

    /** Sets every register from the given per-tile-and-lane arrays; used by the register-level backend. */
    public void set(int tile, int lane, int value, int skipCount, int activeCycles) {
        int k = tile * lanes + lane;
        result[k] = value;
        skips[k] = skipCount;
        active[k] = activeCycles;
    }

    public void setTile(int tile, long overflowMask, int tileUtilization) {
        overflow[tile] = overflowMask;
        utilization[tile] = tileUtilization;
    }

    public void setTiming(int frameCycles, int frameEdges) {
        cycles = frameCycles;
        edges = frameEdges;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameResult r && tiles == r.tiles && lanes == r.lanes
                && Arrays.equals(result, r.result) && Arrays.equals(skips, r.skips)
                && Arrays.equals(active, r.active) && Arrays.equals(overflow, r.overflow)
                && Arrays.equals(utilization, r.utilization) && cycles == r.cycles && edges == r.edges;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(result) * 31 + cycles;
    }

    @Override
    public String toString() {
        return "FrameResult{cycles=" + cycles + ", edges=" + edges + ", result=" + Arrays.toString(result)
                + ", skips=" + Arrays.toString(skips) + ", active=" + Arrays.toString(active)
                + ", overflow=" + Arrays.toString(overflow) + ", utilization=" + Arrays.toString(utilization) + "}";
    }
}

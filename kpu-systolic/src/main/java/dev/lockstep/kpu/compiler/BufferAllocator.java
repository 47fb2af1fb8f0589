package dev.lockstep.kpu.compiler;

import dev.lockstep.memory.config.SramConfig;

/**
 * Places buffers in the regions of one on-chip level, first fit, each buffer wholly inside one region
 * (an engine's block must lie in one L3 tile, L2 bank or L1 buffer), on 64-byte boundaries.
 * {@link #place} returns -1 when no region has room: that is the capacity limit.
 */
final class BufferAllocator {
    private static final long ALIGN = 64;
    /** Regions looked at: a tile's handful of buffers never needs more, and huge presets stay cheap. */
    private static final int MAX_REGIONS = 64;
    private final SramConfig level;
    private final long[] used;

    BufferAllocator(SramConfig level) {
        this.level = level;
        this.used = new long[Math.min(level.count(), MAX_REGIONS)];
    }

    long place(long bytes) {
        for (int i = 0; i < used.length; i++) {
            long start = (used[i] + ALIGN - 1) / ALIGN * ALIGN;
            if (start + bytes <= level.bytes()) {
                used[i] = start + bytes;
                return level.base() + i * level.bytes() + start;
            }
        }
        return -1;
    }

    /** Whether every address {@link #place} returned in {@code slots} is a real one (none was -1). */
    static boolean allPlaced(long[][] slots) {
        for (long[] level : slots) {
            for (long a : level) {
                if (a < 0) {
                    return false;
                }
            }
        }
        return true;
    }
}

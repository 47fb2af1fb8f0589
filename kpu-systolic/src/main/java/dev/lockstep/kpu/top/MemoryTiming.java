package dev.lockstep.kpu.top;

import java.util.Locale;

/** How DMA and BlockMover instructions are timed. */
public enum MemoryTiming {
    /** The hierarchy's engines: bursts through every memory's ports (the reference). */
    BURST,
    /** {@link FlowMemory}: one closed form per instruction, for big runs; not cycle-exact. */
    FLOW;

    public static MemoryTiming parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "burst" -> BURST;
            case "flow" -> FLOW;
            default -> throw new IllegalArgumentException("memory must be burst or flow, got '" + s + "'");
        };
    }
}

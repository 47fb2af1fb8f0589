package dev.lockstep.kpu.top;

import java.util.Locale;

/** How the compute tiles run: register-level with real data, or closed-form timing only. */
public enum Fidelity {
    /** PeMatmul on the bytes in L1; feeds, drains and computes move real data. */
    PE,
    /** FoldPlan cycles; only DMA and BlockMover move bytes (their engines always do). */
    TILE;

    public static Fidelity parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "pe" -> PE;
            case "tile" -> TILE;
            default -> throw new IllegalArgumentException("fidelity must be pe or tile, got '" + s + "'");
        };
    }
}

package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5Mapping;

import java.util.Arrays;

/** Builds 24-bit bank words lane by lane (lane j = digit j mod 5 of byte j / 5) with one reused buffer. */
final class LaneWords {
    private final Pt5Mapping mapping;
    private final int[] trits = new int[Pt5Codec.LANES_PER_WORD];

    LaneWords(Pt5Mapping mapping) {
        this.mapping = mapping;
    }

    /** Starts a word of 15 zero trits. */
    LaneWords clear() {
        Arrays.fill(trits, 0);
        return this;
    }

    LaneWords set(int lane, int trit) {
        trits[lane] = trit;
        return this;
    }

    int word() {
        return Pt5Codec.packWord(trits, 0, mapping);
    }

    /** The word with {@code trit} in every lane: an input replicated across lanes (tfmbs.md 4.2). */
    int replicated(int trit) {
        Arrays.fill(trits, trit);
        return word();
    }
}

package dev.lockstep.kpu.systolic;

import java.util.Locale;

/**
 * Which operand stays in the PEs. IS has no hardware of its own: it is WS with the two operands
 * swapped (the stationary operand is A transposed), so {@link #hardware()} maps it to WS.
 */
public enum Dataflow {
    OS, WS, IS;

    /** The array hardware this dataflow runs on. */
    public Dataflow hardware() {
        return this == IS ? WS : this;
    }

    /** Parses os, ws or is (any case); the message names what was given and what is allowed. */
    public static Dataflow parse(String text) {
        for (Dataflow d : values()) {
            if (d.name().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("dataflow must be os, ws or is, got '" + text + "'");
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

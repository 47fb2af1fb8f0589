package dev.lockstep.fabric.pt5;

import java.util.Objects;

/** How PT-5 bytes are read: the digit mapping and the policy for invalid bytes and tails. */
public record Pt5Options(Pt5Mapping mapping, InvalidBytes invalidBytes) {
    /** Mapping A (the RTL's) with ERR_PACK on invalid bytes: Lockstep's intended behaviour. */
    public static final Pt5Options DEFAULT = new Pt5Options(Pt5Mapping.A, InvalidBytes.REJECT);
    /** What the original RTL decodes: mapping A, bytes 243..255 as b - 243. */
    public static final Pt5Options RTL_COMPAT = new Pt5Options(Pt5Mapping.A, InvalidBytes.RTL_COMPAT);

    public Pt5Options {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(invalidBytes, "invalidBytes");
    }
}

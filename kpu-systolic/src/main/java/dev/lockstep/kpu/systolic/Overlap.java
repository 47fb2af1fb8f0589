package dev.lockstep.kpu.systolic;

/** Whether consecutive folds share the array in time. */
public enum Overlap {
    /** Folds overlap as far as the two banks allow (the default: what double-buffered hardware does). */
    NATIVE,
    /** Each fold starts when the previous one has finished, as SCALE-Sim v2 counts. */
    SCALESIM;

    /** Parses native or scalesim (any case). */
    public static Overlap parse(String text) {
        for (Overlap o : values()) {
            if (o.name().equalsIgnoreCase(text.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("overlap must be native or scalesim, got '" + text + "'");
    }
}

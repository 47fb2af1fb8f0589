package dev.lockstep.trace;

import java.util.Comparator;

/** (path, field) of a value change, ordered by path then field: the order divergences are reported in. */
record SignalKey(String path, String field) implements Comparable<SignalKey> {
    private static final Comparator<SignalKey> ORDER =
            Comparator.comparing(SignalKey::path).thenComparing(SignalKey::field);

    static SignalKey of(ValueChange c) {
        return new SignalKey(c.path(), c.field());
    }

    @Override
    public int compareTo(SignalKey o) {
        return ORDER.compare(this, o);
    }
}

package dev.lockstep.trace;

import java.util.Iterator;
import java.util.List;

/** A trace held in a list, for building small expected and actual traces by hand. */
final class ListReader implements TraceReader {
    private final Iterator<TraceRecord> it;

    ListReader(List<? extends TraceRecord> records) {
        this.it = List.<TraceRecord>copyOf(records).iterator();
    }

    static ListReader of(TraceRecord... records) {
        return new ListReader(List.of(records));
    }

    @Override
    public TraceRecord next() {
        return it.hasNext() ? it.next() : null;
    }

    @Override
    public void close() {
    }
}

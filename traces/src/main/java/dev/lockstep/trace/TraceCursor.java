package dev.lockstep.trace;

import java.io.IOException;

/** One record of look-ahead over a trace reader, for the comparator's walk. */
final class TraceCursor {
    private final TraceReader in;
    private TraceRecord head;
    private boolean ended;

    TraceCursor(TraceReader in) {
        this.in = in;
    }

    /** The next record without consuming it, or null at the end. */
    TraceRecord peek() throws IOException {
        if (head == null && !ended) {
            head = in.next();
            ended = head == null;
        }
        return head;
    }

    /** Consumes the record {@link #peek()} returned. */
    void pop() {
        head = null;
    }
}

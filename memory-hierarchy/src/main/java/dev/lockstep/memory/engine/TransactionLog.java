package dev.lockstep.memory.engine;

import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Transaction;

/**
 * Where the engines of one hierarchy record their transactions: one id sequence for all of them, and
 * nothing at all when no trace writer is attached.
 */
public final class TransactionLog {
    private final TraceWriter writer;
    private long nextId;

    /** {@code writer} may be null: then nothing is recorded. */
    public TransactionLog(TraceWriter writer) {
        this.writer = writer;
    }

    public static TransactionLog none() {
        return new TransactionLog(null);
    }

    void record(String component, String kind, long issueCycle, long completeCycle, long bytes) {
        if (writer != null) {
            writer.transaction(new Transaction(nextId++, component, kind, issueCycle, completeCycle, bytes, null));
        }
    }
}

package dev.lockstep.tools;

import dev.lockstep.trace.Transaction;
import dev.lockstep.trace.TraceRecord;
import dev.lockstep.trace.ValueChange;

/** One-line, human-readable forms of trace records for terminal reports. */
final class Render {
    private Render() {}

    static String record(TraceRecord r) {
        return switch (r) {
            case ValueChange c -> "cycle " + c.cycle() + "  " + c.path() + "." + c.field() + " = " + c.value().toHex();
            case Transaction t -> "txn " + t.id() + "  " + t.component() + " " + t.kind() + " cycles "
                    + t.issueCycle() + ".." + t.completeCycle() + ", " + t.bytes() + " bytes";
        };
    }
}

package dev.lockstep.trace;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A transaction of a transaction-level model. Equality is by value, payload included (a record would compare
 * the array by identity). The payload array is copied in and out so the record stays immutable.
 */
public record Transaction(long id, String component, String kind, long issueCycle, long completeCycle,
                          long bytes, byte[] payload) implements TraceRecord {

    public Transaction {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(kind, "kind");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && t.id == id && t.issueCycle == issueCycle
                && t.completeCycle == completeCycle && t.bytes == bytes && t.component.equals(component)
                && t.kind.equals(kind) && Arrays.equals(t.payload, payload);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(id);
        h = 31 * h + component.hashCode();
        h = 31 * h + kind.hashCode();
        h = 31 * h + Long.hashCode(issueCycle);
        h = 31 * h + Long.hashCode(completeCycle);
        h = 31 * h + Long.hashCode(bytes);
        return 31 * h + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Transaction[id=" + id + ", component=" + component + ", kind=" + kind + ", issueCycle="
                + issueCycle + ", completeCycle=" + completeCycle + ", bytes=" + bytes + ", payload="
                + HexFormat.of().formatHex(payload) + "]";
    }
}

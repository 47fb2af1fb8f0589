package dev.lockstep.trace;

import java.nio.charset.StandardCharsets;

/**
 * Turns the first difference between two transactions into a {@link TraceComparator.Divergence}. Its field is
 * {@code txn#<id>.<attribute>}; text attributes (component, kind) carry their UTF-8 bytes as the value, which
 * {@link #render} turns back into quoted text.
 */
final class TransactionDiff {
    private static final String PREFIX = "txn#";

    private TransactionDiff() {
    }

    /** The first difference, or null if the two are equal; either side may be null (absent). */
    static TraceComparator.Divergence between(Transaction e, Transaction a) {
        if (e == null || a == null) {
            Transaction present = e == null ? a : e;
            return new TraceComparator.Divergence(present.issueCycle(), present.component(), PREFIX + present.id(),
                    e == null ? null : BitValue.of(e.id(), 64), a == null ? null : BitValue.of(a.id(), 64));
        }
        if (e.equals(a)) {
            return null;
        }
        String field = PREFIX + e.id() + ".";
        if (e.id() != a.id()) {
            return number(e, field + "id", e.id(), a.id());
        }
        if (!e.component().equals(a.component())) {
            return new TraceComparator.Divergence(e.issueCycle(), e.component(), field + "component",
                    text(e.component()), text(a.component()));
        }
        if (!e.kind().equals(a.kind())) {
            return new TraceComparator.Divergence(e.issueCycle(), e.component(), field + "kind", text(e.kind()),
                    text(a.kind()));
        }
        if (e.issueCycle() != a.issueCycle()) {
            return number(e, field + "issueCycle", e.issueCycle(), a.issueCycle());
        }
        if (e.completeCycle() != a.completeCycle()) {
            return number(e, field + "completeCycle", e.completeCycle(), a.completeCycle());
        }
        if (e.bytes() != a.bytes()) {
            return number(e, field + "bytes", e.bytes(), a.bytes());
        }
        if (e.payloadLength() != a.payloadLength()) {
            return number(e, field + "payloadLength", e.payloadLength(), a.payloadLength());
        }
        // Same length, different content, so the length is at least 1.
        return new TraceComparator.Divergence(e.issueCycle(), e.component(), field + "payload",
                bytes(e.payload()), bytes(a.payload()));
    }

    /** A value as a report shows it: hex, quoted text for text attributes, or "absent". */
    static String render(String field, BitValue v) {
        if (v == null) {
            return "absent";
        }
        if (field.startsWith(PREFIX) && (field.endsWith(".component") || field.endsWith(".kind"))) {
            byte[] b = new byte[v.width() / 8];
            for (int i = 0; i < b.length; i++) {
                int bit = (b.length - 1 - i) * 8;
                b[i] = (byte) (v.word(bit >>> 6) >>> (bit & 63));
            }
            return "\"" + new String(b, StandardCharsets.UTF_8) + "\"";
        }
        return v.toHex();
    }

    private static TraceComparator.Divergence number(Transaction e, String field, long expected, long actual) {
        return new TraceComparator.Divergence(e.issueCycle(), e.component(), field, BitValue.of(expected, 64),
                BitValue.of(actual, 64));
    }

    /** UTF-8 bytes as a value; the empty text becomes a 1-bit zero (a value has at least one bit). */
    private static BitValue text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length == 0 ? BitValue.of(0, 1) : bytes(b);
    }

    /** Bytes as a value with the first byte most significant, so its hex reads in byte order. */
    private static BitValue bytes(byte[] b) {
        long[] words = new long[BitValue.wordCount(b.length * 8)];
        for (int i = 0; i < b.length; i++) {
            int bit = (b.length - 1 - i) * 8;
            words[bit >>> 6] |= (b[i] & 0xFFL) << (bit & 63);
        }
        return BitValue.of(words, b.length * 8);
    }
}

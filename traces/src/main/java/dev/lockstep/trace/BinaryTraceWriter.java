package dev.lockstep.trace;

import static dev.lockstep.trace.BinaryFormat.MAGIC;
import static dev.lockstep.trace.BinaryFormat.MAX_STRING_BYTES;
import static dev.lockstep.trace.BinaryFormat.MAX_TRANSACTION_BYTES;
import static dev.lockstep.trace.BinaryFormat.TAG_CHANGE;
import static dev.lockstep.trace.BinaryFormat.TAG_DECLARE;
import static dev.lockstep.trace.BinaryFormat.TAG_END;
import static dev.lockstep.trace.BinaryFormat.TAG_TRANSACTION;
import static dev.lockstep.trace.BinaryFormat.VERSION;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes the binary codec into its own buffer, handing the stream full blocks only. */
final class BinaryTraceWriter implements TraceWriter {
    /** Largest encoding of a change of width <= 64: tag, two 10-byte varints, 8 value bytes. */
    private static final int MAX_NARROW_CHANGE = 1 + 10 + 10 + 8;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private final SignalTable signals = new SignalTable();
    private long lastCycle;
    private long records;
    private boolean closed;

    BinaryTraceWriter(OutputStream out) {
        this.out = out;
        System.arraycopy(MAGIC, 0, buf, 0, MAGIC.length);
        pos = MAGIC.length;
        buf[pos++] = (byte) VERSION;
    }

    @Override
    public int declare(String path, String field, int width) {
        checkOpen();
        String bad = signals.checkDeclaration(path, field, width);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        byte[] p = utf8("path", path);
        byte[] f = utf8("field", field);
        int id = signals.add(path, field, width);
        put(TAG_DECLARE);
        putVarint(id);
        putString(p);
        putString(f);
        putVarint(width);
        records++;
        return id;
    }

    @Override
    public void change(long cycle, int signal, long value) {
        int width = checkChange(cycle, signal);
        if (width > 64) {
            change(cycle, signal, new long[] {value});
            return;
        }
        if (pos > buf.length - MAX_NARROW_CHANGE) {
            flushBuffer();
        }
        buf[pos++] = TAG_CHANGE;
        putVarint(cycle - lastCycle);
        lastCycle = cycle;
        putVarint(signal);
        long v = value & BitValue.lowMask(width);
        for (int n = (width + 7) >>> 3; n > 0; n--) {
            buf[pos++] = (byte) v;
            v >>>= 8;
        }
        records++;
    }

    @Override
    public void change(long cycle, int signal, long[] words) {
        int width = checkChange(cycle, signal);
        put(TAG_CHANGE);
        putVarint(cycle - lastCycle);
        lastCycle = cycle;
        putVarint(signal);
        int topWord = BitValue.wordCount(width) - 1;
        int nBytes = (width + 7) >>> 3;
        for (int b = 0; b < nBytes; b++) {
            int w = b >>> 3;
            long word = w < words.length ? words[w] : 0L;
            if (w == topWord) {
                word &= BitValue.lowMask(width);
            }
            put((int) (word >>> ((b & 7) * 8)));
        }
        records++;
    }

    @Override
    public void transaction(Transaction t) {
        checkOpen();
        byte[] component = utf8("transaction component", t.component());
        byte[] kind = utf8("transaction kind", t.kind());
        byte[] payload = t.payload();
        long id = zigzag(t.id());
        long issue = zigzag(t.issueCycle());
        long complete = zigzag(t.completeCycle());
        long bytes = zigzag(t.bytes());
        long length = varintSize(id) + varintSize(component.length) + component.length
                + varintSize(kind.length) + kind.length + varintSize(issue) + varintSize(complete)
                + varintSize(bytes) + varintSize(payload.length) + payload.length;
        if (length > MAX_TRANSACTION_BYTES) {
            throw new IllegalArgumentException("transaction " + t.id() + " encodes to " + length
                    + " bytes, more than the limit of " + MAX_TRANSACTION_BYTES);
        }
        put(TAG_TRANSACTION);
        putVarint(length);
        putVarint(id);
        putString(component);
        putString(kind);
        putVarint(issue);
        putVarint(complete);
        putVarint(bytes);
        putVarint(payload.length);
        putBytes(payload);
        records++;
    }

    /** Writes the end marker (the record count) and closes the stream; until then the trace reads as truncated. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            put(TAG_END);
            putVarint(records);
            out.write(buf, 0, pos);
            pos = 0;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void discard() {
        if (!closed) {
            closed = true;
            AtomicFileOutput.discard(out, out);
        }
    }

    private int checkChange(long cycle, int signal) {
        checkOpen();
        return signals.checkChange(signal, cycle, lastCycle);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("trace writer is closed");
        }
    }

    private static byte[] utf8(String what, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " is " + b.length + " bytes long in UTF-8, more than "
                    + MAX_STRING_BYTES);
        }
        return b;
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static int varintSize(long v) {
        return v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 6) / 7;
    }

    private void putString(byte[] s) {
        putVarint(s.length);
        putBytes(s);
    }

    private void putBytes(byte[] b) {
        int off = 0;
        while (off < b.length) {
            if (pos == buf.length) {
                flushBuffer();
            }
            int n = Math.min(b.length - off, buf.length - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
        }
    }

    /** Unsigned LEB128 (7 bits a byte, low bits first, high bit set on all but the last byte). */
    private void putVarint(long v) {
        if (pos > buf.length - 10) {
            flushBuffer();
        }
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void put(int b) {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) b;
    }

    private void flushBuffer() {
        try {
            out.write(buf, 0, pos);
            pos = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.lockstep.trace;

import java.io.IOException;
import java.io.InputStream;

/** Buffered bytes of one trace source that knows the file offset of every byte, for error messages. */
final class ByteSource implements AutoCloseable {
    private final InputStream in;
    private final String name;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    /** File offset of buf[0]. */
    private long base;

    ByteSource(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Offset of the next byte to be read. */
    long offset() {
        return base + pos;
    }

    /** The next byte (0..255) without consuming it, or -1 at the end. */
    int peek() throws IOException {
        return pos < lim || fill() ? buf[pos] & 0xFF : -1;
    }

    /** The next byte (0..255), or -1 at the end. */
    int read() throws IOException {
        return pos < lim || fill() ? buf[pos++] & 0xFF : -1;
    }

    /** The next byte; the end of input here means the file was cut inside {@code what}. */
    int need(String what) throws IOException {
        int b = read();
        if (b < 0) {
            throw truncated(what);
        }
        return b;
    }

    /** An unsigned LEB128 of at most 64 bits. */
    long varint(String what) throws IOException {
        long at = offset();
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = need(what);
            if (shift == 63 && (b & 0xFE) != 0) {
                break;
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt(what + " is not a valid varint (more than 64 bits)", at);
    }

    /** A varint that must lie in [0, max]. */
    int boundedVarint(String what, int max) throws IOException {
        long at = offset();
        long v = varint(what);
        if (v < 0 || v > max) {
            throw corrupt(what + " " + Long.toUnsignedString(v) + " is outside 0.." + max, at);
        }
        return (int) v;
    }

    void readFully(byte[] dst, int len, String what) throws IOException {
        int off = 0;
        while (off < len) {
            if (pos == lim && !fill()) {
                throw truncated(what);
            }
            int n = Math.min(len - off, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
        }
    }

    TraceFormatException truncated(String what) {
        return new TraceFormatException(name, "file ends inside " + what + " (truncated)", offset());
    }

    TraceFormatException corrupt(String what, long at) {
        return new TraceFormatException(name, what, at);
    }

    private boolean fill() throws IOException {
        base += lim;
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            // read blocks until at least one byte arrives, so 0 never happens for a non-empty buffer.
            return false;
        }
        lim = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

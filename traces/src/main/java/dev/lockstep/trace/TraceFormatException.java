package dev.lockstep.trace;

import java.io.IOException;

/** A trace file is truncated or corrupt; the message names the source, what is wrong and where. */
public final class TraceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long byteOffset;
    private final long line;

    /** A problem at {@code byteOffset} of a binary trace. */
    public TraceFormatException(String source, String what, long byteOffset) {
        this(source, what, byteOffset, -1);
    }

    /** A problem at {@code byteOffset}, on 1-based {@code line} of a text trace ({@code line} < 1: no line). */
    public TraceFormatException(String source, String what, long byteOffset, long line) {
        super(source + ": " + what + (line >= 1 ? " at line " + line + ", byte " : " at byte ") + byteOffset);
        this.source = source;
        this.byteOffset = byteOffset;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** Offset of the problem from the start of the file, in bytes. */
    public long byteOffset() {
        return byteOffset;
    }

    /** 1-based line of the problem in a text trace, or -1 for a binary trace. */
    public long line() {
        return line < 1 ? -1 : line;
    }
}

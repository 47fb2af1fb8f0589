package dev.lockstep.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** Entry points: writers for both codecs, a reader that detects the codec, and a codec-to-codec copy. */
public final class Traces {
    private Traces() {
    }

    /** A compact binary trace written atomically to {@code p}: the file appears only when the writer is closed. */
    public static TraceWriter writeBinary(Path p) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** A JSON Lines trace written atomically to {@code p}: the file appears only when the writer is closed. */
    public static TraceWriter writeJsonLines(Path p) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** A compact binary trace on {@code o}, which {@link TraceWriter#close()} closes. */
    public static TraceWriter writeBinary(OutputStream o) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A JSON Lines trace on {@code o}, which {@link TraceWriter#close()} closes. */
    public static TraceWriter writeJsonLines(OutputStream o) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Opens a trace in either codec, told apart by its first bytes.
     *
     * @throws TraceFormatException if it is neither (bad magic) or has an unknown version
     */
    public static TraceReader open(Path p) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Like {@link #open(Path)} on a stream; {@code sourceName} names it in error messages. */
    public static TraceReader open(InputStream in, String sourceName) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Copies every record of {@code in} to {@code out}, declaring each (path, field) on its first change
     * (used to convert between codecs). Closes neither.
     *
     * @return the number of records copied
     */
    public static long copy(TraceReader in, TraceWriter out) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}

package dev.lockstep.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** Streams an IEEE 1364 value change dump. Declare every variable, then write changes in time order. */
public final class VcdWriter implements Closeable {

    /** Writes atomically to {@code out}: the file appears when this writer is closed. */
    public VcdWriter(Path out, String timescale) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes to {@code out}, which {@link #close()} closes. */
    public VcdWriter(Writer out, String timescale) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Declares a wire named {@code name} inside the dotted {@code scope} (one nested module per part). */
    public int declare(String scope, String name, int width) {
        throw new UnsupportedOperationException("not yet");
    }

    public void change(long time, int id, long value) {
        throw new UnsupportedOperationException("not yet");
    }

    public void change(long time, int id, long[] words) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}

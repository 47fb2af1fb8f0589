package dev.lockstep.trace;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of a trace in file order. */
public interface TraceReader extends Closeable {

    /**
     * The next record, or {@code null} at the end of a complete trace.
     *
     * @throws TraceFormatException if the input is truncated or corrupt
     */
    TraceRecord next() throws IOException;
}

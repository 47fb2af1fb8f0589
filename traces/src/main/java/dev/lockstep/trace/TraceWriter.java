package dev.lockstep.trace;

import java.io.Closeable;

/**
 * Streams records into a trace. Value changes must come in non-decreasing cycle order; transactions may come
 * in any order (typically when they complete). Methods report I/O failures as
 * {@link java.io.UncheckedIOException} so the per-cycle calls stay free of checked exceptions; {@link #close()}
 * finishes the trace (a trace that was never closed is never mistaken for a complete one).
 */
public interface TraceWriter extends Closeable {

    /**
     * Declares a signal and returns its id (0, 1, 2, ... in declaration order). A signal must be declared
     * before its first change; each (path, field) may be declared once.
     */
    int declare(String path, String field, int width);

    /** Signal {@code signal} (width <= 64) takes the low {@code width} bits of {@code value} at {@code cycle}. */
    void change(long cycle, int signal, long value);

    /** Signal {@code signal} (any width) takes the little-endian {@code words}, masked to its width. */
    void change(long cycle, int signal, long[] words);

    void transaction(Transaction t);

    /**
     * Ends the trace without publishing it, for a run that failed half way: a file opened through
     * {@link Traces#writeBinary(java.nio.file.Path)} or {@link Traces#writeJsonLines(java.nio.file.Path)} never
     * appears (an older file of that name stays as it was). Writers with nothing to publish just close.
     */
    default void discard() {
        try {
            close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.lockstep.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Entry points: writers for both codecs, a reader that detects the codec, and a codec-to-codec copy. */
public final class Traces {
    private Traces() {
    }

    /** A compact binary trace written atomically to {@code p}: the file appears only when the writer is closed. */
    public static TraceWriter writeBinary(Path p) throws IOException {
        return new BinaryTraceWriter(AtomicFileOutput.create(p));
    }

    /** A JSON Lines trace written atomically to {@code p}: the file appears only when the writer is closed. */
    public static TraceWriter writeJsonLines(Path p) throws IOException {
        return new JsonLinesTraceWriter(AtomicFileOutput.create(p));
    }

    /** A compact binary trace on {@code o}, which {@link TraceWriter#close()} closes. */
    public static TraceWriter writeBinary(OutputStream o) {
        return new BinaryTraceWriter(o);
    }

    /** A JSON Lines trace on {@code o}, which {@link TraceWriter#close()} closes. */
    public static TraceWriter writeJsonLines(OutputStream o) {
        return new JsonLinesTraceWriter(o);
    }

    /**
     * Opens a trace in either codec, told apart by its first bytes.
     *
     * @throws TraceFormatException if it is neither (bad magic) or has an unknown version
     * @throws NoSuchFileException  if there is no such file
     */
    public static TraceReader open(Path p) throws IOException {
        return open(Files.newInputStream(p), p.toString());
    }

    /** Like {@link #open(Path)} on a stream, which the reader closes; {@code sourceName} names it in errors. */
    public static TraceReader open(InputStream in, String sourceName) throws IOException {
        ByteSource src = new ByteSource(in, sourceName);
        try {
            int first = src.peek();
            if (first < 0) {
                throw src.corrupt("empty file, not a trace", 0);
            }
            return first == '{' ? new JsonLinesTraceReader(src) : new BinaryTraceReader(src);
        } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    /**
     * Copies every record of {@code in} to {@code out}, declaring each (path, field) on its first change
     * (used to convert between codecs). Closes neither.
     *
     * @return the number of value changes and transactions copied
     */
    public static long copy(TraceReader in, TraceWriter out) throws IOException {
        Map<SignalKey, Signal> declared = new HashMap<>();
        long n = 0;
        for (TraceRecord r = in.next(); r != null; r = in.next(), n++) {
            switch (r) {
                case ValueChange c -> {
                    int width = c.value().width();
                    Signal s = declared.computeIfAbsent(SignalKey.of(c),
                            k -> new Signal(out.declare(k.path(), k.field(), width), k.path(), k.field(), width));
                    if (s.width() != width) {
                        throw new IOException(c.path() + "." + c.field() + " changes width from " + s.width() + " to "
                                + width + " at cycle " + c.cycle());
                    }
                    out.change(c.cycle(), s.id(), c.value().toWords());
                }
                case Transaction t -> out.transaction(t);
            }
        }
        return n;
    }
}

package dev.lockstep.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exports the value changes of a trace within a cycle window as VCD, one time unit per cycle; transactions
 * are not part of a waveform and are skipped. A VCD header must list every variable before the first change,
 * but a trace may first mention a signal anywhere, so the window's changes are staged in a temporary binary
 * trace next to the output while the signals are collected; memory stays bounded by the number of signals.
 */
public final class VcdExport {
    private VcdExport() {
    }

    /** {@link #export(TraceReader, Path, long, long, String)} with a timescale of 1ns. */
    public static void export(TraceReader in, Path out, long fromCycle, long toCycle) throws IOException {
        export(in, out, fromCycle, toCycle, "1ns");
    }

    /**
     * Writes the changes with {@code fromCycle < cycle <= toCycle}, preceded at time {@code fromCycle} by each
     * signal's value at that cycle (its last change at or before it). Variables are sorted by path and field;
     * the dump ends with a time mark at {@code toCycle} or the last change of the trace, whichever is first.
     */
    public static void export(TraceReader in, Path out, long fromCycle, long toCycle, String timescale)
            throws IOException {
        if (fromCycle < 0 || toCycle < fromCycle) {
            throw new IllegalArgumentException("cycle window " + fromCycle + ".." + toCycle
                    + " is empty or negative");
        }
        Path dir = out.toAbsolutePath().getParent();
        Path staged = dir.resolve("." + out.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".window");
        try {
            Map<SignalKey, Staged> signals = new TreeMap<>();
            long lastCycle = stage(in, staged, fromCycle, toCycle, signals);
            try (VcdWriter vcd = new VcdWriter(out, timescale); TraceReader window = Traces.open(staged)) {
                for (Map.Entry<SignalKey, Staged> e : signals.entrySet()) {
                    e.getValue().vcdId = vcd.declare(e.getKey().path(), e.getKey().field(), e.getValue().width);
                }
                for (Staged s : signals.values()) {
                    if (s.initial != null) {
                        vcd.change(fromCycle, s.vcdId, s.initial.toWords());
                    }
                }
                for (TraceRecord r = window.next(); r != null; r = window.next()) {
                    ValueChange c = (ValueChange) r;
                    vcd.change(c.cycle(), signals.get(SignalKey.of(c)).vcdId, c.value().toWords());
                }
                vcd.advance(Math.max(fromCycle, Math.min(toCycle, lastCycle)));
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /**
     * Reads {@code in} up to the window's end: keeps each signal's value at {@code from} and writes later
     * changes in the window to {@code staged}. Returns the last cycle seen.
     */
    private static long stage(TraceReader in, Path staged, long from, long to, Map<SignalKey, Staged> signals)
            throws IOException {
        long lastCycle = -1;
        OutputStream os = Files.newOutputStream(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (TraceWriter window = Traces.writeBinary(os)) {
            for (TraceRecord r = in.next(); r != null; r = in.next()) {
                if (!(r instanceof ValueChange c)) {
                    continue;
                }
                lastCycle = c.cycle();
                if (c.cycle() > to) {
                    break;
                }
                int width = c.value().width();
                Staged s = signals.computeIfAbsent(SignalKey.of(c), k -> new Staged(width));
                if (s.width != width) {
                    throw new IOException(c.path() + "." + c.field() + " changes width from " + s.width + " to "
                            + width + " at cycle " + c.cycle());
                }
                if (c.cycle() <= from) {
                    s.initial = c.value();
                } else {
                    if (s.stagedId < 0) {
                        s.stagedId = window.declare(c.path(), c.field(), width);
                    }
                    window.change(c.cycle(), s.stagedId, c.value().toWords());
                }
            }
        }
        return lastCycle;
    }

    /** What the export knows of one signal. */
    private static final class Staged {
        final int width;
        BitValue initial;
        int stagedId = -1;
        int vcdId;

        Staged(int width) {
            this.width = width;
        }
    }
}

package dev.lockstep.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Streams an IEEE 1364 value change dump. Declare every variable, then write changes in non-decreasing time;
 * the header goes out with the first change (or on close). Variables are wires inside nested
 * {@code $scope module} sections, one per part of the dotted scope; identifier codes are short strings of
 * printable ASCII 33..126 in declaration order. Vectors are written in full width, most significant bit first.
 * I/O failures of the per-change methods surface as {@link UncheckedIOException}.
 */
public final class VcdWriter implements Closeable {
    private static final Pattern TIMESCALE = Pattern.compile("(1|10|100) ?(s|ms|us|ns|ps|fs)");

    private final Writer out;
    private final String timescale;
    private final List<Var> vars = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private char[] line = new char[64];
    private boolean headerWritten;
    private boolean timeWritten;
    private long time;
    private boolean closed;

    private record Var(String[] scope, String name, int width, String code) {
    }

    /** Writes atomically to {@code out}: the file appears when this writer is closed. */
    public VcdWriter(Path out, String timescale) throws IOException {
        checkTimescale(timescale); // before a temporary file is created
        this(new BufferedWriter(new OutputStreamWriter(AtomicFileOutput.create(out), StandardCharsets.US_ASCII),
                1 << 16), timescale);
    }

    /** Writes to {@code out}, which {@link #close()} closes. */
    public VcdWriter(Writer out, String timescale) {
        this.out = out;
        this.timescale = checkTimescale(timescale);
    }

    /** The timescale if IEEE 1364 allows it (1, 10 or 100 of s, ms, us, ns, ps, fs). */
    private static String checkTimescale(String timescale) {
        if (timescale == null || !TIMESCALE.matcher(timescale).matches()) {
            throw new IllegalArgumentException("VCD timescale \"" + timescale
                    + "\" is not 1, 10 or 100 followed by s, ms, us, ns, ps or fs (e.g. \"1ns\")");
        }
        return timescale;
    }

    /**
     * Declares a wire named {@code name} inside the dotted {@code scope} (one nested module per part) and
     * returns its id for {@link #change}.
     */
    public int declare(String scope, String name, int width) {
        if (headerWritten) {
            throw new IllegalStateException("VCD variables must all be declared before the first change");
        }
        String[] parts = scope.split("\\.", -1);
        for (String part : parts) {
            String bad = SignalTable.checkName("VCD scope part of \"" + scope + "\"", part);
            if (bad != null) {
                throw new IllegalArgumentException(bad);
            }
        }
        String bad = SignalTable.checkName("VCD variable name", name);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        if (width < 1 || width > SignalTable.MAX_WIDTH) {
            throw new IllegalArgumentException("VCD variable " + scope + "." + name + " has width " + width
                    + ", outside 1.." + SignalTable.MAX_WIDTH);
        }
        if (!names.add(scope + "." + name)) {
            throw new IllegalArgumentException("VCD variable " + scope + "." + name + " is declared twice");
        }
        int id = vars.size();
        vars.add(new Var(parts, name, width, code(id)));
        return id;
    }

    /** Identifier code of variable {@code id}: bijective base 94 over '!'..'~', so every id has its own code. */
    static String code(int id) {
        StringBuilder sb = new StringBuilder();
        int n = id;
        while (true) {
            sb.append((char) ('!' + n % 94));
            n = n / 94;
            if (n == 0) {
                return sb.toString();
            }
            n--;
        }
    }

    /** Variable {@code id} takes the low bits of {@code value} (zero-extended if wider than 64) at {@code time}. */
    public void change(long time, int id, long value) {
        Var v = at(time, id);
        int n = v.width <= 64 ? v.width : 64;
        int len = begin(v.width);
        for (int i = v.width - 1; i >= 0; i--) {
            line[len++] = i < n && (value >>> i & 1) != 0 ? '1' : '0';
        }
        end(v, len);
    }

    /** Variable {@code id} takes the little-endian {@code words} (missing words are zero) at {@code time}. */
    public void change(long time, int id, long[] words) {
        Var v = at(time, id);
        int len = begin(v.width);
        for (int i = v.width - 1; i >= 0; i--) {
            int w = i >>> 6;
            line[len++] = w < words.length && (words[w] >>> (i & 63) & 1) != 0 ? '1' : '0';
        }
        end(v, len);
    }

    /** Marks {@code time} without a change, e.g. the end of a window, so viewers show the time up to it. */
    public void advance(long time) {
        checkTime(time);
        writeTime(time);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (!headerWritten) {
                writeHeader();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Var at(long time, int id) {
        if (id < 0 || id >= vars.size()) {
            throw new IllegalArgumentException("VCD variable id " + id + " was not declared");
        }
        checkTime(time);
        writeTime(time);
        return vars.get(id);
    }

    private void checkTime(long t) {
        if (closed) {
            throw new IllegalStateException("VCD writer is closed");
        }
        if (t < 0 || (timeWritten && t < time)) {
            throw new IllegalArgumentException("VCD time " + t + " is negative or before the current time " + time);
        }
    }

    private void writeTime(long t) {
        if (!headerWritten) {
            writeHeader();
        }
        if (!timeWritten || t != time) {
            write("#" + t + "\n");
            time = t;
            timeWritten = true;
        }
    }

    /** Starts a value line in {@link #line}; returns its length so far. */
    private int begin(int width) {
        int need = width + 2 + 8;
        if (line.length < need) {
            line = new char[need];
        }
        if (width == 1) {
            return 0;
        }
        line[0] = 'b';
        return 1;
    }

    /** Scalars are written "1!", vectors "b0101 !". */
    private void end(Var v, int len) {
        if (v.width > 1) {
            line[len++] = ' ';
        }
        for (int i = 0; i < v.code.length(); i++) {
            line[len++] = v.code.charAt(i);
        }
        line[len++] = '\n';
        try {
            out.write(line, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeHeader() {
        headerWritten = true;
        StringBuilder sb = new StringBuilder();
        sb.append("$version Lockstep $end\n");
        sb.append("$timescale ").append(timescale).append(" $end\n");
        Scope root = new Scope();
        for (Var v : vars) {
            Scope s = root;
            for (String part : v.scope) {
                s = s.children.computeIfAbsent(part, k -> new Scope());
            }
            s.vars.add(v);
        }
        for (Map.Entry<String, Scope> e : root.children.entrySet()) {
            e.getValue().write(e.getKey(), sb);
        }
        sb.append("$enddefinitions $end\n");
        write(sb.toString());
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scope of the header: its own variables first, then its sub-scopes, both in declaration order. */
    private static final class Scope {
        final Map<String, Scope> children = new LinkedHashMap<>();
        final List<Var> vars = new ArrayList<>();

        void write(String name, StringBuilder sb) {
            sb.append("$scope module ").append(name).append(" $end\n");
            for (Var v : vars) {
                sb.append("$var wire ").append(v.width).append(' ').append(v.code).append(' ').append(v.name)
                        .append(" $end\n");
            }
            for (Map.Entry<String, Scope> e : children.entrySet()) {
                e.getValue().write(e.getKey(), sb);
            }
            sb.append("$upscope $end\n");
        }
    }
}

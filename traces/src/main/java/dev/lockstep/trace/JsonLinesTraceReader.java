package dev.lockstep.trace;

import static dev.lockstep.trace.JsonLinesFormat.BYTES;
import static dev.lockstep.trace.JsonLinesFormat.COMPLETE;
import static dev.lockstep.trace.JsonLinesFormat.COMPONENT;
import static dev.lockstep.trace.JsonLinesFormat.CYCLE;
import static dev.lockstep.trace.JsonLinesFormat.FIELD;
import static dev.lockstep.trace.JsonLinesFormat.FORMAT_NAME;
import static dev.lockstep.trace.JsonLinesFormat.HEADER;
import static dev.lockstep.trace.JsonLinesFormat.HEADER_VERSION;
import static dev.lockstep.trace.JsonLinesFormat.ISSUE;
import static dev.lockstep.trace.JsonLinesFormat.JSON;
import static dev.lockstep.trace.JsonLinesFormat.KIND;
import static dev.lockstep.trace.JsonLinesFormat.MAX_LINE_BYTES;
import static dev.lockstep.trace.JsonLinesFormat.PATH;
import static dev.lockstep.trace.JsonLinesFormat.PAYLOAD;
import static dev.lockstep.trace.JsonLinesFormat.TXN;
import static dev.lockstep.trace.JsonLinesFormat.VALUE;
import static dev.lockstep.trace.JsonLinesFormat.VERSION;
import static dev.lockstep.trace.JsonLinesFormat.WIDTH;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the JSON Lines codec line by line, so every error names its line and the byte offset where the
 * problem starts. Keys may come in any order; unknown or repeated keys are errors.
 */
final class JsonLinesTraceReader implements TraceReader {
    private final ByteSource in;
    private final SignalTable signals = new SignalTable();
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineStart;
    private long lineNumber;
    private long lastCycle;
    private boolean headerRead;

    JsonLinesTraceReader(ByteSource in) {
        this.in = in;
    }

    @Override
    public TraceRecord next() throws IOException {
        while (readLine()) {
            if (isBlank()) {
                continue;
            }
            Fields f = parseLine();
            if (!headerRead) {
                checkHeader(f);
                headerRead = true;
                continue;
            }
            if (f.has(HEADER) || f.has(HEADER_VERSION)) {
                throw error("header keys \"" + HEADER + "\"/\"" + HEADER_VERSION + "\" after the first line", 0);
            }
            if (f.has(TXN)) {
                return transaction(f);
            }
            if (f.has(CYCLE)) {
                return change(f);
            }
            if (f.has(WIDTH)) {
                declare(f);
                continue;
            }
            throw error("line is neither a declaration (\"w\"), a change (\"c\") nor a transaction (\"txn\")", 0);
        }
        if (!headerRead) {
            throw error("no header line {\"" + HEADER + "\":\"" + FORMAT_NAME + "\",\"" + HEADER_VERSION + "\":"
                    + VERSION + "}", 0);
        }
        return null;
    }

    private void checkHeader(Fields f) throws TraceFormatException {
        if (!(f.values.get(HEADER) instanceof String name) || !name.equals(FORMAT_NAME)) {
            throw error("first line is not a trace header {\"" + HEADER + "\":\"" + FORMAT_NAME + "\",...}", 0);
        }
        f.only(HEADER, HEADER_VERSION);
        long version = f.number(HEADER_VERSION);
        if (version != VERSION) {
            throw error("unsupported JSON Lines trace version " + version + " (this reader knows version " + VERSION
                    + ")", f.offsetOf(HEADER_VERSION));
        }
    }

    private void declare(Fields f) throws TraceFormatException {
        f.only(PATH, FIELD, WIDTH);
        String path = f.string(PATH);
        String field = f.string(FIELD);
        long width = f.number(WIDTH);
        String bad = width < 1 || width > SignalTable.MAX_WIDTH
                ? "width " + width + " is outside 1.." + SignalTable.MAX_WIDTH
                : signals.checkDeclaration(path, field, (int) width);
        if (bad != null) {
            throw error(bad, 0);
        }
        signals.add(path, field, (int) width);
    }

    private ValueChange change(Fields f) throws TraceFormatException {
        f.only(CYCLE, PATH, FIELD, VALUE);
        long cycle = f.number(CYCLE);
        if (cycle < 0) {
            throw error("cycle " + cycle + " is negative", f.offsetOf(CYCLE));
        }
        if (cycle < lastCycle) {
            throw error("cycle " + cycle + " is before the previous change at cycle " + lastCycle
                    + " (changes must come in cycle order)", f.offsetOf(CYCLE));
        }
        int id = signals.find(f.string(PATH), f.string(FIELD));
        if (id < 0) {
            throw error("change of undeclared signal " + f.string(PATH) + "." + f.string(FIELD)
                    + " (declare it first with a line {\"p\":...,\"f\":...,\"w\":width})", 0);
        }
        BitValue value;
        try {
            value = BitValue.parseHex(f.string(VALUE), signals.width(id));
        } catch (NumberFormatException e) {
            throw error("bad value of " + signals.path(id) + "." + signals.field(id) + ": " + e.getMessage(),
                    f.offsetOf(VALUE));
        }
        lastCycle = cycle;
        return new ValueChange(cycle, signals.path(id), signals.field(id), value);
    }

    private Transaction transaction(Fields f) throws TraceFormatException {
        f.only(TXN, COMPONENT, KIND, ISSUE, COMPLETE, BYTES, PAYLOAD);
        byte[] payload;
        try {
            payload = HexFormat.of().parseHex(f.string(PAYLOAD));
        } catch (IllegalArgumentException e) {
            throw error("payload is not an even number of hex digits", f.offsetOf(PAYLOAD));
        }
        return new Transaction(f.number(TXN), f.string(COMPONENT), f.string(KIND), f.number(ISSUE),
                f.number(COMPLETE), f.number(BYTES), payload);
    }

    /** Reads the next line (without its LF or CR LF) into {@link #line}; false at the end of input. */
    private boolean readLine() throws IOException {
        lineStart = in.offset();
        lineLength = 0;
        int b = in.read();
        if (b < 0) {
            return false;
        }
        lineNumber++;
        while (b != '\n') {
            if (b < 0) {
                throw new TraceFormatException(in.name(), "last line has no line end (truncated)", in.offset(),
                        lineNumber);
            }
            if (lineLength == line.length) {
                if (lineLength >= MAX_LINE_BYTES) {
                    throw new TraceFormatException(in.name(), "line longer than " + MAX_LINE_BYTES + " bytes",
                            lineStart, lineNumber);
                }
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, lineLength * 2));
            }
            line[lineLength++] = (byte) b;
            b = in.read();
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private boolean isBlank() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Parses the line as one flat JSON object of strings and integers. */
    private Fields parseLine() throws TraceFormatException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(line, 0, lineLength)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error("line is not a JSON object", offsetIn(p));
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                long keyAt = offsetIn(p);
                JsonToken v = p.nextToken();
                Object value = switch (v) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> {
                        if (p.getNumberType() != JsonParser.NumberType.INT
                                && p.getNumberType() != JsonParser.NumberType.LONG) {
                            throw error("\"" + key + "\" does not fit in 64 bits", offsetIn(p));
                        }
                        yield p.getLongValue();
                    }
                    default -> throw error("\"" + key + "\" must be a string or an integer, not " + describe(v),
                            offsetIn(p));
                };
                if (f.values.putIfAbsent(key, value) != null) {
                    throw error("key \"" + key + "\" appears twice", keyAt);
                }
                f.offsets.put(key, keyAt);
            }
            if (p.nextToken() != null) {
                throw error("more than one JSON value on the line", offsetIn(p));
            }
        } catch (TraceFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw error("bad JSON: " + jacksonMessage(e), at);
        } catch (IOException e) {
            // Parsing an in-memory line does no I/O; anything else is a parse failure too.
            throw error("bad JSON: " + e.getMessage(), 0);
        }
        return f;
    }

    /** Jackson's reason without its own location, which would point into a one-line buffer, not the file. */
    private static String jacksonMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage().lines().findFirst().orElse("");
        int loc = m.indexOf(" (start marker at");
        return loc < 0 ? m : m.substring(0, loc);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NUMBER_FLOAT -> "a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static long offsetIn(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getByteOffset());
    }

    /** An error {@code offsetInLine} bytes into the current line. */
    private TraceFormatException error(String what, long offsetInLine) {
        return new TraceFormatException(in.name(), what, lineStart + offsetInLine, lineNumber);
    }

    /** The key/value pairs of one line, with where each key starts. */
    private final class Fields {
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, Long> offsets = new HashMap<>();

        boolean has(String key) {
            return values.containsKey(key);
        }

        long offsetOf(String key) {
            return offsets.getOrDefault(key, 0L);
        }

        /** Rejects keys outside {@code allowed}, and missing ones. */
        void only(String... allowed) throws TraceFormatException {
            for (String key : values.keySet()) {
                if (!Arrays.asList(allowed).contains(key)) {
                    throw error("unexpected key \"" + key + "\" (this line allows " + String.join(", ", allowed)
                            + ")", offsetOf(key));
                }
            }
            for (String key : allowed) {
                if (!values.containsKey(key)) {
                    throw error("missing key \"" + key + "\"", 0);
                }
            }
        }

        String string(String key) throws TraceFormatException {
            if (values.get(key) instanceof String s) {
                return s;
            }
            throw error("\"" + key + "\" must be a string", offsetOf(key));
        }

        long number(String key) throws TraceFormatException {
            if (values.get(key) instanceof Long n) {
                return n;
            }
            throw error("\"" + key + "\" must be an integer", offsetOf(key));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

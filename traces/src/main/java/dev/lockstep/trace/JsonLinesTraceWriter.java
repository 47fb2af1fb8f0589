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
import static dev.lockstep.trace.JsonLinesFormat.PATH;
import static dev.lockstep.trace.JsonLinesFormat.PAYLOAD;
import static dev.lockstep.trace.JsonLinesFormat.TXN;
import static dev.lockstep.trace.JsonLinesFormat.VALUE;
import static dev.lockstep.trace.JsonLinesFormat.VERSION;
import static dev.lockstep.trace.JsonLinesFormat.WIDTH;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Writes the JSON Lines codec: one object per line, values as hex strings. */
final class JsonLinesTraceWriter implements TraceWriter {
    private final JsonGenerator json;
    private final OutputStream out;
    private final SignalTable signals = new SignalTable();
    /** Reused for the hex text of values up to 64 bits. */
    private final char[] hex = new char[2 + 16];
    private long lastCycle;
    private boolean closed;

    JsonLinesTraceWriter(OutputStream out) {
        this.out = out;
        try {
            json = JSON.createGenerator(out);
            json.writeStartObject();
            json.writeStringField(HEADER, FORMAT_NAME);
            json.writeNumberField(HEADER_VERSION, VERSION);
            json.writeEndObject();
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int declare(String path, String field, int width) {
        checkOpen();
        String bad = signals.checkDeclaration(path, field, width);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        int id = signals.add(path, field, width);
        try {
            json.writeStartObject();
            json.writeStringField(PATH, path);
            json.writeStringField(FIELD, field);
            json.writeNumberField(WIDTH, width);
            json.writeEndObject();
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }

    @Override
    public void change(long cycle, int signal, long value) {
        int width = checkChange(cycle, signal);
        if (width > 64) {
            writeChange(cycle, signal, BitValue.of(value, width).toHex());
            return;
        }
        long v = value & BitValue.lowMask(width);
        int digits = (width + 3) >>> 2;
        hex[0] = '0';
        hex[1] = 'x';
        for (int d = digits + 1; d >= 2; d--) {
            hex[d] = Character.forDigit((int) v & 0xF, 16);
            v >>>= 4;
        }
        try {
            startChange(cycle, signal);
            json.writeString(hex, 0, digits + 2);
            json.writeEndObject();
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void change(long cycle, int signal, long[] words) {
        int width = checkChange(cycle, signal);
        writeChange(cycle, signal, BitValue.of(words, width).toHex());
    }

    @Override
    public void transaction(Transaction t) {
        checkOpen();
        try {
            json.writeStartObject();
            json.writeNumberField(TXN, t.id());
            json.writeStringField(COMPONENT, t.component());
            json.writeStringField(KIND, t.kind());
            json.writeNumberField(ISSUE, t.issueCycle());
            json.writeNumberField(COMPLETE, t.completeCycle());
            json.writeNumberField(BYTES, t.bytes());
            json.writeStringField(PAYLOAD, HexFormat.of().formatHex(t.payload()));
            json.writeEndObject();
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            json.close();
        }
    }

    @Override
    public void discard() {
        if (!closed) {
            closed = true;
            AtomicFileOutput.discard(out, json);
        }
    }

    private void writeChange(long cycle, int signal, String hexValue) {
        try {
            startChange(cycle, signal);
            json.writeString(hexValue);
            json.writeEndObject();
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startChange(long cycle, int signal) throws IOException {
        json.writeStartObject();
        json.writeNumberField(CYCLE, cycle);
        json.writeStringField(PATH, signals.path(signal));
        json.writeStringField(FIELD, signals.field(signal));
        json.writeFieldName(VALUE);
        lastCycle = cycle;
    }

    private void endLine() throws IOException {
        json.writeRaw('\n');
    }

    private int checkChange(long cycle, int signal) {
        checkOpen();
        return signals.checkChange(signal, cycle, lastCycle);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("trace writer is closed");
        }
    }
}

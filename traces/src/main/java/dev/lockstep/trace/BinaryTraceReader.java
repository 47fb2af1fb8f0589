package dev.lockstep.trace;

import static dev.lockstep.trace.BinaryFormat.MAGIC;
import static dev.lockstep.trace.BinaryFormat.MAX_STRING_BYTES;
import static dev.lockstep.trace.BinaryFormat.MAX_TRANSACTION_BYTES;
import static dev.lockstep.trace.BinaryFormat.TAG_CHANGE;
import static dev.lockstep.trace.BinaryFormat.TAG_DECLARE;
import static dev.lockstep.trace.BinaryFormat.TAG_END;
import static dev.lockstep.trace.BinaryFormat.TAG_TRANSACTION;
import static dev.lockstep.trace.BinaryFormat.VERSION;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the binary codec; every inconsistency is a {@link TraceFormatException} with its byte offset. */
final class BinaryTraceReader implements TraceReader {
    private final ByteSource in;
    private final SignalTable signals = new SignalTable();
    private long lastCycle;
    private long records;
    private boolean ended;

    /** Checks the header; the source must be positioned at its first byte. */
    BinaryTraceReader(ByteSource in) throws IOException {
        this.in = in;
        for (int i = 0; i < MAGIC.length; i++) {
            int b = in.read();
            if (b < 0 && i > 0) {
                throw in.truncated("the file header");
            }
            if (b != (MAGIC[i] & 0xFF)) {
                throw in.corrupt("not a Lockstep trace (neither the binary magic nor a JSON Lines header)", 0);
            }
        }
        long at = in.offset();
        int version = in.need("the file header");
        if (version != VERSION) {
            throw in.corrupt("unsupported binary trace version " + version + " (this reader knows version "
                    + VERSION + ")", at);
        }
    }

    @Override
    public TraceRecord next() throws IOException {
        while (!ended) {
            long at = in.offset();
            int tag = in.read();
            switch (tag) {
                case TAG_DECLARE -> readDeclaration(at);
                case TAG_CHANGE -> {
                    return readChange(at);
                }
                case TAG_TRANSACTION -> {
                    return readTransaction();
                }
                case TAG_END -> readEnd();
                case -1 -> throw in.corrupt("file ends without the end marker (truncated after "
                        + records + " records)", at);
                default -> throw in.corrupt(String.format("unknown record tag 0x%02x", tag), at);
            }
        }
        return null;
    }

    private void readDeclaration(long at) throws IOException {
        long id = in.varint("a declaration");
        if (id != signals.size()) {
            throw in.corrupt("declaration of signal id " + Long.toUnsignedString(id) + " out of sequence (expected "
                    + signals.size() + ")", at);
        }
        String path = readString("a declaration");
        String field = readString("a declaration");
        int width = in.boundedVarint("signal width", SignalTable.MAX_WIDTH);
        String bad = signals.checkDeclaration(path, field, width);
        if (bad != null) {
            throw in.corrupt(bad, at);
        }
        signals.add(path, field, width);
        records++;
    }

    private ValueChange readChange(long at) throws IOException {
        long delta = in.varint("a value change");
        long cycle = lastCycle + delta;
        if (delta < 0 || cycle < lastCycle) {
            throw in.corrupt("cycle delta " + Long.toUnsignedString(delta) + " overflows the cycle counter", at);
        }
        long idAt = in.offset();
        long id = in.varint("a value change");
        if (id < 0 || id >= signals.size()) {
            throw in.corrupt("value change of undeclared signal id " + Long.toUnsignedString(id), idAt);
        }
        int s = (int) id;
        int width = signals.width(s);
        long valueAt = in.offset();
        long[] words = new long[BitValue.wordCount(width)];
        int nBytes = (width + 7) >>> 3;
        for (int b = 0; b < nBytes; b++) {
            words[b >>> 3] |= (long) in.need("a value change") << ((b & 7) * 8);
        }
        long top = words[words.length - 1];
        if ((top & ~BitValue.lowMask(width)) != 0) {
            throw in.corrupt("value of " + signals.path(s) + "." + signals.field(s) + " has bits set above its width "
                    + width, valueAt);
        }
        lastCycle = cycle;
        records++;
        return new ValueChange(cycle, signals.path(s), signals.field(s), BitValue.wrap(words, width));
    }

    private Transaction readTransaction() throws IOException {
        long lengthAt = in.offset();
        int length = in.boundedVarint("transaction length", MAX_TRANSACTION_BYTES);
        long start = in.offset();
        long id = unzigzag(in.varint("a transaction"));
        String component = readString("a transaction");
        String kind = readString("a transaction");
        long issue = unzigzag(in.varint("a transaction"));
        long complete = unzigzag(in.varint("a transaction"));
        long bytes = unzigzag(in.varint("a transaction"));
        long payloadAt = in.offset();
        int payloadLength = in.boundedVarint("payload length", MAX_TRANSACTION_BYTES);
        if (payloadLength > length - (in.offset() - start)) {
            throw in.corrupt("payload length " + payloadLength + " exceeds the transaction length " + length,
                    payloadAt);
        }
        byte[] payload = new byte[payloadLength];
        in.readFully(payload, payloadLength, "a transaction payload");
        if (in.offset() - start != length) {
            throw in.corrupt("transaction length " + length + " does not match its content ("
                    + (in.offset() - start) + " bytes)", lengthAt);
        }
        records++;
        return new Transaction(id, component, kind, issue, complete, bytes, payload);
    }

    private void readEnd() throws IOException {
        long at = in.offset();
        long count = in.varint("the end marker");
        if (count != records) {
            throw in.corrupt("end marker counts " + Long.toUnsignedString(count) + " records but the file holds "
                    + records, at);
        }
        if (in.peek() >= 0) {
            throw in.corrupt("data after the end marker", in.offset());
        }
        ended = true;
    }

    private String readString(String what) throws IOException {
        int len = in.boundedVarint("string length in " + what, MAX_STRING_BYTES);
        long at = in.offset();
        byte[] b = new byte[len];
        in.readFully(b, len, what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw in.corrupt("string in " + what + " is not valid UTF-8", at);
        }
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

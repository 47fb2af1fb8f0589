package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {

    record Codec(String name, Function<OutputStream, TraceWriter> onStream) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Codec> codecs() {
        return Stream.of(new Codec("binary", Traces::writeBinary), new Codec("jsonl", Traces::writeJsonLines));
    }

    /** Writes the sample trace; each expected record is built from the same literals, not read back. */
    private static List<TraceRecord> writeSample(TraceWriter w) {
        List<TraceRecord> expected = new ArrayList<>();
        int bit = w.declare("lane", "en", 1);
        int acc = w.declare("lane", "acc", 32);
        int full = w.declare("lane", "full", 64);
        int w65 = w.declare("vec", "w65", 65);
        int w130 = w.declare("vec", "w130", 130);

        w.change(0, bit, 1);
        expected.add(new ValueChange(0, "lane", "en", BitValue.of(1, 1)));
        // A negative int from a Java model: the 32 low bits 0xfffffffb are kept.
        w.change(0, acc, -5);
        expected.add(new ValueChange(0, "lane", "acc", BitValue.of(0xFFFF_FFFBL, 32)));
        w.change(1, full, 0x8000_0000_0000_0001L);
        expected.add(new ValueChange(1, "lane", "full", BitValue.of(0x8000_0000_0000_0001L, 64)));
        w.change(1, w65, new long[] {0x0123_4567_89AB_CDEFL, 1});
        expected.add(new ValueChange(1, "vec", "w65", BitValue.of(new long[] {0x0123_4567_89AB_CDEFL, 1}, 65)));
        Transaction t1 = new Transaction(7, "dma0", "READ", 1, 9, 64, new byte[] {1, 2, (byte) 0xFF});
        w.transaction(t1);
        expected.add(t1);
        w.change(300, w130, new long[] {-1L, 0, 3});
        expected.add(new ValueChange(300, "vec", "w130", BitValue.of(new long[] {-1L, 0, 3}, 130)));
        // The long form on a 130-bit signal zero-extends.
        w.change(300, w130, 42);
        expected.add(new ValueChange(300, "vec", "w130", BitValue.of(42, 130)));
        w.change(1L << 40, bit, 0);
        expected.add(new ValueChange(1L << 40, "lane", "en", BitValue.of(0, 1)));
        Transaction t2 = new Transaction(-3, "dma 1/ü", "WRITE", -1, Long.MAX_VALUE, 0, new byte[0]);
        w.transaction(t2);
        expected.add(t2);
        return expected;
    }

    private static List<TraceRecord> readAll(TraceReader r) throws IOException {
        List<TraceRecord> out = new ArrayList<>();
        for (TraceRecord x = r.next(); x != null; x = r.next()) {
            out.add(x);
        }
        assertNull(r.next(), "the end stays the end");
        return out;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsThroughAStream(Codec codec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<TraceRecord> expected;
        try (TraceWriter w = codec.onStream().apply(bytes)) {
            expected = writeSample(w);
        }
        try (TraceReader r = Traces.open(new ByteArrayInputStream(bytes.toByteArray()), "sample")) {
            assertEquals(expected, readAll(r));
        }
    }

    @Test
    void pathWritersPublishTheFileOnlyOnClose(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("t.bin");
        Path jsonl = dir.resolve("t.jsonl");
        List<TraceRecord> expected;
        try (TraceWriter b = Traces.writeBinary(bin); TraceWriter j = Traces.writeJsonLines(jsonl)) {
            expected = writeSample(b);
            writeSample(j);
            assertFalse(Files.exists(bin));
            assertFalse(Files.exists(jsonl));
        }
        try (TraceReader r = Traces.open(bin)) {
            assertEquals(expected, readAll(r));
        }
        try (TraceReader r = Traces.open(jsonl)) {
            assertEquals(expected, readAll(r));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("t.bin", "t.jsonl"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anUnclosedWriterLeavesNoTarget(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("t.bin");
        TraceWriter w = Traces.writeBinary(target);
        writeSample(w);
        assertFalse(Files.exists(target));
        try (Stream<Path> files = Files.list(dir)) {
            // Only the hidden temporary file, named so that no tool takes it for the trace.
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size());
            assertTrue(names.getFirst().startsWith(".t.bin.") && names.getFirst().endsWith(".part"), names::toString);
        }
        w.close();
        assertTrue(Files.exists(target));
    }

    @Test
    void aDiscardedWriterLeavesAnOlderFileAsItWasAndNoTemporary(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("t.bin");
        Path jsonl = dir.resolve("t.jsonl");
        Files.writeString(bin, "older run");
        TraceWriter b = Traces.writeBinary(bin);
        TraceWriter j = Traces.writeJsonLines(jsonl);
        writeSample(b);
        writeSample(j);
        b.discard();
        j.discard();
        b.discard(); // a second discard (or a close after it) is a no-op, as for close
        j.close();
        assertEquals("older run", Files.readString(bin));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("t.bin"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void copyConvertsBinaryToTheSameJsonLinesAsWritingDirectly() throws IOException {
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        long records;
        try (TraceWriter b = Traces.writeBinary(bin); TraceWriter j = Traces.writeJsonLines(direct)) {
            records = writeSample(b).size();
            writeSample(j);
        }
        try (TraceReader r = Traces.open(new ByteArrayInputStream(bin.toByteArray()), "bin");
             TraceWriter j = Traces.writeJsonLines(copied)) {
            assertEquals(records, Traces.copy(r, j));
        }
        // copy declares each signal at its first change, so the text differs in where declarations sit;
        // the records read back must not.
        try (TraceReader a = Traces.open(new ByteArrayInputStream(direct.toByteArray()), "direct");
             TraceReader b = Traces.open(new ByteArrayInputStream(copied.toByteArray()), "copied")) {
            assertEquals(readAll(a), readAll(b));
        }
    }

    @Test
    void writersRejectMisuseClearly() throws IOException {
        try (TraceWriter w = Traces.writeBinary(new ByteArrayOutputStream())) {
            int a = w.declare("lane", "acc", 8);
            assertThrows(IllegalArgumentException.class, () -> w.declare("lane", "acc", 8), "twice");
            assertThrows(IllegalArgumentException.class, () -> w.declare("lane", "bad field", 8), "whitespace");
            assertThrows(IllegalArgumentException.class, () -> w.declare("", "x", 8), "empty path");
            assertThrows(IllegalArgumentException.class, () -> w.declare("lane", "x", 0), "width 0");
            assertThrows(IllegalArgumentException.class, () -> w.change(0, a + 1, 0), "undeclared");
            assertThrows(IllegalArgumentException.class, () -> w.change(-1, a, 0), "negative cycle");
            w.change(5, a, 0);
            IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> w.change(4, a, 0));
            assertEquals("cycle 4 of lane.acc is before the previous change at cycle 5 (changes must come in cycle"
                    + " order)", back.getMessage());
        }
    }

    @Test
    void payloadIsCopiedInAndOut() {
        byte[] p = {1, 2};
        Transaction t = new Transaction(1, "c", "k", 0, 0, 2, p);
        p[0] = 9;
        t.payload()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, t.payload());
    }
}

package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLinesCodecTest {

    /** What {@link BinaryCodecTest#writeTiny} must produce, written by hand from the schema in docs/traces.md. */
    static final String TINY = """
            {"lockstep":"trace","version":1}
            {"p":"lane","f":"acc","w":32}
            {"p":"lane","f":"z","w":1}
            {"c":3,"p":"lane","f":"acc","v":"0x00000005"}
            {"c":3,"p":"lane","f":"z","v":"0x1"}
            {"c":131,"p":"lane","f":"acc","v":"0xffffffff"}
            {"txn":-1,"component":"d","kind":"R","issue":2,"complete":5,"bytes":64,"payload":"ab"}
            """;

    private static void readAll(String text) throws IOException {
        try (TraceReader r = Traces.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "t.jsonl")) {
            while (r.next() != null) {
                // drain
            }
        }
    }

    private static TraceFormatException failure(String text) {
        return assertThrows(TraceFormatException.class, () -> readAll(text));
    }

    @Test
    void writerProducesTheDocumentedLines() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = Traces.writeJsonLines(out)) {
            BinaryCodecTest.writeTiny(w);
        }
        assertEquals(TINY, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readerAcceptsKeysInAnyOrderCrLfAndBlankLines() throws IOException {
        String text = "{\"version\":1,\"lockstep\":\"trace\"}\r\n\r\n"
                + "{\"w\":8,\"f\":\"acc\",\"p\":\"lane\"}\n"
                + "{\"v\":\"0x0A\",\"f\":\"acc\",\"p\":\"lane\",\"c\":4}\n";
        try (TraceReader r = Traces.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t")) {
            assertEquals(new ValueChange(4, "lane", "acc", BitValue.of(10, 8)), r.next());
            assertNull(r.next());
        }
    }

    @Test
    void badJsonNamesTheLineAndTheByte() {
        // Line 3 lacks its closing brace; lines 1 and 2 are 33 + 30 = 63 bytes, so line 3 starts at byte 63.
        String text = TINY.replace("{\"p\":\"lane\",\"f\":\"z\",\"w\":1}", "{\"p\":\"lane\",\"f\":\"z\",\"w\":1");
        TraceFormatException e = failure(text);
        assertEquals(3, e.line());
        assertEquals(true, e.byteOffset() >= 63 && e.byteOffset() <= 63 + 26, e.getMessage());
        assertEquals(true, e.getMessage().startsWith("t.jsonl: bad JSON: "), e.getMessage());
    }

    @Test
    void unknownVersionIsRejected() {
        // "version" starts at byte 20 of the header line: {"lockstep":"trace", is 20 characters.
        assertEquals("t.jsonl: unsupported JSON Lines trace version 2 (this reader knows version 1) at line 1, byte 20",
                failure(TINY.replace("\"version\":1", "\"version\":2")).getMessage());
    }

    @Test
    void aFileWithoutHeaderIsRejected() {
        assertEquals("t.jsonl: first line is not a trace header {\"lockstep\":\"trace\",...} at line 1, byte 0",
                failure("{\"p\":\"lane\",\"f\":\"z\",\"w\":1}\n").getMessage());
    }

    @Test
    void truncatedLastLineIsReported() {
        // Cut in the middle of the last line: the file ends at byte length - 10, on line 7.
        int cut = TINY.length() - 10;
        TraceFormatException e = failure(TINY.substring(0, cut));
        assertEquals("t.jsonl: last line has no line end (truncated) at line 7, byte " + cut, e.getMessage());
        assertEquals(cut, e.byteOffset());
    }

    @Test
    void contentErrorsNameLineAndKey() {
        String header = "{\"lockstep\":\"trace\",\"version\":1}\n"; // 32 characters + LF = 33 bytes
        String decl = "{\"p\":\"lane\",\"f\":\"acc\",\"w\":8}\n"; // 28 + LF = 29 bytes: line 3 starts at byte 62
        assertEquals("t.jsonl: change of undeclared signal lane.x (declare it first with a line"
                        + " {\"p\":...,\"f\":...,\"w\":width}) at line 3, byte 62",
                failure(header + decl + "{\"c\":1,\"p\":\"lane\",\"f\":\"x\",\"v\":\"0x1\"}\n").getMessage());
        // "v" starts 28 bytes into {"c":1,"p":"lane","f":"acc","v":"0x1ff"}: 62 + 28 = 90.
        assertEquals("t.jsonl: bad value of lane.acc: 0x1ff does not fit in 8 bits at line 3, byte 90",
                failure(header + decl + "{\"c\":1,\"p\":\"lane\",\"f\":\"acc\",\"v\":\"0x1ff\"}\n").getMessage());
        // "x" starts 28 bytes into {"c":1,"p":"lane","f":"acc","x":1,"v":"0x1"}: 62 + 28 = 90.
        assertEquals("t.jsonl: unexpected key \"x\" (this line allows c, p, f, v) at line 3, byte 90",
                failure(header + decl + "{\"c\":1,\"p\":\"lane\",\"f\":\"acc\",\"x\":1,\"v\":\"0x1\"}\n")
                        .getMessage());
        assertEquals("t.jsonl: missing key \"v\" at line 3, byte 62",
                failure(header + decl + "{\"c\":1,\"p\":\"lane\",\"f\":\"acc\"}\n").getMessage());
        // The second change goes back from cycle 5 to 4; the first change line is 38 + LF = 39 bytes, so
        // line 4 starts at 62 + 39 = 101 and its "c" key at 102.
        assertEquals("t.jsonl: cycle 4 is before the previous change at cycle 5 (changes must come in cycle order)"
                        + " at line 4, byte 102",
                failure(header + decl + "{\"c\":5,\"p\":\"lane\",\"f\":\"acc\",\"v\":\"0x1\"}\n"
                        + "{\"c\":4,\"p\":\"lane\",\"f\":\"acc\",\"v\":\"0x1\"}\n").getMessage());
        // Line 2 starts at 33; 8.5 is 26 bytes into it, the second "w" 28, "payload" 70.
        assertEquals("t.jsonl: \"w\" must be a string or an integer, not a fraction at line 2, byte 59",
                failure(header + "{\"p\":\"lane\",\"f\":\"acc\",\"w\":8.5}\n").getMessage());
        assertEquals("t.jsonl: key \"w\" appears twice at line 2, byte 61",
                failure(header + "{\"p\":\"lane\",\"f\":\"acc\",\"w\":8,\"w\":9}\n").getMessage());
        assertEquals("t.jsonl: payload is not an even number of hex digits at line 2, byte 103",
                failure(header + "{\"txn\":1,\"component\":\"d\",\"kind\":\"R\",\"issue\":2,\"complete\":5,\"bytes\":64,"
                        + "\"payload\":\"abc\"}\n").getMessage());
    }
}

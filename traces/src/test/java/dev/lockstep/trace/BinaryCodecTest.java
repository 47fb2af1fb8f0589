package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {

    /**
     * The encoding of {@link #writeTiny}, derived by hand from the layout in docs/traces.md. Offsets of the
     * records: header 0..8, declarations at 9 and 21, changes at 31, 38 and 42, transaction at 50 (length byte 51,
     * body 52..62), end marker at 63 (count at 64), 65 bytes in all.
     */
    static final int[] TINY = {
            0x89, 'L', 'K', 'T', 0x0D, 0x0A, 0x1A, 0x0A, // magic
            0x01, // version 1
            0x01, 0x00, 0x04, 'l', 'a', 'n', 'e', 0x03, 'a', 'c', 'c', 0x20, // declare #0 lane.acc width 32
            0x01, 0x01, 0x04, 'l', 'a', 'n', 'e', 0x01, 'z', 0x01, // declare #1 lane.z width 1
            0x02, 0x03, 0x00, 0x05, 0x00, 0x00, 0x00, // cycle +3, #0 = 5 (4 bytes little-endian)
            0x02, 0x00, 0x01, 0x01, // cycle +0, #1 = 1 (1 byte)
            0x02, 0x80, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, // cycle +128 (varint 80 01), #0 = 0xffffffff
            // transaction, 11 bytes: id zigzag(-1) = 1, "d", "R", issue zigzag(2) = 4, complete zigzag(5) = 10,
            // bytes zigzag(64) = 128 (varint 80 01), payload length 1, 0xab
            0x03, 0x0B, 0x01, 0x01, 'd', 0x01, 'R', 0x04, 0x0A, 0x80, 0x01, 0x01, 0xAB,
            0x04, 0x06, // end: 2 declarations + 3 changes + 1 transaction = 6 records
    };

    static void writeTiny(TraceWriter w) {
        int acc = w.declare("lane", "acc", 32);
        int z = w.declare("lane", "z", 1);
        w.change(3, acc, 5);
        w.change(3, z, 1);
        w.change(131, acc, -1L);
        w.transaction(new Transaction(-1, "d", "R", 2, 5, 64, new byte[] {(byte) 0xAB}));
    }

    static byte[] tinyBytes() {
        byte[] b = new byte[TINY.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) TINY[i];
        }
        return b;
    }

    private static void readAll(byte[] bytes) throws IOException {
        try (TraceReader r = Traces.open(new ByteArrayInputStream(bytes), "t.bin")) {
            while (r.next() != null) {
                // drain
            }
        }
    }

    private static TraceFormatException failure(byte[] bytes) {
        return assertThrows(TraceFormatException.class, () -> readAll(bytes));
    }

    @Test
    void writerProducesTheHandDerivedBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = Traces.writeBinary(out)) {
            writeTiny(w);
        }
        assertArrayEquals(tinyBytes(), out.toByteArray());
    }

    @Test
    void readerDecodesTheHandDerivedBytes() throws IOException {
        try (TraceReader r = Traces.open(new ByteArrayInputStream(tinyBytes()), "t.bin")) {
            assertEquals(new ValueChange(3, "lane", "acc", BitValue.of(5, 32)), r.next());
            assertEquals(new ValueChange(3, "lane", "z", BitValue.of(1, 1)), r.next());
            assertEquals(new ValueChange(131, "lane", "acc", BitValue.of(0xFFFF_FFFFL, 32)), r.next());
            assertEquals(new Transaction(-1, "d", "R", 2, 5, 64, new byte[] {(byte) 0xAB}), r.next());
            assertEquals(null, r.next());
        }
    }

    @Test
    void everyTruncationIsReportedAtTheByteWhereTheFileEnds() {
        byte[] full = tinyBytes();
        for (int cut = 0; cut < full.length; cut++) {
            TraceFormatException e = failure(Arrays.copyOf(full, cut));
            // The file ends at byte `cut`, which is where the missing data should have been.
            assertEquals(cut, e.byteOffset(), e.getMessage());
            assertTrue(e.getMessage().startsWith("t.bin: "), e.getMessage());
            assertTrue(e.getMessage().endsWith(" at byte " + cut), e.getMessage());
        }
    }

    @Test
    void truncationMessagesSayWhatWasCut() {
        byte[] full = tinyBytes();
        assertEquals("t.bin: empty file, not a trace at byte 0", failure(new byte[0]).getMessage());
        assertEquals("t.bin: file ends inside the file header (truncated) at byte 4",
                failure(Arrays.copyOf(full, 4)).getMessage());
        // 31 is the end of the declarations: two records read, no end marker.
        assertEquals("t.bin: file ends without the end marker (truncated after 2 records) at byte 31",
                failure(Arrays.copyOf(full, 31)).getMessage());
        assertEquals("t.bin: file ends inside a value change (truncated) at byte 35",
                failure(Arrays.copyOf(full, 35)).getMessage());
        assertEquals("t.bin: file ends inside a transaction payload (truncated) at byte 62",
                failure(Arrays.copyOf(full, 62)).getMessage());
        assertEquals("t.bin: file ends without the end marker (truncated after 6 records) at byte 63",
                failure(Arrays.copyOf(full, 63)).getMessage());
    }

    @Test
    void corruptMagicIsRejectedAtByteZero() {
        byte[] b = tinyBytes();
        b[1] = 'X';
        TraceFormatException e = failure(b);
        assertEquals(0, e.byteOffset());
        assertEquals("t.bin: not a Lockstep trace (neither the binary magic nor a JSON Lines header) at byte 0",
                e.getMessage());
    }

    @Test
    void unknownVersionIsRejectedAtTheVersionByte() {
        byte[] b = tinyBytes();
        b[8] = 2;
        assertEquals("t.bin: unsupported binary trace version 2 (this reader knows version 1) at byte 8",
                failure(b).getMessage());
    }

    @Test
    void corruptRecordsAreRejectedWhereTheyStart() {
        byte[] tag = tinyBytes();
        tag[31] = 0x09;
        assertEquals("t.bin: unknown record tag 0x09 at byte 31", failure(tag).getMessage());

        byte[] bits = tinyBytes();
        bits[41] = 0x03; // lane.z is 1 bit wide
        assertEquals("t.bin: value of lane.z has bits set above its width 1 at byte 41", failure(bits).getMessage());

        byte[] id = tinyBytes();
        id[33] = 0x05; // only ids 0 and 1 are declared
        assertEquals("t.bin: value change of undeclared signal id 5 at byte 33", failure(id).getMessage());

        byte[] count = tinyBytes();
        count[64] = 0x07;
        assertEquals("t.bin: end marker counts 7 records but the file holds 6 at byte 64",
                failure(count).getMessage());

        byte[] trailing = Arrays.copyOf(tinyBytes(), TINY.length + 1);
        assertEquals("t.bin: data after the end marker at byte 65", failure(trailing).getMessage());

        byte[] length = tinyBytes();
        length[51] = 0x0C; // the transaction body is 11 bytes
        TraceFormatException e = failure(length);
        assertEquals(51, e.byteOffset(), e.getMessage());

        byte[] utf8 = tinyBytes();
        utf8[12] = (byte) 0xC3; // a lone lead byte of a two-byte sequence
        assertEquals("t.bin: string in a declaration is not valid UTF-8 at byte 12", failure(utf8).getMessage());
    }
}

package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcdTest {

    @Test
    void writerProducesStandardVcd() throws IOException {
        StringWriter text = new StringWriter();
        try (VcdWriter vcd = new VcdWriter(text, "1ns")) {
            int acc = vcd.declare("top.lane", "acc", 4);
            int en = vcd.declare("top", "en", 1);
            int wide = vcd.declare("top.lane", "wide", 66);
            vcd.change(0, acc, 5);
            vcd.change(0, en, 1);
            vcd.change(3, acc, 10);
            vcd.change(3, wide, new long[] {1, 2}); // bit 65 and bit 0
            vcd.change(7, en, 0);
        }
        // Written by hand from IEEE 1364-2005 section 18.2: codes '!', '"', '#' in declaration order; top's own
        // variable before its sub-scope; vectors as b<bits, MSB first> space code; scalars as <bit><code>.
        String expected = """
                $version Lockstep $end
                $timescale 1ns $end
                $scope module top $end
                $var wire 1 " en $end
                $scope module lane $end
                $var wire 4 ! acc $end
                $var wire 66 # wide $end
                $upscope $end
                $upscope $end
                $enddefinitions $end
                #0
                b0101 !
                1"
                #3
                b1010 !
                b100000000000000000000000000000000000000000000000000000000000000001 #
                #7
                0"
                """;
        assertEquals(expected, text.toString());
    }

    @Test
    void identifierCodesAreUniquePrintableAscii() {
        assertEquals("!", VcdWriter.code(0));
        assertEquals("~", VcdWriter.code(93));
        // Bijective base 94: 94 is the first two-character code, "!!", then '"' + '!' for 95.
        assertEquals("!!", VcdWriter.code(94));
        assertEquals("\"!", VcdWriter.code(95));
        Set<String> seen = new HashSet<>();
        for (int id = 0; id < 20_000; id++) {
            String c = VcdWriter.code(id);
            assertEquals(true, seen.add(c), "duplicate code for " + id);
            assertEquals(true, c.chars().allMatch(ch -> ch >= 33 && ch <= 126), c);
        }
    }

    @Test
    void writerRejectsMisuse() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new VcdWriter(new StringWriter(), "2ns"));
        try (VcdWriter vcd = new VcdWriter(new StringWriter(), "10 ps")) {
            assertThrows(IllegalArgumentException.class, () -> vcd.declare("top..x", "a", 1));
            assertThrows(IllegalArgumentException.class, () -> vcd.declare("top", "a b", 1));
            int a = vcd.declare("top", "a", 1);
            assertThrows(IllegalArgumentException.class, () -> vcd.declare("top", "a", 1));
            vcd.change(5, a, 1);
            assertThrows(IllegalStateException.class, () -> vcd.declare("top", "b", 1));
            assertThrows(IllegalArgumentException.class, () -> vcd.change(4, a, 0));
        }
    }

    /** Cycles 0..9 of lane.acc (8 bits) and lane.en (1 bit), with a transaction in between. */
    private static ListReader sample() {
        return new ListReader(List.of(
                new ValueChange(0, "lane", "en", BitValue.of(1, 1)),
                new ValueChange(0, "lane", "acc", BitValue.of(1, 8)),
                new ValueChange(2, "lane", "acc", BitValue.of(2, 8)),
                new Transaction(1, "dma", "READ", 2, 3, 4, new byte[0]),
                new ValueChange(4, "lane", "acc", BitValue.of(3, 8)),
                new ValueChange(4, "lane", "en", BitValue.of(0, 1)),
                new ValueChange(6, "lane", "acc", BitValue.of(4, 8)),
                new ValueChange(9, "lane", "acc", BitValue.of(5, 8))));
    }

    @Test
    void exportWritesTheWindowWithInitialValues(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("w.vcd");
        VcdExport.export(sample(), out, 3, 6);
        // At 3: acc = 2 (its change at 2), en = 1 (at 0). Then the changes at 4 and 6; nothing after 6.
        // Variables sorted by (path, field): acc '!', en '"'.
        String expected = """
                $version Lockstep $end
                $timescale 1ns $end
                $scope module lane $end
                $var wire 8 ! acc $end
                $var wire 1 " en $end
                $upscope $end
                $enddefinitions $end
                #3
                b00000010 !
                1"
                #4
                b00000011 !
                0"
                #6
                b00000100 !
                """;
        assertEquals(expected, Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no staging or temporary file is left");
        }
    }

    @Test
    void exportMarksTheEndOfTheWindow(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("w.vcd");
        // Window 5..8: acc = 3 and en = 0 at 5 (their changes at 4), acc = 4 at 6, and a time mark at 8 since
        // the trace goes on to cycle 9.
        VcdExport.export(sample(), out, 5, 8, "10ps");
        String expected = """
                $version Lockstep $end
                $timescale 10ps $end
                $scope module lane $end
                $var wire 8 ! acc $end
                $var wire 1 " en $end
                $upscope $end
                $enddefinitions $end
                #5
                b00000011 !
                0"
                #6
                b00000100 !
                #8
                """;
        assertEquals(expected, Files.readString(out));
    }

    @Test
    void exportPastTheEndHoldsTheLastValues(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("w.vcd");
        VcdExport.export(sample(), out, 20, 30);
        // Last values: acc = 5 (cycle 9), en = 0 (cycle 4); the trace ends before 30, so no later mark.
        assertEquals("""
                $version Lockstep $end
                $timescale 1ns $end
                $scope module lane $end
                $var wire 8 ! acc $end
                $var wire 1 " en $end
                $upscope $end
                $enddefinitions $end
                #20
                b00000101 !
                0"
                """, Files.readString(out));
    }

    @Test
    void exportRejectsAnEmptyWindow(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> VcdExport.export(sample(), dir.resolve("w.vcd"), 5, 4));
    }
}

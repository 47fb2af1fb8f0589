package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.TraceComparator.Divergence;
import dev.lockstep.trace.TraceComparator.Options;
import dev.lockstep.trace.TraceComparator.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceComparatorTest {

    private static ValueChange vc(long cycle, String path, String field, long value, int width) {
        return new ValueChange(cycle, path, field, BitValue.of(value, width));
    }

    // Expected: cycle 0 a.x=1 a.y=2 | cycle 1 a.x=3 | cycle 2 a.x=4 b.z=7 | cycle 3 a.y=9
    private static final List<TraceRecord> EXPECTED = List.of(
            vc(0, "a", "x", 1, 8), vc(0, "a", "y", 2, 8),
            vc(1, "a", "x", 3, 8),
            vc(2, "b", "z", 7, 8), vc(2, "a", "x", 4, 8),
            vc(3, "a", "y", 9, 8));
    // Actual: same through cycle 1; cycle 2 a.x=5 and no b.z; cycle 3 a.y=8.
    private static final List<TraceRecord> ACTUAL = List.of(
            vc(0, "a", "y", 2, 8), vc(0, "a", "x", 1, 8),
            vc(1, "a", "x", 3, 8),
            vc(2, "a", "x", 5, 8),
            vc(3, "a", "y", 8, 8));

    private static Result compare(List<TraceRecord> e, List<TraceRecord> a, int context, boolean all)
            throws IOException {
        return TraceComparator.compare(new ListReader(e), new ListReader(a), new Options(context, all));
    }

    @Test
    void equalTracesAreEqualWhateverTheOrderWithinACycle() throws IOException {
        // ACTUAL's cycle 0 lists a.y before a.x; the comparison is by (path, field) within the cycle.
        Result r = compare(EXPECTED.subList(0, 3), ACTUAL.subList(0, 3), 2, false);
        assertTrue(r.equal());
        assertNull(r.first());
        assertEquals(0, r.divergences());
        assertEquals(3, r.recordsCompared());
        // The last two agreeing records, in (cycle, path, field) order: cycle 0 a.y, cycle 1 a.x.
        assertEquals(List.of(vc(0, "a", "y", 2, 8), vc(1, "a", "x", 3, 8)), r.lastAgreeing());
    }

    @Test
    void reportsTheEarliestCycleThenPathAndFieldOrder() throws IOException {
        Result r = compare(EXPECTED, ACTUAL, 2, false);
        assertFalse(r.equal());
        // Cycle 2 differs in a.x (4 vs 5) and b.z (7 vs absent); a.x sorts first.
        assertEquals(new Divergence(2, "a", "x", BitValue.of(4, 8), BitValue.of(5, 8)), r.first());
        assertEquals("cycle 2: a.x expected 0x04 actual 0x05", r.first().describe());
        assertEquals(List.of(vc(0, "a", "y", 2, 8), vc(1, "a", "x", 3, 8)), r.lastAgreeing());
        assertEquals(1, r.divergences());
        // Cycle 0: 2 keys, cycle 1: 1, cycle 2: stopped at the first key = 4.
        assertEquals(4, r.recordsCompared());
    }

    @Test
    void contextRingKeepsOnlyTheLastN() throws IOException {
        // Agreeing before the divergence: c0 a.x, c0 a.y, c1 a.x.
        assertEquals(List.of(), compare(EXPECTED, ACTUAL, 0, false).lastAgreeing());
        assertEquals(List.of(vc(1, "a", "x", 3, 8)), compare(EXPECTED, ACTUAL, 1, false).lastAgreeing());
        assertEquals(List.of(vc(0, "a", "x", 1, 8), vc(0, "a", "y", 2, 8), vc(1, "a", "x", 3, 8)),
                compare(EXPECTED, ACTUAL, 10, false).lastAgreeing());
    }

    @Test
    void continuingCountsEveryDivergenceAndKeepsTheFirst() throws IOException {
        Result r = compare(EXPECTED, ACTUAL, 2, true);
        // c2 a.x, c2 b.z (absent on actual), c3 a.y.
        assertEquals(3, r.divergences());
        // c0: 2, c1: 1, c2: a.x and b.z, c3: 1.
        assertEquals(6, r.recordsCompared());
        assertEquals(new Divergence(2, "a", "x", BitValue.of(4, 8), BitValue.of(5, 8)), r.first());
        assertEquals(List.of(vc(0, "a", "y", 2, 8), vc(1, "a", "x", 3, 8)), r.lastAgreeing());
    }

    @Test
    void aRecordOnOneSideOnlyIsAbsentOnTheOther() throws IOException {
        Result missing = compare(EXPECTED.subList(0, 4), EXPECTED.subList(0, 3), 1, false);
        assertEquals(new Divergence(2, "b", "z", BitValue.of(7, 8), null), missing.first());
        assertEquals("cycle 2: b.z expected 0x07 actual absent", missing.first().describe());

        // An extra cycle after the expected trace ends.
        Result extra = compare(EXPECTED.subList(0, 1), List.of(EXPECTED.get(0), vc(9, "a", "x", 1, 8)), 1, false);
        assertEquals(new Divergence(9, "a", "x", null, BitValue.of(1, 8)), extra.first());
        assertEquals("cycle 9: a.x expected absent actual 0x01", extra.first().describe());
    }

    @Test
    void describeMatchesTheDocumentedExample() {
        assertEquals("cycle 1234: lane.acc expected 0x00000005 actual 0x00000004",
                new Divergence(1234, "lane", "acc", BitValue.of(5, 32), BitValue.of(4, 32)).describe());
    }

    @Test
    void widthDifferenceIsADivergence() throws IOException {
        Result r = compare(List.of(vc(0, "a", "x", 1, 8)), List.of(vc(0, "a", "x", 1, 9)), 0, false);
        assertEquals("cycle 0: a.x expected 0x01 actual 0x001", r.first().describe());
    }

    @Test
    void transactionsCompareInOrder() throws IOException {
        Transaction t1 = new Transaction(1, "dma0", "READ", 4, 9, 64, new byte[] {1});
        Transaction t2 = new Transaction(2, "dma0", "READ", 5, 12, 64, new byte[] {2});
        Transaction t2late = new Transaction(2, "dma0", "READ", 5, 13, 64, new byte[] {2});
        Transaction t2write = new Transaction(2, "dma0", "WRITE", 5, 12, 64, new byte[] {2});
        Transaction t2payload = new Transaction(2, "dma0", "READ", 5, 12, 64, new byte[] {3});

        // Transactions interleave with value changes at different places on each side: still paired in order.
        Result same = compare(List.of(t1, vc(0, "a", "x", 1, 8), t2), List.of(vc(0, "a", "x", 1, 8), t1, t2), 5,
                false);
        assertTrue(same.equal(), () -> String.valueOf(same.first()));
        assertEquals(3, same.recordsCompared());

        Result late = compare(List.of(t1, t2), List.of(t1, t2late), 5, false);
        // Reported at the expected transaction's issue cycle, 5.
        assertEquals("cycle 5: dma0.txn#2.completeCycle expected 0x000000000000000c actual 0x000000000000000d",
                late.first().describe());
        assertEquals(List.of(t1), late.lastAgreeing());

        assertEquals("cycle 5: dma0.txn#2.kind expected \"READ\" actual \"WRITE\"",
                compare(List.of(t2), List.of(t2write), 0, false).first().describe());
        assertEquals("cycle 5: dma0.txn#2.payload expected 0x02 actual 0x03",
                compare(List.of(t2), List.of(t2payload), 0, false).first().describe());

        Result absent = compare(List.of(t1, t2), List.of(t1), 0, false);
        assertEquals("cycle 5: dma0.txn#2 expected 0x0000000000000002 actual absent", absent.first().describe());

        Result counted = compare(List.of(t1, t2), List.of(t2, t1), 0, true);
        // Pairs (t1, t2) and (t2, t1) both differ, first in their id.
        assertEquals(2, counted.divergences());
        assertEquals("cycle 4: dma0.txn#1.id expected 0x0000000000000001 actual 0x0000000000000002",
                counted.first().describe());
    }

    @Test
    void comparesTracesReadFromBothCodecs() throws IOException {
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        try (TraceWriter b = Traces.writeBinary(bin); TraceWriter j = Traces.writeJsonLines(jsonl)) {
            BinaryCodecTest.writeTiny(b);
            BinaryCodecTest.writeTiny(j);
            // One planted difference on the JSON side at cycle 200: lane.z is 1 there, absent on the binary side.
            j.change(200, 1, 1);
        }
        try (TraceReader e = Traces.open(new ByteArrayInputStream(bin.toByteArray()), "e");
             TraceReader a = Traces.open(new ByteArrayInputStream(jsonl.toByteArray()), "a")) {
            Result r = TraceComparator.compare(e, a, new Options(3, false));
            assertEquals("cycle 200: lane.z expected absent actual 0x1", r.first().describe());
            // Agreeing before it, in walk order: c3 lane.acc, c3 lane.z, c131 lane.acc, then the transaction
            // (read with cycle 131's changes and paired once that cycle is compared); the last three remain.
            assertEquals(List.of(vc(3, "lane", "z", 1, 1), vc(131, "lane", "acc", 0xFFFF_FFFFL, 32),
                    new Transaction(-1, "d", "R", 2, 5, 64, new byte[] {(byte) 0xAB})), r.lastAgreeing());
        }
    }

    @Test
    void negativeContextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Options(-1, false));
    }
}

package dev.lockstep.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import dev.lockstep.trace.Transaction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Busy and stalled time per engine from transactions, each engine on its own clock. */
class TimelineTest {
    @TempDir
    Path dir;

    @Test
    void overlappingIntervalsCountOnceAndClocksScale() throws IOException {
        Path trace = dir.resolve("t.lkt");
        try (TraceWriter w = Traces.writeBinary(trace)) {
            w.transaction(new Transaction(1, "dma.0", "dma", 0, 10, 64, null));
            w.transaction(new Transaction(2, "dma.0", "dma", 5, 20, 64, null));
            w.transaction(new Transaction(3, "dma.0", "dma", 30, 40, 64, null));
            w.transaction(new Transaction(4, "bm.0", "bm.identity", 0, 5, 64, null));
            w.transaction(new Transaction(5, "bm.0", "bm.stall", 5, 8, 0, null));
        }
        Timeline t;
        try (TraceReader in = Traces.open(trace)) {
            // dma at 1 GHz (1000 ps), bm at 500 MHz (2000 ps).
            t = Timeline.of(in, c -> c.startsWith("dma") ? 1_000 : 2_000);
        }
        assertEquals(List.of("dma.0", "bm.0"), t.tracks());
        // dma: [0,10) and [5,20) merge into [0,20): 20 cycles, plus [30,40): 10; 30 cycles x 1000 ps.
        assertEquals(30_000, t.coveredPs(0, false));
        assertEquals(0, t.coveredPs(0, true));
        // bm busy [0,5) x 2000 ps = 10,000 ps; stalled [5,8) = 6,000 ps.
        assertEquals(10_000, t.coveredPs(1, false));
        assertEquals(6_000, t.coveredPs(1, true));
        // Last end: dma cycle 40 x 1000 = 40,000 ps (bm ends at 16,000).
        assertEquals(40_000, t.endPs());
    }
}

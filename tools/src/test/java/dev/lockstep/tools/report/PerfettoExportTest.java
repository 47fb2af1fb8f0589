package dev.lockstep.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import dev.lockstep.trace.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chrome trace JSON: microsecond timestamps converted by hand from cycles and picoseconds. */
class PerfettoExportTest {
    @TempDir
    Path dir;

    @Test
    void picosecondsToExactMicroseconds() {
        assertEquals("0", PerfettoExport.micros(0));
        assertEquals("0.000001", PerfettoExport.micros(1));        // 1 ps = 1e-6 us
        assertEquals("0.0015", PerfettoExport.micros(1_500));      // 1.5 ns
        assertEquals("2", PerfettoExport.micros(2_000_000));       // 2 us
        assertEquals("12.345678", PerfettoExport.micros(12_345_678));
    }

    @Test
    void transactionsAndChangesBecomeEventsAtTheRightTimes() throws IOException {
        Path trace = dir.resolve("t.lkt");
        try (TraceWriter w = Traces.writeBinary(trace)) {
            int acc = w.declare("lane", "acc", 8);
            w.change(4, acc, 5);
            w.transaction(new Transaction(7, "dma.0", "dma", 3, 10, 64, null));
            w.transaction(new Transaction(8, "bm.0", "bm.identity", 1_000, 1_750, 128, null));
        }
        Path json = dir.resolve("t.json");
        try (TraceReader in = Traces.open(trace)) {
            PerfettoExport.export(in, json, 1_333);
        }
        JsonNode events = new ObjectMapper().readTree(Files.readString(json)).get("traceEvents");
        // Value change at cycle 4 x 1333 ps = 5332 ps = 0.005332 us, a counter.
        assertEquals("C", events.get(0).get("ph").asText());
        assertEquals("lane.acc", events.get(0).get("name").asText());
        assertEquals("0.005332", events.get(0).get("ts").asText());
        assertEquals(5, events.get(0).get("args").get("value").asInt());
        // dma: issue 3 x 1333 = 3999 ps = 0.003999 us, lasting 7 x 1333 = 9331 ps = 0.009331 us.
        JsonNode dma = events.get(1);
        assertEquals("X", dma.get("ph").asText());
        assertEquals("0.003999", dma.get("ts").asText());
        assertEquals("0.009331", dma.get("dur").asText());
        assertEquals(64, dma.get("args").get("bytes").asInt());
        // bm: issue 1000 x 1333 = 1,333,000 ps = 1.333 us; 750 x 1333 = 999,750 ps = 0.99975 us.
        JsonNode bm = events.get(2);
        assertEquals("1.333", bm.get("ts").asText());
        assertEquals("0.99975", bm.get("dur").asText());
        assertEquals(2, bm.get("tid").asInt());
        // Track names: thread 1 is dma.0, thread 2 is bm.0.
        assertEquals("thread_name", events.get(3).get("name").asText());
        assertEquals("dma.0", events.get(3).get("args").get("name").asText());
        assertEquals("bm.0", events.get(4).get("args").get("name").asText());
        assertEquals(5, events.size());
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".part")));
    }

    @Test
    void eachComponentOnItsOwnClock() throws IOException {
        Path trace = dir.resolve("two.lkt");
        try (TraceWriter w = Traces.writeBinary(trace)) {
            w.transaction(new Transaction(1, "dma.0", "dma", 10, 20, 64, null));
            w.transaction(new Transaction(2, "bm.0", "bm.identity", 10, 20, 64, null));
        }
        Path json = dir.resolve("two.json");
        try (TraceReader in = Traces.open(trace)) {
            PerfettoExport.export(in, json, c -> c.equals("dma.0") ? 1_000 : 2_000);
        }
        JsonNode events = new ObjectMapper().readTree(Files.readString(json)).get("traceEvents");
        // dma: cycle 10 x 1000 ps = 0.01 us, 10 cycles = 0.01 us; bm: 10 x 2000 ps = 0.02 us, lasting 0.02 us.
        assertEquals("0.01", events.get(0).get("ts").asText());
        assertEquals("0.01", events.get(0).get("dur").asText());
        assertEquals("0.02", events.get(1).get("ts").asText());
        assertEquals("0.02", events.get(1).get("dur").asText());
    }
}

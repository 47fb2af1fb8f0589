package dev.lockstep.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.config.Presets;
import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceRecord;
import dev.lockstep.trace.Traces;
import dev.lockstep.trace.Transaction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traced pipeline behind the report's default timeline: its jobs, their order and their clocks. */
class PipelineRunTest {
    @TempDir
    Path dir;

    @Test
    void everyTileIsFetchedThenMovedEachEngineOnItsOwnClock() throws IOException {
        Path trace = dir.resolve("p.lkt");
        ToLongFunction<String> period = PipelineRun.run(Presets.load("minimal"), trace);
        // docs/memory.md, minimal: DMA on the 1000 ps dma clock, BlockMover on the 2000 ps fabric clock.
        assertEquals(1000, period.applyAsLong("dma.0"));
        assertEquals(2000, period.applyAsLong("bm.0"));
        List<Transaction> dma = new ArrayList<>();
        List<Transaction> bm = new ArrayList<>();
        try (TraceReader in = Traces.open(trace)) {
            for (TraceRecord r = in.next(); r != null; r = in.next()) {
                Transaction t = (Transaction) r;
                (t.component().equals("dma.0") ? dma : bm).add(t);
            }
        }
        // 8 tiles of 32 x 64 int32 = 8192 bytes, each fetched once and moved once.
        assertEquals(8, dma.size());
        assertEquals(8, bm.size());
        assertTrue(dma.stream().allMatch(t -> t.bytes() == 8192));
        assertTrue(bm.stream().allMatch(t -> t.bytes() == 8192 && t.kind().equals("bm.identity")));
        for (int i = 0; i < 8; i++) {
            // A tile moves only after it arrived: BM issue (x 2000 ps) >= DMA completion (x 1000 ps).
            assertTrue(bm.get(i).issueCycle() * 2000 >= dma.get(i).completeCycle() * 1000, "tile " + i);
            if (i > 0) {
                // An engine takes its jobs in order and finishes them in order (docs/memory.md: a job's
                // bursts may follow the previous job's before those land, so they may overlap).
                for (List<Transaction> e : List.of(bm, dma)) {
                    assertTrue(e.get(i).issueCycle() >= e.get(i - 1).issueCycle());
                    assertTrue(e.get(i).completeCycle() >= e.get(i - 1).completeCycle());
                }
            }
        }
    }
}

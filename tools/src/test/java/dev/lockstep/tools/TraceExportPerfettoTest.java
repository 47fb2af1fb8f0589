package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import dev.lockstep.trace.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lockstep trace export --perfetto`: the option, its required clock period, one-line errors. */
class TraceExportPerfettoTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        return LockstepCli.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void exportsWithThePeriodAndRefusesWithout() throws IOException {
        Path trace = dir.resolve("t.lkt");
        try (TraceWriter w = Traces.writeBinary(trace)) {
            w.transaction(new Transaction(1, "dma.0", "dma", 2, 5, 64, null));
        }
        Path out = dir.resolve("t.json");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "trace", "export", trace.toString(), "--perfetto", out.toString(),
                "--period-ps", "2000"), err.toString());
        // Issue cycle 2 x 2000 ps = 4000 ps = 0.004 us; 3 cycles = 6000 ps = 0.006 us.
        assertTrue(Files.readString(out).contains("\"ts\":0.004,\"dur\":0.006,"), Files.readString(out));
        for (String[] args : List.of(
                new String[] {"trace", "export", trace.toString(), "--perfetto", out.toString()},
                new String[] {"trace", "export", trace.toString(), "--perfetto", out.toString(), "--period-ps", "0"},
                new String[] {"trace", "export", trace.toString(), "--jsonl", out.toString(), "--period-ps", "1000"})) {
            StringWriter e = new StringWriter();
            assertEquals(ExitCodes.BAD_INPUT, run(e, args), e.toString());
            assertEquals(1, e.toString().strip().split("\n").length, e.toString());
        }
    }
}

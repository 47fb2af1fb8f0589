package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lockstep bench memory`: rows, CSV, and one-line errors with exit code 2. */
class BenchMemoryCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LockstepCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void sweepPrintsRowsAndWritesCsv() throws IOException {
        Path csv = dir.resolve("sweep.csv");
        Run r = run("bench", "memory", "--engine", "dma", "--pattern", "seq", "--max-size", "256", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        List<String> lines = Files.readAllLines(csv);
        // Sizes 64 and 256 (x4 steps) for one engine and pattern: header + 2 rows.
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(BenchMemoryCommand.CSV_HEADER, lines.get(0));
        // 64 B on minimal takes 72 ns (docs/benchmarks.md hand check): 64 / 72 = 0.8889 GB/s of a 50 GB/s peak.
        assertTrue(lines.get(1).startsWith("dma,seq,64,72000,0.8889,50.0000,"), lines.get(1));
        assertTrue(r.out().contains("config minimal"), r.out());
    }

    @Test
    void badOptionsAreOneLineExitTwo() {
        for (String[] args : List.of(
                new String[] {"bench", "memory", "--engine", "gpu"},
                new String[] {"bench", "memory", "--max-size", "100"},
                new String[] {"bench", "memory", "--config", "huge"})) {
            Run r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.out() + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
        }
    }
}

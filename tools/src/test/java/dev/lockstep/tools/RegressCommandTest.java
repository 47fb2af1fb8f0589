package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.lockstep.tools.Run.run;

/** `lockstep regress`: exit codes on planted deltas, bad input, and the committed canonical baseline (the CI gate). */
class RegressCommandTest {
    @TempDir
    Path dir;

    /** The CI gate: the committed baselines (repository folder regress/baselines) match a fresh run. */
    @Test
    void canonicalSuiteMatchesItsCommittedBaseline() {
        Run r = run("regress", "check", "canonical", "--dir", "../regress/baselines");
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(" 0 beyond tolerance"), r.out());
    }

    @Test
    void plantedDeltasDecideTheExitCode() throws IOException {
        assertEquals(ExitCodes.OK, run("regress", "record", "smoke", "--dir", dir.toString()).exit());
        Path file = dir.resolve("smoke.json");
        String recorded = Files.readString(file);
        assertEquals(ExitCodes.OK, run("regress", "check", "smoke", "--dir", dir.toString()).exit());
        // The smoke suite's dense GEMV takes floor(256 x 512 / 60) = 2184 cycles (FabricWorkloads).
        assertTrue(recorded.contains("\"metric\": \"cycles\", \"value\": 2184,"), recorded);
        // A baseline of 2100: the run is 2184 / 2100 - 1 = +4.0 %, inside 5 %, outside 3 %.
        Files.writeString(file, recorded.replace("\"value\": 2184,", "\"value\": 2100,"));
        assertEquals(ExitCodes.OK, run("regress", "check", "smoke", "--dir", dir.toString()).exit());
        Run tight = run("regress", "check", "smoke", "--dir", dir.toString(), "--tolerance", "3%");
        assertEquals(ExitCodes.CHECK_FAILED, tight.exit(), tight.out());
        assertTrue(tight.out().contains("+4.00%  regressed"), tight.out());
        // A baseline of 2400: the run is 9 % faster, which fails too (2184 / 2400 - 1 = -9.0 %).
        Files.writeString(file, recorded.replace("\"value\": 2184,", "\"value\": 2400,"));
        Run faster = run("regress", "check", "smoke", "--dir", dir.toString());
        assertEquals(ExitCodes.CHECK_FAILED, faster.exit(), faster.out());
        assertTrue(faster.out().contains("-9.00%  regressed"), faster.out());
    }

    @Test
    void badInputIsOneLineExitTwo() throws IOException {
        Files.writeString(dir.resolve("smoke.json"), "{\"lockstep\": \"regress-baseline\",\n \"version\": 1,\n \"suite\": \"smoke\", \"metrics\": [\n  {\"workload\": 1");
        Files.writeString(dir.resolve("other.json"), "{\"lockstep\": \"regress-baseline\", \"version\": 1, \"suite\": \"smoke\", \"metrics\": [],"
                + " \"extra\": 1}");
        for (String[] args : List.of(
                new String[] {"regress", "check", "nightly", "--dir", dir.toString()},
                new String[] {"regress", "check", "smoke", "--tolerance", "five", "--dir", dir.toString()},
                new String[] {"regress", "check", "smoke", "--dir", dir.toString()},
                new String[] {"regress", "check", "smoke", "--dir", dir.resolve("none").toString()})) {
            Run r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), String.join(" ", args) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
        }
        assertTrue(run("regress", "check", "nightly").err().contains("known: canonical, smoke"));
        // The truncated file is reported at its line.
        assertTrue(run("regress", "check", "smoke", "--dir", dir.toString()).err().contains("line 4"));
    }
}

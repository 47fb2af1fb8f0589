package dev.lockstep.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.lockstep.tools.Run.run;

/** `lockstep fabric run` and `fabric gemv`: outputs, checks and one-line errors with exit 2. */
class FabricCommandTest {
    @TempDir
    Path dir;

    private static void assertBadInput(Run r, String mustMention) {
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), () -> "stdout: " + r.out() + " stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, () -> "expected one line, got: " + r.err());
        assertTrue(lines[0].contains(mustMention), () -> lines[0] + " should mention " + mustMention);
    }

    private Path file(String json) throws IOException {
        Path p = dir.resolve("frame.json");
        Files.writeString(p, json);
        return p;
    }

    /** Golden vector 1 of tfmbs.md 7: W0 = 0xC4, X0 = 0x79, D = 1, hints 0x00060001, lane count 15. */
    private static final String GOLDEN_1 = """
            {
              "tiles": 1,
              "sram": [
                {"tile": 0, "bank": "weights", "words": ["0x0000C4"]},
                {"tile": 0, "bank": "inputs", "words": ["+++++0000000000"]}
              ],
              "frames": [ {"base": 0, "depth": 1, "hints": "0x00060001"} ]
            }
            """;

    @Test
    void runPrintsGoldenVectorOneAtBothFidelities() throws IOException {
        Path f = file(GOLDEN_1);
        for (String fidelity : new String[] {"pe", "tile"}) {
            Run r = run("fabric", "run", f.toString(), "--fidelity", fidelity, "--json");
            assertEquals(0, r.exit(), r.err());
            String compact = r.out().replaceAll("\\s+", "");
            // Results [1,-1,0,1,-1, 0 x 10]; skips 1 on lanes 2 and 5..14; active 1 everywhere;
            // CYCLES 1, UTIL 15 (tfmbs.md 7, vector 1); START->DONE = D + 3 = 4 edges (2.9).
            assertTrue(compact.contains("\"result\":[1,-1,0,1,-1,0,0,0,0,0,0,0,0,0,0]"), compact);
            assertTrue(compact.contains("\"skip\":[0,0,1,0,0,1,1,1,1,1,1,1,1,1,1]"), compact);
            assertTrue(compact.contains("\"active\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]"), compact);
            assertTrue(compact.contains("\"cycles\":1,\"edges\":4,\"utilization\":15"), compact);
        }
    }

    @Test
    void runPrintsGoldenVectorThreeOnFourTiles() throws IOException {
        // tfmbs.md 7, vector 3: weights {0x797979, 0xF2F2F2, 0xC4C4C4} in every tile (the broadcast
        // load), inputs 0x797979 x 3, D = 3, hints 0x20006, tile mask 0xF: each tile [1,-1,0,1,-1] x 3,
        // CYCLES 3, UTIL 180; skips 1 per tile on lanes 2, 7, 12 (4 aggregated over the tiles).
        // The weights go in once through the broadcast window, as the reference loads them.
        StringBuilder sram = new StringBuilder("{\"bank\": \"broadcast\", \"words\": [\"0x797979\", \"0xF2F2F2\", \"0xC4C4C4\"]}");
        for (int t = 0; t < 4; t++) {
            sram.append(",{\"tile\": ").append(t)
                    .append(", \"bank\": \"inputs\", \"words\": [\"0x797979\", \"0x797979\", \"0x797979\"]}");
        }
        Path f = file("{\"tiles\": 4, \"sram\": [" + sram + "], \"frames\": [{\"base\": 0, \"depth\": 3, "
                + "\"hints\": \"0x20006\", \"tileMask\": \"0xF\"}]}");
        for (String fidelity : new String[] {"pe", "tile", "rtl"}) {
            Run r = run("fabric", "run", f.toString(), "--fidelity", fidelity, "--json");
            assertEquals(0, r.exit(), r.err());
            String compact = r.out().replaceAll("\\s+", "");
            assertTrue(compact.contains("\"cycles\":3,\"edges\":6,\"utilization\":180"), compact);
            for (int t = 0; t < 4; t++) {
                assertTrue(compact.contains("\"tile\":" + t + ",\"utilization\":45,"
                        + "\"result\":[1,-1,0,1,-1,1,-1,0,1,-1,1,-1,0,1,-1],"
                        + "\"skip\":[0,0,1,0,0,0,0,1,0,0,0,0,1,0,0]"), compact);
            }
        }
    }

    @Test
    void badFrameFilesAreOneLineNamingThePath() throws IOException {
        assertBadInput(run("fabric", "run", file(GOLDEN_1.replace("\"depth\": 1", "\"depth\": 0")).toString()),
                "frames[0]: frame DEPTH 0");
        assertBadInput(run("fabric", "run", file(GOLDEN_1.replace("\"depth\": 1", "\"depth\": 1, \"bogus\": 1")).toString()),
                "frames[0].bogus: unknown key");
        assertBadInput(run("fabric", "run", file(GOLDEN_1.replace("0x0000C4", "0x0000F3")).toString()),
                "sram[0].words[0]");
        assertBadInput(run("fabric", "run", file(GOLDEN_1.replace("+++++0000000000", "++x")).toString()),
                "sram[1].words[0]");
        assertBadInput(run("fabric", "run", file(GOLDEN_1.replace("\"tile\": 0, \"bank\": \"inputs\"",
                "\"tile\": 3, \"bank\": \"inputs\"")).toString()), "sram[1].tile");
        assertBadInput(run("fabric", "run", file("{\"tiles\": 1, \"frames\": [").toString()), "frame.json");
        assertBadInput(run("fabric", "run", file(GOLDEN_1.replace("\"tile\": 0, \"bank\": \"weights\"",
                "\"tile\": 0, \"bank\": \"broadcast\"")).toString()), "sram[0].tile");
        assertBadInput(run("fabric", "run", file(GOLDEN_1).toString(), "--fidelity", "rtl"), "fabric_top.v as built: 4 tiles");
        assertBadInput(run("fabric", "run", dir.resolve("missing.json").toString()), "missing.json");
    }

    @Test
    void gemvChecksTheProductAndReportsStats() {
        Run r = run("fabric", "gemv", "--rows", "100", "--cols", "10", "--tiles", "2", "--sparsity", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        // All-zero data: every op skips. R = 100 on 30 rows per pass: 4 frames of D = 10, 52 edges;
        // ops 3 x 30 x 10 + 10 x 10 = 1000 (docs/fabric-kernels.md; same figures as TernaryGemmTest).
        assertTrue(r.out().contains("\"check\": \"ok\""), r.out());
        assertTrue(r.out().contains("\"total_ops\": 1000, \"zero_skips\": 1000, \"active_ops\": 0"), r.out());
        assertTrue(r.out().contains("\"cycles\": 40, \"edges\": 52, \"frames\": 4"), r.out());
        // Telemetry in bytes: 90 bank words x 3 = 270 read, 100 results x 4 = 400 written; cost
        // 0 active + 5 x 270 + 8 x 400 = 4550; GOPS 2 x 1000 MACs x 250 MHz / 52 edges = 9.615385;
        // peak 30 lanes x 2 x 250 MHz = 15 GOPS.
        assertTrue(r.out().contains("\"telemetry\": {\"mem_read_bytes\": 270, \"mem_write_bytes\": 400, \"cycles\": 52}, "
                + "\"cost\": 4550.0, \"semantic_efficiency\": 0.000000, \"economic_efficiency\": 0.000000, "
                + "\"clock_mhz\": 250.0, \"gops\": 9.615385, \"peak_gops\": 15.000000}"), r.out());
        // The original emulator on the same GEMV (tfmbs.md 4.3): cycles floor(1000 / 30) = 33, reads
        // floor(1000 / 5) + floor(10 / 5) = 202, writes 400, cost 5 x 202 + 8 x 400 = 4210.
        Run compat = run("fabric", "gemv", "--rows", "100", "--cols", "10", "--tiles", "2", "--sparsity", "1",
                "--metrics", "emulator-compat", "--json");
        assertEquals(0, compat.exit(), compat.err());
        assertTrue(compat.out().contains("\"emulator_compat\": {\"mode\": \"emulator-compat\", \"total_ops\": 1000, "
                + "\"zero_skips\": 1000, \"mem_reads\": 202, \"mem_writes\": 400, \"broadcasts\": 0"), compat.out());
        assertTrue(compat.out().contains("\"cycles\": 33, \"lanes_used\": 30, \"cost\": 4210.0"), compat.out());
        assertBadInput(run("fabric", "gemv", "--rows", "3", "--cols", "3", "--metrics", "c"), "--metrics must be");
        Run pe = run("fabric", "gemv", "--rows", "70", "--cols", "33", "--tiles", "3", "--seed", "5", "--fidelity", "pe", "--json");
        Run tile = run("fabric", "gemv", "--rows", "70", "--cols", "33", "--tiles", "3", "--seed", "5", "--json");
        assertEquals(0, pe.exit(), pe.err());
        assertEquals(tile.out().replace("\"tile\"", "\"pe\""), pe.out());
        Run rtl4 = run("fabric", "gemv", "--rows", "70", "--cols", "33", "--tiles", "4", "--seed", "5", "--fidelity", "rtl", "--json");
        Run tile4 = run("fabric", "gemv", "--rows", "70", "--cols", "33", "--tiles", "4", "--seed", "5", "--json");
        assertEquals(0, rtl4.exit(), rtl4.err());
        assertEquals(tile4.out().replace("\"tile\"", "\"rtl\""), rtl4.out());
        assertBadInput(run("fabric", "gemv", "--rows", "0", "--cols", "3"), "--rows must be in 1..1048576, got 0");
        assertBadInput(run("fabric", "gemv", "--rows", "3", "--cols", "3", "--sparsity", "1.5"), "--sparsity");
        assertBadInput(run("fabric", "gemv", "--rows", "3", "--cols", "3", "--fidelity", "pe", "--skip-compaction"),
                "--skip-compaction");
    }
}

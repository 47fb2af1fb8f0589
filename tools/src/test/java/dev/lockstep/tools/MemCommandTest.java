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

/** `lockstep mem bench` and `lockstep config show|check`: rows, CSV, YAML, and one-line errors with exit code 2. */
class MemCommandTest {
    @TempDir
    Path dir;

    @Test
    void sweepPrintsRowsAndWritesCsv() throws IOException {
        Path csv = dir.resolve("sweep.csv");
        Run r = run("mem", "bench", "--config", "minimal", "--engine", "dma", "--pattern", "seq", "--size", "64,256", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        List<String> lines = Files.readAllLines(csv);
        // Sizes 64 and 256 for one engine and pattern: header + 2 rows.
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(MemBenchCommand.CSV_HEADER, lines.get(0));
        // 64 B on minimal takes 72 ns (docs/benchmarks.md hand check): 64 / 72 = 0.8889 GB/s of a 50 GB/s peak.
        assertTrue(lines.get(1).startsWith("dma,seq,64,72000,0.8889,50.0000,"), lines.get(1));
        assertTrue(r.out().contains("config minimal, external simple"), r.out());
    }

    @Test
    void dramRowsMeasureTheDeviceAlone() throws IOException {
        // A file configuration: minimal with DDR4-3200 external memory (clock at its tCK, 625 ps).
        Path file = dir.resolve("ddr4.yaml");
        Files.writeString(file, minimalOnDdr4());
        Path csv = dir.resolve("dram.csv");
        Run r = run("mem", "bench", "--config", file.toString(), "--engine", "dram", "--pattern", "seq", "--size", "4K", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("external DDR4_3200 DRAM"), r.out());
        String row = Files.readAllLines(csv).get(1);
        // One x64 DDR4-3200 channel: 64 B every 4 clocks of 625 ps = 25.6 GB/s peak; sequential 4 KiB
        // reads are row hits but for one ACT per 8 KiB row and refresh, so above 90 % of it.
        String[] f = row.split(",");
        assertEquals("dram", f[0]);
        assertEquals("25.6000", f[5]);
        assertTrue(Double.parseDouble(f[6]) > 0.9 && Double.parseDouble(f[6]) <= 1.0, row);
        var simple = run("mem", "bench", "--config", "minimal", "--engine", "dram");
        assertEquals(ExitCodes.BAD_INPUT, simple.exit());
        assertTrue(simple.err().contains("needs a configuration whose external memory is kind dram"), simple.err());
    }

    @Test
    void badOptionsAreOneLineExitTwo() {
        for (String[] args : List.of(
                new String[] {"mem", "bench", "--engine", "gpu"},
                new String[] {"mem", "bench", "--size", "100"},
                new String[] {"mem", "bench", "--config", "huge"},
                new String[] {"mem"},
                new String[] {"bench", "memory"})) {
            Run r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.out() + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
        }
    }

    @Test
    void showPrintsEveryClockAndReadsBackToTheSameConfiguration() throws IOException {
        Run r = run("config", "show", "datacenter");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // Every clock with period and phase (phase defaulted to 0), the DRAM at HBM3-6400's tCK 625 ps.
        assertTrue(r.out().contains("- name: external\n  period_ps: 625\n  phase_ps: 0\n"), r.out());
        assertTrue(r.out().contains("- name: fabric\n  period_ps: 667\n  phase_ps: 0\n"), r.out());
        assertTrue(r.out().contains("dram_preset: HBM3_6400"), r.out());
        Path file = dir.resolve("dc.yaml");
        Files.writeString(file, r.out());
        Run again = run("config", "show", file.toString());
        assertEquals(r.out(), again.out(), "show's YAML reads back to the same configuration");
        Run check = run("config", "check", file.toString());
        assertEquals(ExitCodes.OK, check.exit(), check.err());
        // kpu.md 3.1 datacenter: 6 x 4096 MiB HBM3; 4 host + 1 external + 256 L3 + 4096 L2 + 65536 L1 regions.
        assertEquals("OK " + file + ": hierarchy 'datacenter', 4 clocks, 69893 regions, external 6 x 4096 MiB HBM3_6400 DRAM\n", check.out());
    }

    @Test
    void checkNamesFileLineAndPathOfABadValue() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, minimalOnDdr4().replace("period_ps: 625", "period_ps: 1000"));
        Run r = run("config", "check", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains(file + ":"), r.err());
        assertTrue(r.err().contains("external.clock: clock 'external' has period_ps 1000 but DDR4_3200 runs at tCK 625 ps"), r.err());
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, minimalOnDdr4().replace("queue_depth: 64\n  interleave", "queue_depth: -1\n  interleave"));
        Run t = run("config", "check", typo.toString());
        assertEquals(ExitCodes.BAD_INPUT, t.exit());
        assertTrue(t.err().contains(typo + ":") && t.err().contains("external.queue_depth: value -1"), t.err());
        assertEquals(ExitCodes.BAD_INPUT, run("config", "check", dir.resolve("missing.yaml").toString()).exit());
    }

    /** The minimal preset as `config show` prints it, with DDR4-3200 DRAM as external memory. */
    private static String minimalOnDdr4() {
        Run r = run("config", "show", "minimal");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        String yaml = r.out()
                .replace("- name: external\n  period_ps: 1000", "- name: external\n  period_ps: 625")
                .replace("external:\n  kind: simple\n", "external:\n  kind: dram\n  dram_preset: DDR4_3200\n")
                .replaceFirst("(external:\n(?:  .*\n)*?)  bytes_per_cycle: 50\n  latency_cycles: 60\n", "$1");
        assertTrue(yaml.contains("kind: dram") && !yaml.contains("bytes_per_cycle: 50"), yaml);
        return yaml;
    }
}

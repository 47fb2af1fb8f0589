package dev.lockstep.tools;

import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.lockstep.tools.Run.run;

/** The command line's contract: exit codes, one-line errors, and what each command prints. */
class CliTest {
    @TempDir
    Path dir;

    /** A user error is exit 2 with exactly one line on stderr that starts with "lockstep". */
    private static void assertBadInput(Run r, String mustMention) {
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), () -> "stdout: " + r.out() + " stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, () -> "expected one line, got: " + r.err());
        assertTrue(lines[0].startsWith("lockstep"), lines[0]);
        assertTrue(lines[0].contains(mustMention), () -> lines[0] + " should mention " + mustMention);
    }

    /** Two one-signal traces: blk.x takes the values given at cycles 0, 1, 2, ... */
    private Path trace(String name, long... values) throws IOException {
        Path p = dir.resolve(name);
        try (TraceWriter w = Traces.writeBinary(p)) {
            int x = w.declare("blk", "x", 8);
            for (int c = 0; c < values.length; c++) {
                w.change(c, x, values[c]);
            }
        }
        return p;
    }

    @Test
    void versionNamesTheRuntime() {
        Run r = run("version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("lockstep "), r.out());
        assertTrue(r.out().contains("java " + Runtime.version().feature()), r.out());
    }

    @Test
    void helpListsEveryCommandTheIssuesName() {
        // The commands of issues 2-7 (their CLI sections), whichever way the launcher registers them.
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String command : List.of("version", "demo", "cosim", "fabric", "kpu", "scalesim", "mem", "config",
                "trace", "report", "regress", "bench", "help")) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " missing from:\n" + r.out());
        }
        Run sub = run("help", "kpu");
        assertEquals(0, sub.exit());
        assertTrue(sub.out().contains("matmul"), sub.out());
    }

    @Test
    void noCommandAndUnknownOptionsAreUsageErrors() {
        assertBadInput(run(), "a command is required");
        assertBadInput(run("cosim", "lane", "--cylces", "5"), "--cylces");
        assertBadInput(run("frobnicate"), "frobnicate");
    }

    @Test
    void outOfRangeArgumentsNameTheOptionAndValue() {
        assertBadInput(run("cosim", "lane", "--cycles", "0"), "--cycles must be >= 1, got 0");
        assertBadInput(run("cosim", "vector", "--lanes", "65"), "--lanes must be in 1..64, got 65");
        assertBadInput(run("cosim", "fabric", "--frames", "0"), "--frames must be >= 1, got 0");
        assertBadInput(run("cosim", "lane", "--seed", "twelve"), "twelve");
        assertBadInput(run("bench", "kernel", "--runs", "0"), "--runs must be >= 1, got 0");
        assertBadInput(run("bench", "cosim", "--block", "alu"), "--block must be lane, vector, fabric or systolic, got 'alu'");
        assertBadInput(run("cosim", "systolic", "--dataflow", "is"), "--dataflow must be os or ws (is runs on ws hardware), got 'is'");
        assertBadInput(run("cosim", "systolic", "--rows", "0"), "--rows and --cols must be in 1..64, got 0 and 16");
        assertBadInput(run("cosim", "systolic", "--folds", "0"), "--folds must be >= 1, got 0");
        assertBadInput(run("bench", "cosim", "--block", "systolic", "--dataflow", "xs"), "--dataflow must be os or ws, got 'xs'");
        assertBadInput(run("bench", "dram", "--standard", "DDR5"), "--standard: unknown standard 'DDR5'");
        assertBadInput(run("bench", "dram", "--max-size", "12Q"), "--max-size: '12Q' is not a positive byte count");
    }

    @Test
    void traceDiffReportsTheFirstDivergenceAndExitsOne() throws IOException {
        // Expected 1,2,3,4,5,6; actual differs first at cycle 3 (4 -> 9) and again at cycle 5 (6 -> 7).
        Path expected = trace("e.trace", 1, 2, 3, 4, 5, 6);
        Path actual = trace("a.trace", 1, 2, 3, 9, 5, 7);
        Run r = run("trace", "diff", expected.toString(), actual.toString(), "--context", "2");
        assertEquals(ExitCodes.CHECK_FAILED, r.exit(), r.err());
        assertTrue(r.out().contains("first divergence: cycle 3: blk.x expected 0x04 actual 0x09"), r.out());
        // context 2: the agreeing records at cycles 1 and 2, oldest first
        assertTrue(r.out().contains("cycle 1  blk.x = 0x02\n  cycle 2  blk.x = 0x03"), r.out());

        Run all = run("trace", "diff", expected.toString(), actual.toString(), "--all");
        assertTrue(all.out().contains("2 divergence(s)"), all.out());

        Run same = run("trace", "diff", expected.toString(), trace("same.trace", 1, 2, 3, 4, 5, 6).toString());
        assertEquals(ExitCodes.OK, same.exit());
        assertTrue(same.out().contains("traces agree: 6 comparisons"), same.out());
    }

    @Test
    void badTraceFilesAreInputErrorsWithTheOffset() throws IOException {
        Path good = trace("g.trace", 1, 2, 3);
        assertBadInput(run("trace", "diff", good.toString(), dir.resolve("missing.trace").toString()),
                "no such file");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.trace");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
        assertBadInput(run("trace", "diff", good.toString(), cut.toString()), "at byte");
        Path junk = dir.resolve("junk.trace");
        Files.writeString(junk, "this is not a trace\n");
        assertBadInput(run("trace", "export", junk.toString(), "--vcd", dir.resolve("j.vcd").toString()), "junk.trace");
        assertFalse(Files.exists(dir.resolve("j.vcd")), "no output file may be left for a failed export");
    }

    @Test
    void exportWritesVcdAndJsonLines() throws IOException {
        Path t = trace("t.trace", 1, 2, 3);
        Path vcd = dir.resolve("t.vcd");
        assertEquals(0, run("trace", "export", t.toString(), "--vcd", vcd.toString()).exit());
        String text = Files.readString(vcd);
        // 8-bit blk.x: declared in scope blk, 1 at time 0, 2 at 1, 3 at 2
        assertTrue(text.contains("$scope module blk $end"), text);
        assertTrue(text.contains("$var wire 8 ! x $end"), text);
        assertTrue(text.contains("#2\nb00000011 !"), text);

        Path jsonl = dir.resolve("t.jsonl");
        assertEquals(0, run("trace", "export", t.toString(), "--jsonl", jsonl.toString()).exit());
        assertTrue(Files.readString(jsonl).contains("{\"c\":2,\"p\":\"blk\",\"f\":\"x\",\"v\":\"0x03\"}"));
        assertBadInput(run("trace", "export", t.toString(), "--jsonl", jsonl.toString(), "--from", "1"), "--from");
        assertBadInput(run("trace", "export", t.toString()), "--vcd");
    }

    @Test
    void cosimLaneRunsAgainstTheRtlAndPasses() {
        Run r = run("cosim", "lane", "--cycles", "3000", "--seed", "5");
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("3000 cycles"), r.out());
        assertTrue(r.out().contains("0 divergences"), r.out());
    }

    @Test
    void cosimSystolicRunsFoldsAgainstTheRtlAndPasses() {
        Run r = run("cosim", "systolic", "--rows", "4", "--cols", "4", "--dataflow", "ws", "--folds", "20", "--seed", "3");
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("systolic_array 4x4 ws int8: 20 random folds in "), r.out());
        assertTrue(r.out().contains("\nsystolic_array: "), r.out());
        assertTrue(r.out().contains("0 divergences"), r.out());
    }
}

package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.lockstep.tools.Run.run;

/** `lockstep kpu run / compile / workloads`: output, round trip through a program file, exit codes. */
class KpuRunCommandTest {
    @Test
    void runPrintsJsonWithTheStableKeys() {
        // 64^3 = 262144 MACs.
        Run r = run("kpu", "run", "--config", "edge_ai", "--workload", "matmul:64,64,64", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"result\":{\"program\":\"matmul_64x64x64_int8\""), r.out());
        assertTrue(r.out().contains("\"macs\":262144,"), r.out());
        for (String key : new String[] {"\"cycles\"", "\"nanoseconds\"", "\"computeUtilization\"", "\"gops\"",
                "\"externalBandwidthGBs\"", "\"arithmeticIntensity\"", "\"bytesPerLevel\"", "\"engines\"", "\"tiling\""}) {
            assertTrue(r.out().contains(key), key + " in " + r.out());
        }
    }

    @Test
    void aCompiledProgramFileRunsAgain(@TempDir Path dir) {
        Path file = dir.resolve("p.json");
        Run c = run("kpu", "compile", "--config", "minimal", "--workload", "matmul:16,16,16", "-o", file.toString());
        assertEquals(ExitCodes.OK, c.exit(), c.err());
        assertTrue(Files.isRegularFile(file));
        // 16^3 = 4096 MACs, now from the file (no tiling line: the program is given, not compiled).
        Run r = run("kpu", "run", "--config", "minimal", "--workload", file.toString(), "--fidelity", "pe");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("fidelity pe"), r.out());
        assertFalse(r.out().contains("tiling"), r.out());
    }

    @Test
    void traceHasOneRecordPerInstructionOfTheProgramAndStallsAfterThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        assertEquals(ExitCodes.OK, run("kpu", "compile", "--config", "minimal", "--workload", "matmul:16,16,16", "-o", file.toString()).exit());
        // The expected records come from the program file, read here with plain Jackson: instruction i
        // is transaction i of kind op.toLowerCase(); ids from the program's length on are the stalls.
        var ops = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).get("instructions");
        int n = ops.size();
        Path trace = dir.resolve("run.jsonl");
        Run r = run("kpu", "run", "--config", "minimal", "--workload", file.toString(), "--json", "--trace", trace.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        long cycles = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("result").get("cycles").asLong();
        String[] kind = new String[n];
        int stalls = 0;
        long lastComplete = 0;
        try (var in = dev.lockstep.trace.Traces.open(trace)) {
            for (var rec = in.next(); rec != null; rec = in.next()) {
                var t = (dev.lockstep.trace.Transaction) rec;
                if (t.id() < n) {
                    assertEquals(null, kind[(int) t.id()], "instruction " + t.id() + " recorded twice");
                    kind[(int) t.id()] = t.kind();
                    if (t.component().startsWith("tile.") || t.component().startsWith("drain.")) {
                        // Each queue counts its own clock's edges; these two run on the array clock,
                        // the one the run's cycles count.
                        lastComplete = Math.max(lastComplete, t.completeCycle());
                    }
                } else {
                    assertEquals("stall", t.kind(), t.toString());
                    stalls++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(ops.get(i).get("op").asText().toLowerCase(java.util.Locale.ROOT), kind[i], "instruction " + i);
        }
        // Every BlockMover move waits for the DMA load that fills its L3 source, so there are stalls.
        assertTrue(stalls > 0, "no stall records");
        assertTrue(lastComplete > 0 && lastComplete <= cycles, lastComplete + " vs " + cycles);
    }

    @Test
    void aFailedRunLeavesAnOlderTraceAsItWas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.json");
        assertEquals(ExitCodes.OK, run("kpu", "compile", "--config", "minimal", "--workload", "matmul:16,16,16", "-o", file.toString()).exit());
        // Its first instruction (a DMA load into L3) made to read from address 2^62, which minimal does not
        // map: the run stops there, after the trace file was opened.
        Files.writeString(file, Files.readString(file).replaceFirst("\"src\":\\d+", "\"src\":4611686018427387904"));
        Path trace = dir.resolve("run.lkt");
        Files.writeString(trace, "older run");
        Run r = run("kpu", "run", "--config", "minimal", "--workload", file.toString(), "--trace", trace.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.out() + r.err());
        assertEquals("older run", Files.readString(trace));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("p.json", "run.lkt"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Run graph = run("kpu", "run", "--config", "edge_ai", "--workload", "gpt2-ffn", "--trace", trace.toString());
        assertEquals(ExitCodes.BAD_INPUT, graph.exit());
        assertTrue(graph.err().contains("--trace"), graph.err());
    }

    @Test
    void datacenterRunsOnItsDramExternalMemory() {
        // datacenter's external memory is the HBM3 DRAM model, which has no bytes_per_cycle: the
        // compiler and flow timing take the device's peak instead (this threw a NullPointerException).
        // 128^3 = 2,097,152 MACs on one 32 x 32 array.
        for (String memory : new String[] {"burst", "flow"}) {
            Run r = run("kpu", "run", "--config", "datacenter", "--workload", "matmul:128,128,128", "--memory", memory, "--json");
            assertEquals(ExitCodes.OK, r.exit(), memory + ": " + r.err());
            assertTrue(r.out().contains("\"macs\":2097152,"), r.out());
        }
    }

    @Test
    void aDirectConvWorkloadCompilesToPatchFeedsAndRuns(@TempDir Path dir) throws Exception {
        // conv 1 x 8 x 8 x 4 -> 8, 3 x 3, stride 1, pad 1: 8 x 8 outputs, K = 3 x 3 x 4 = 36, so
        // 64 x 8 x 36 = 18,432 MACs; at pe the program runs the register-level array.
        Path file = dir.resolve("conv.json");
        Run c = run("kpu", "compile", "--config", "minimal", "--workload", "conv:1,8,8,4,8,3,3,1,1", "-o", file.toString());
        assertEquals(ExitCodes.OK, c.exit(), c.err());
        assertTrue(Files.readString(file).contains("\"op\":\"FEED_PATCHES\""));
        Run r = run("kpu", "run", "--config", "minimal", "--workload", "conv:1,8,8,4,8,3,3,1,1", "--fidelity", "pe", "--json");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"macs\":18432,"), r.out());
        for (String bad : new String[] {"conv:1,8,8,4,8,3,3,1", "conv:1,8,8,4,8,3,3,0,1", "conv:1,8,8,4,8,3,3,1,x", "conv:1,8,8,4,8,3,3,1,3"}) {
            Run b = run("kpu", "run", "--config", "minimal", "--workload", bad);
            assertEquals(ExitCodes.BAD_INPUT, b.exit(), bad + " -> " + b.out() + b.err());
            assertEquals(1, b.err().strip().lines().count(), b.err());
            assertTrue(b.err().contains(bad), b.err());
        }
    }

    @Test
    void theSameArgumentsPrintTheSameBytes() {
        String[] args = {"kpu", "run", "--config", "minimal", "--workload", "mlp:40,24,56"};
        Run a = run(args);
        Run b = run(args);
        assertEquals(ExitCodes.OK, a.exit(), a.err());
        assertEquals(a.out(), b.out());
    }

    @Test
    void tilesOverridesTheConfigurationsComputeTiles() {
        // minimal ships compute_tiles: 1; --tiles 2 gives the run a second compute tile, whose queues
        // (tile.1 and its drain) appear among the engines. 64 x 64 x 256 has 64 C tiles of 8 x 8 or
        // more, so the compiler uses both tiles.
        Run one = run("kpu", "run", "--config", "minimal", "--workload", "matmul:64,64,256");
        Run two = run("kpu", "run", "--config", "minimal", "--workload", "matmul:64,64,256", "--tiles", "2");
        assertEquals(ExitCodes.OK, one.exit(), one.err());
        assertEquals(ExitCodes.OK, two.exit(), two.err());
        assertTrue(one.out().contains("(1 compute tile(s) of 8x8,") && !one.out().contains("tile.1 "), one.out());
        assertTrue(two.out().contains("(2 compute tile(s) of 8x8,") && two.out().contains("tile.1 "), two.out());
        Run zero = run("kpu", "run", "--config", "minimal", "--workload", "matmul:8,8,8", "--tiles", "0");
        assertEquals(ExitCodes.BAD_INPUT, zero.exit(), zero.out());
        assertEquals("--tiles: value 0 is out of range, allowed >= 1", zero.err().strip().replaceFirst("^[^-]*", ""));
    }

    @Test
    void workloadsListsTheMatmulSweep() {
        Run r = run("kpu", "workloads");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("matmul-64 ") && r.out().contains("matmul-8192 "), r.out());
    }

    @Test
    void badInputIsExitTwoOnOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\":1,\"name\":\"t\",\"dtype\":\"int8\",\"m\":1,\"n\":1,\"k\":1,\"instructions\":[{\"op\":\"NOPE\"}]}");
        for (String[] args : new String[][] {
                {"kpu", "run", "--config", "minimal", "--workload", "matmul:1,2"},
                {"kpu", "run", "--config", "nosuch", "--workload", "matmul:8,8,8"},
                {"kpu", "run", "--config", "minimal", "--workload", "matmul:8,8,8", "--memory", "flow", "--fidelity", "pe"},
                {"kpu", "run", "--config", "minimal", "--workload", bad.toString()}}) {
            Run r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.exit(), String.join(" ", args) + " -> " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void aGraphWorkloadRunsByNameAndWritesCsv(@TempDir Path dir) throws Exception {
        // bert-base-128 on edge_ai: 13 fused kernels (KernelGraphTest: 6 epilogues, 1 attention group,
        // 4 vector kernels = 11 groups) -> 11 CSV rows + header + total. MACs of the layer, int8:
        // Q, K, V, out-proj 4 x 128 x 768 x 768 = 301989888; Q K^T and x V 2 x 12 x 128 x 128 x 64 = 25165824;
        // FFN 2 x 128 x 768 x 3072 = 603979776; total 931135488.
        Path csv = dir.resolve("bert.csv");
        Run r = run("kpu", "run", "--config", "edge_ai", "--workload", "bert-base-128", "--json", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"macs\":931135488,"), r.out());
        var lines = Files.readAllLines(csv);
        assertEquals(13, lines.size());
        assertTrue(lines.get(0).startsWith("graph,config,dtype,weights,kernel,fusion,cycles"), lines.get(0));
        assertTrue(lines.get(12).startsWith("bert-base-128,edge_ai,int8,operand,all,total,"), lines.get(12));
        Run bad = run("kpu", "run", "--config", "edge_ai", "--workload", "gpt2-ffn", "--weights", "int3");
        assertEquals(ExitCodes.BAD_INPUT, bad.exit());
        assertTrue(bad.err().contains("--weights"), bad.err());
        // quantized weights execute on int8 (codes as operands, scales on the drains), fp32 and bf16 arrays; int16 is refused
        Run onInt16 = run("kpu", "run", "--config", "edge_ai", "--workload", "gpt2-ffn", "--dtype", "int16", "--weights", "int4");
        assertEquals(ExitCodes.BAD_INPUT, onInt16.exit());
        assertTrue(onInt16.err().contains("--dtype int8, bf16 or fp32"), onInt16.err());
    }

    @Test
    void aFusedFfnIsReportedAsOneFfnGroup(@TempDir Path dir) throws Exception {
        // gpt2-ffn int8 on embodied_ai: H' = 1024 x 3072 B = 3 MiB fits half of 64 x 256 KiB of L3, so the
        // block is one ffn group; compulsory X + W1 + b1 + W2 + b2 + Y' = 786432 + 2359296 + 12288 + 2359296
        // + 3072 + 786432 = 6306816 B (FfnFusionTest).
        Path csv = dir.resolve("ffn.csv");
        Run r = run("kpu", "run", "--config", "embodied_ai", "--workload", "gpt2-ffn", "--json", "--csv", csv.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("\"fusion\":\"ffn\"") && r.out().contains("\"compulsoryBytes\":6306816,"), r.out());
        var lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("gpt2-ffn,embodied_ai,int8,operand,fc1+gelu+fc2+bias2,ffn,"), lines.get(1));
        Run text = run("kpu", "run", "--config", "embodied_ai", "--workload", "gpt2-ffn");
        assertTrue(text.out().lines().anyMatch(l -> l.contains("fc1+gelu+fc2+bias2") && l.contains(" ffn ")), text.out());
    }
}

package dev.lockstep.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.lockstep.tools.Run.run;

/** `lockstep scalesim`: where the report goes, what it holds, and one-line errors for bad files. */
class ScaleSimCommandTest {
    @TempDir
    Path dir;

    private static void assertBadInput(Run r, String mustMention) {
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), () -> "stdout: " + r.out() + " stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, () -> "expected one line, got: " + r.err());
        assertTrue(lines[0].startsWith("lockstep scalesim: "), lines[0]);
        assertTrue(lines[0].contains(mustMention), () -> lines[0] + " should mention " + mustMention);
    }

    private Path cfg(String dataflow, String mode) throws IOException {
        return Files.writeString(dir.resolve("arr.cfg"), String.join("\n",
                "[general]", "run_name = r8x16", "[architecture_presets]", "ArrayHeight: 8", "ArrayWidth: 16",
                "IfmapSramSzkB: 64", "FilterSramSzkB: 64", "OfmapSramSzkB: 64", "IfmapOffset: 0",
                "FilterOffset: 10000000", "OfmapOffset: 20000000", "Bandwidth: 10", "Dataflow: " + dataflow,
                "[run_presets]", "InterfaceBandwidth: " + mode, ""));
    }

    @Test
    void builtInExampleWritesAlexNetReportUnderRunName() throws IOException {
        Run r = run("scalesim", "-p", dir.toString());
        assertEquals(0, r.exit(), r.err());
        Path report = dir.resolve("lockstep_32x32_os").resolve("COMPUTE_REPORT.csv");
        List<String> lines = Files.readAllLines(report);
        assertEquals(6, lines.size());
        assertEquals("LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,", lines.get(0));
        // Conv1 on 32 x 32 os, derived in ScaleSimCalcTest.conv1OutputStationary32x32: 285 folds of 425 cycles.
        assertEquals("0, 121124, 0, 84.99102675770285, 99.50657894736842, 84.99032507739938,", lines.get(1));
        // Conv5: 6 x 8 folds of 3456 + 62 = 3518 cycles, total 48 * 3518 - 1 = 168863.
        assertEquals("4, 168863, 0, 86.47009706093105, 88.02083333333334, 86.46958499147243,", lines.get(5));
        assertTrue(r.out().contains("wrote " + report), r.out());
        try (var files = Files.list(report.getParent())) {
            assertEquals(1, files.count(), "only the report is left in the run directory");
        }
    }

    @Test
    void gemmFileOnAConfiguredArray() throws IOException {
        Path topo = Files.writeString(dir.resolve("g.csv"), "Layer Name, M, N, K,\nfc, 64, 100, 50\n");
        Run r = run("scalesim", "-c", cfg("ws", "CALC").toString(), "-t", topo.toString(), "-i", "gemm",
                "-p", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        // Derived in ScaleSimCalcTest.gemmOnARectangularArray: ws on 8 x 16, 49 folds of 94 cycles.
        assertEquals(List.of(
                        "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,",
                        "0, 4605, 0, 54.28881650380022, 79.71938775510205, 46.80771391125258,"),
                Files.readAllLines(dir.resolve("out/r8x16/COMPUTE_REPORT.csv")));
    }

    @Test
    void fidelityPeWritesASecondFileAndLeavesTheReportAlone() throws IOException {
        Path topo = Files.writeString(dir.resolve("g.csv"), "Layer Name, M, N, K,\nfc, 64, 100, 50,\n");
        Path out = dir.resolve("out");
        Run r = run("scalesim", "-c", cfg("ws", "CALC").toString(), "-t", topo.toString(), "-i", "gemm",
                "-p", out.toString(), "--fidelity", "pe");
        assertEquals(0, r.exit(), r.out() + r.err());
        // Same report as without --fidelity pe (gemmOnAConfiguredArray).
        assertEquals("0, 4605, 0, 54.28881650380022, 79.71938775510205, 46.80771391125258,",
                Files.readAllLines(out.resolve("r8x16/COMPUTE_REPORT.csv")).get(1));
        // ws has no drain after the last fold: the array's edges are SCALE-Sim's 0-based total + 1 = 4606.
        assertEquals(List.of("LayerID, Layer Name, M, N, K, Folds, CALC Total Cycles, PE Edges, PE Total Cycles, "
                        + "Cycles Match, Product Check,", "0, fc, 64, 100, 50, 49, 4605, 4606, 4605, yes, ok,"),
                Files.readAllLines(out.resolve("r8x16/PE_REPORT.csv")));
    }

    @Test
    void malformedTopologyIsOneLineWithFileAndLine() throws IOException {
        Path topo = Files.writeString(dir.resolve("bad.csv"),
                "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
                        + "Conv1, 227, 227, 11, 11, 3, 96, 4,\nConv2, 31, x, 5, 5, 96, 256, 1,\n");
        Run r = run("scalesim", "-t", topo.toString(), "-p", dir.resolve("out").toString());
        assertBadInput(r, "bad.csv:3: field 3 (IFMAP Width): 'x' is not an integer");
        assertFalse(Files.exists(dir.resolve("out")), "nothing written on bad input");
    }

    @Test
    void userBandwidthModeIsRefused() throws IOException {
        assertBadInput(run("scalesim", "-c", cfg("os", "USER").toString(), "-p", dir.toString()), "InterfaceBandwidth USER");
    }

    @Test
    void missingFilesAndBadConfigAreBadInput() throws IOException {
        assertBadInput(run("scalesim", "-c", dir.resolve("none.cfg").toString(), "-p", dir.toString()), "none.cfg");
        assertBadInput(run("scalesim", "-c", cfg("xs", "CALC").toString(), "-p", dir.toString()),
                "arr.cfg:13: Dataflow 'xs'");
        assertBadInput(run("scalesim", "-t", dir.toString(), "-p", dir.toString()), "cannot read");
    }
}

package dev.lockstep.rtl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** verilator --lint-only -Wall must accept every hand-written block and every emitted engine as they are. */
class RtlLintTest {
    @TempDir
    Path dir;

    private void assertLintClean(Map<String, String> files, String top) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", top));
        arguments.addAll(files.keySet());
        Verilator.Result result = Verilator.run(dir, files, arguments);
        assertEquals(0, result.exitCode(), "verilator lint of " + top + ":\n" + result.output());
        assertEquals("", result.output().strip(), "verilator printed warnings for " + top);
    }

    @Test
    void ternaryLaneIsLintClean() throws Exception {
        assertLintClean(Map.of("ternary_lane.v", RtlSources.ternaryLane()), "ternary_lane");
    }

    @Test
    void pt5UnpackerIsLintClean() throws Exception {
        assertLintClean(Map.of("pt5_unpacker.v", RtlSources.pt5Unpacker()), "pt5_unpacker");
    }

    @Test
    void frameControllerIsLintClean() throws Exception {
        assertLintClean(Map.of("frame_controller.v", RtlSources.frameController()), "frame_controller");
    }

    @Test
    void tileSramIsLintClean() throws Exception {
        assertLintClean(Map.of("tile_sram.v", RtlSources.tileSram()), "tile_sram");
    }

    @ParameterizedTest
    @ValueSource(ints = {15, 8})
    void emittedVectorEngineIsLintClean(int lanes) throws Exception {
        assertLintClean(RtlSources.vectorEngine(lanes), "vector_engine");
    }

    @ParameterizedTest(name = "DATAFLOW={0} W={1} ACC={2}")
    @CsvSource({"0, 8, 32", "1, 8, 32", "0, 16, 64", "1, 16, 32"})
    void systolicPeIsLintCleanForEachDataflowAndWidth(int dataflow, int w, int acc) throws Exception {
        List<String> arguments = List.of("--lint-only", "-Wall", "--top-module", "systolic_pe",
                "-GDATAFLOW=" + dataflow, "-GW=" + w, "-GACC=" + acc, "systolic_pe.v");
        Verilator.Result result = Verilator.run(dir, Map.of("systolic_pe.v", RtlSources.systolicPe()), arguments);
        assertEquals(0, result.exitCode(), "verilator lint of systolic_pe:\n" + result.output());
        assertEquals("", result.output().strip(), "verilator printed warnings for systolic_pe");
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"4, 4, os", "4, 4, ws", "8, 8, os", "8, 8, ws", "16, 16, os", "16, 16, ws", "1, 1, os", "2, 5, ws"})
    void emittedSystolicArrayIsLintClean(int rows, int cols, String dataflow) throws Exception {
        assertLintClean(RtlSources.systolicArray(rows, cols, dataflow), "systolic_array");
    }

    @Test
    void fabricTopIsLintClean() throws Exception {
        assertLintClean(RtlSources.fabricTop(), "fabric_top");
    }
}

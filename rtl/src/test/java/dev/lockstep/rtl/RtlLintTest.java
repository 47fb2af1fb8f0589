package dev.lockstep.rtl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void fabricTopIsLintClean() throws Exception {
        assertLintClean(RtlSources.fabricTop(), "fabric_top");
    }
}

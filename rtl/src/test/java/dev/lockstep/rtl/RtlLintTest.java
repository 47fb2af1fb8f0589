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

/** verilator --lint-only -Wall must accept the hand-written lane and every emitted engine as they are. */
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

    @ParameterizedTest
    @ValueSource(ints = {15, 8})
    void emittedVectorEngineIsLintClean(int lanes) throws Exception {
        assertLintClean(RtlSources.vectorEngine(lanes), "vector_engine");
    }
}

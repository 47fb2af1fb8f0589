package dev.lockstep.rtl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the emitted 15-lane vector_engine under Verilator against the directed golden checks in
 * tb_vector_engine_golden.v, so the RTL is held to the reference on its own, not only through cosim.
 */
class VectorEngineGoldenRtlTest {
    private static final int LANES = 15;

    @TempDir
    Path dir;

    @Test
    void emittedEnginePassesTheGoldenVectors() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(RtlSources.vectorEngine(LANES));
        files.put("tb_vector_engine_golden.v", testbench().replace("`DUT_PORTS", portConnections()));
        List<String> arguments = List.of("--binary", "--timing", "-Wno-fatal", "-j", "2",
                "-MAKEFLAGS", "OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0",
                "--top-module", "tb_vector_engine_golden", "-o", "golden",
                "ternary_lane.v", "vector_engine.sv", "tb_vector_engine_golden.v");
        Verilator.Result build = Verilator.run(dir, files, arguments);
        assertEquals(0, build.exitCode(), "verilator build of the golden testbench:\n" + build.output());

        Process run = new ProcessBuilder(dir.resolve("obj_dir/golden").toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), "golden testbench failed:\n" + output);
        assertTrue(output.contains("PASS"), "golden testbench did not finish:\n" + output);
    }

    /** Flattened Vec ports onto the testbench's packed buses: lane i at [2i+1:2i] and [32i+31:32i]. */
    private static String portConnections() {
        StringBuilder ports = new StringBuilder();
        ports.append("        .clock(clock), .reset(reset), .io_en(en), .io_clear(clear), .io_hints(hints),\n");
        ports.append("        .io_lane_count(lane_count), .io_lane_mask(lane_mask),\n");
        for (int i = 0; i < LANES; i++) {
            ports.append(String.format("        .io_weight_%d(wbus[%d:%d]), .io_trit_in_%d(xbus[%d:%d]),%n",
                    i, 2 * i + 1, 2 * i, i, 2 * i + 1, 2 * i));
            ports.append(String.format("        .io_acc_%d(accbus[%d:%d]), .io_skip_count_%d(skipbus[%d:%d]),"
                    + " .io_active_cycles_%d(activebus[%d:%d]),%n",
                    i, 32 * i + 31, 32 * i, i, 32 * i + 31, 32 * i, i, 32 * i + 31, 32 * i));
        }
        ports.append("        .io_overflow(overflow), .io_cycle_count(cycles), .io_utilization(util)");
        return ports.toString();
    }

    private static String testbench() throws IOException {
        try (InputStream in = VectorEngineGoldenRtlTest.class.getResourceAsStream("/rtl/tb_vector_engine_golden.v")) {
            assertNotNull(in, "missing test resource /rtl/tb_vector_engine_golden.v");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

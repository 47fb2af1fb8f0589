package dev.lockstep.rtl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtlSourcesTest {
    @Test
    void vectorEngineComesWithTheOneLaneItInstantiates() {
        Map<String, String> files = RtlSources.vectorEngine(15);
        assertEquals(List.of("ternary_lane.v", "vector_engine.sv"), List.copyOf(files.keySet()));
        assertEquals(RtlSources.ternaryLane(), files.get("ternary_lane.v"));
        String engine = files.get("vector_engine.sv");
        assertTrue(engine.contains("module vector_engine("), "top module is named vector_engine");
        assertTrue(engine.contains("ternary_lane lane_14 ("), "lane 14 instantiates the hand-written lane");
        assertFalse(engine.contains("module ternary_lane"), "the lane is not duplicated into the engine file");
        assertFalse(engine.contains("8< ----- FILE"), "only the first emitted file is kept");
    }

    @Test
    void portsFlattenAsDocumented() {
        // Port list of docs/lane.md for N = 15: Vec ports flatten to _0.._14, masks are N bits.
        String engine = RtlSources.vectorEngine(15).get("vector_engine.sv");
        for (String port : List.of("clock", "reset", "io_en", "io_clear", "io_hints", "io_lane_count",
                "io_weight_0", "io_weight_14", "io_trit_in_0", "io_trit_in_14", "io_acc_0", "io_acc_14",
                "io_skip_count_14", "io_active_cycles_14", "io_cycle_count", "io_utilization")) {
            assertTrue(engine.matches("(?s).*\\b" + port + "\\b.*"), "missing port " + port);
        }
        assertTrue(engine.contains("input  [14:0] io_lane_mask"));
        assertTrue(engine.contains("output [14:0] io_overflow"));
        assertTrue(engine.contains("input  [15:0] io_lane_count"));
        assertFalse(engine.contains("io_weight_15"));
    }

    @Test
    void buildEmittedFilesMatchTheApi() throws IOException {
        // process-classes ran EmitRtl for N = 15 and 8; the same elaboration must give the same text.
        for (int lanes : new int[] {15, 8}) {
            assertEquals(RtlSources.vectorEngine(lanes).get("vector_engine.sv"),
                    resource("/rtl/generated/vector_engine_" + lanes + ".sv"));
        }
        assertEquals(RtlSources.ternaryLane(), resource("/rtl/generated/ternary_lane.v"));
    }

    @Test
    void laneCountsOutsideOneToSixtyFourAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtlSources.vectorEngine(0));
        assertEquals("vector engine lanes must be in 1..64, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RtlSources.vectorEngine(65));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RtlSourcesTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing " + name + " (the build's emit-rtl step writes it)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

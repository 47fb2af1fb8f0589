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

    @Test
    void systolicArrayComesWithTheOnePeItInstantiates() {
        Map<String, String> files = RtlSources.systolicArray(4, 4, "os");
        assertEquals(List.of("systolic_pe.v", "systolic_array.sv"), List.copyOf(files.keySet()));
        assertEquals(RtlSources.systolicPe(), files.get("systolic_pe.v"));
        String array = files.get("systolic_array.sv");
        assertTrue(array.contains("module systolic_array("), "top module is named systolic_array");
        // 16 instances of the hand-written PE with the OS int8 parameters, none of it copied in.
        assertEquals(16, array.split("systolic_pe #\\(", -1).length - 1, array);
        assertTrue(array.contains(".W(8)") && array.contains(".ACC(32)") && array.contains(".DATAFLOW(0)"), array);
        assertTrue(array.contains(") pe_3_3 ("), "PE(3, 3) is named pe_3_3");
        assertFalse(array.contains("module systolic_pe"), "the PE is not duplicated into the array file");
        assertFalse(array.contains("8< ----- FILE"), "only the first emitted file is kept");
    }

    @Test
    void systolicPortsAreTheContractsAndOnlyTheDataflowsControls() {
        // docs/systolic.md port table for R = 2, C = 3: Vec ports flatten to _0.._R-1 / _0.._C-1.
        String os = RtlSources.systolicArray(2, 3, "os").get("systolic_array.sv");
        String ws = RtlSources.systolicArray(2, 3, "ws").get("systolic_array.sv");
        for (String array : List.of(os, ws)) {
            for (String port : List.of("clock", "reset", "west_data_0", "west_data_1", "west_valid_1", "west_bank_1",
                    "north_data_0", "north_data_2", "south_data_2", "south_valid_2")) {
                assertTrue(array.matches("(?s).*\\b" + port + "\\b.*"), "missing port " + port);
            }
            assertFalse(array.contains("west_data_2"), "only 2 rows");
            assertFalse(array.contains("north_data_3"), "only 3 columns");
            assertTrue(array.matches("(?s).*input\\s+\\[7:0\\]\\s+west_data_0.*"), "8-bit operands");
            assertTrue(array.matches("(?s).*output\\s+\\[31:0\\]\\s+south_data_0.*"), "32-bit results");
        }
        assertTrue(os.contains("drain_bank") && !os.contains("wload"), "OS has drain, drain_bank only");
        assertTrue(ws.contains("wload_bank") && !ws.contains("drain"), "WS has wload, wload_bank only");
        assertTrue(ws.contains(".DATAFLOW(1)"), "WS PEs get DATAFLOW 1");
    }

    @Test
    void systolicBuildEmittedFilesMatchTheApi() throws IOException {
        // process-classes ran EmitRtl for the cosim sizes; the same elaboration must give the same text.
        for (String tag : List.of("4x4-os", "4x4-ws", "8x8-os", "8x8-ws", "16x16-os", "16x16-ws")) {
            String[] parts = tag.split("[x-]");
            assertEquals(RtlSources.systolicArray(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts[2])
                    .get("systolic_array.sv"), resource("/rtl/generated/systolic_array_" + tag + ".sv"), tag);
        }
        assertEquals(RtlSources.systolicPe(), resource("/rtl/generated/systolic_pe.v"));
    }

    @Test
    void badSystolicParametersAreRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtlSources.systolicArray(0, 4, "os"));
        assertEquals("systolic array rows and cols must be in 1..64, got 0 x 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RtlSources.systolicArray(4, 4, "is"));
        assertEquals("systolic array dataflow must be os or ws, got 'is'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RtlSources.systolicArray(new SystolicArrayParams(4, 4, SystolicDataflow.parse("ws"), 16, 24)));
        assertEquals("systolic array accumulator width must be in 32..64 (at least twice the operand width), got 24", e.getMessage());
    }
}

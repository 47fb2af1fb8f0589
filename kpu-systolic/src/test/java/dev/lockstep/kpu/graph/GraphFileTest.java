package dev.lockstep.kpu.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.sim.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFileTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path p = dir.resolve("g.json");
        Files.writeString(p, json);
        return p;
    }

    private static final String FFN = """
            {"version": 1, "name": "ffn", "dtype": "fp32",
             "tensors": [{"name": "x", "kind": "input", "rows": 64, "cols": 16},
                         {"name": "w1", "kind": "weight", "rows": 16, "cols": 64},
                         {"name": "b1", "kind": "bias", "cols": 64},
                         {"name": "w2", "kind": "weight", "rows": 64, "cols": 16},
                         {"name": "b2", "kind": "bias", "cols": 16}],
             "kernels": [{"op": "bias_act", "name": "bias2", "inputs": ["y", "b2"], "output": "out", "activation": "none"},
                         {"op": "matmul", "name": "fc2", "inputs": ["h_act", "w2"], "output": "y"},
                         {"op": "matmul", "name": "fc1", "inputs": ["x", "w1"], "output": "h"},
                         {"op": "bias_act", "name": "gelu", "inputs": ["h", "b1"], "output": "h_act", "activation": "gelu"}]}
            """;

    @Test
    void aFileListedOutOfOrderIsTheBuiltInFfn() throws IOException {
        // Kernels in reverse order: topologically sorted on reading; the plan moves the hand-counted
        // 16704 bytes fused (one ffn group) of KernelGraphTest's small FFN (the same shapes).
        KernelGraph g = GraphFile.read(write(FFN));
        assertEquals(DType.FP32, g.dtype());
        assertEquals(java.util.List.of("fc1", "gelu", "fc2", "bias2"), g.order().stream().map(Kernel::name).toList());
        long bytes = 0;
        for (FusedKernel f : GraphPlanner.plan(g, KpuConfig.load("minimal"), true)) {
            bytes += GraphRunner.compulsoryBytes(g, f);
        }
        assertEquals(16704, bytes);
    }

    @Test
    void errorsNameTheFileAndThePlace() throws IOException {
        var e = assertThrows(ConfigException.class, () -> GraphFile.read(write(FFN.replace("\"op\": \"matmul\", \"name\": \"fc2\"", "\"op\": \"conv3d\", \"name\": \"fc2\""))));
        assertTrue(e.getMessage().contains("g.json") && e.getMessage().contains("conv3d") && e.getMessage().contains("kernels[1]"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> GraphFile.read(write(FFN.replace("[\"x\", \"w1\"]", "[\"x\", \"w9\"]"))));
        assertTrue(e.getMessage().contains("kernels[2].inputs") && e.getMessage().contains("'w9'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> GraphFile.read(write(FFN.replace("\"rows\": 16, \"cols\": 64", "\"rows\": 15, \"cols\": 64"))));
        assertTrue(e.getMessage().contains("kernels[2]") && e.getMessage().contains("depth 15"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> GraphFile.read(write(FFN.replace("\"output\": \"h\"}", "\"output\": \"h\", \"colour\": 1}"))));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        // fc1 reads h_act, which gelu writes from fc1's output: a cycle.
        e = assertThrows(ConfigException.class, () -> GraphFile.read(write(FFN.replace("[\"x\", \"w1\"]", "[\"h_act\", \"w1\"]")
                .replace("\"rows\": 16, \"cols\": 64", "\"rows\": 64, \"cols\": 64"))));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }
}

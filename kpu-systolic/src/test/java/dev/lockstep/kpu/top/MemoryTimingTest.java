package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.systolic.DType;
import org.junit.jupiter.api.Test;

class MemoryTimingTest {
    @Test
    void burstEnginesUpToTheLimitFlowBeyond() {
        KpuConfig edge = KpuConfig.load("edge_ai");
        // 1024^3 int8 with 128 x 128 x 256 tiles: DMA moves the 20,971,520 external bytes
        // (docs/benchmarks.md: 2 x 1024^3 ops at 102.4 ops/byte), the BlockMovers A and B as loaded
        // (those bytes less C's 1024 x 1024 x 4 = 4 MiB): 20 MiB + 16 MiB = 36 MiB <= 64 MiB.
        var small = MatmulCompiler.compile(edge, 1024, 1024, 1024, DType.INT8, 128, 128, 256);
        assertEquals(MemoryTiming.BURST, MemoryTiming.forProgram(small.program()));
        // 2048^3 with the same tiles: A (4 MiB) is loaded once per column of tiles, 16 times: 64 MiB
        // of A loads alone, plus B and C and their moves: over the limit.
        var big = MatmulCompiler.compile(edge, 2048, 2048, 2048, DType.INT8, 128, 128, 256);
        assertEquals(MemoryTiming.FLOW, MemoryTiming.forProgram(big.program()));
    }
}

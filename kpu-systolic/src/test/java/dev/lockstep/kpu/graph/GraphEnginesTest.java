package dev.lockstep.kpu.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.EngineReport;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuResult;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.memory.engine.TransactionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A graph run reports per-engine figures, GOPS, bandwidth and intensity like a program run. */
class GraphEnginesTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");

    /** The one program a lone 64 x 32 x 48 int8 matmul compiles to, run directly as the graph runner does. */
    private static KpuResult direct() {
        var c = MatmulCompiler.compile(MINIMAL, 64, 48, 32, DType.INT8);
        return new KpuTop(MINIMAL, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(c.program());
    }

    @Test
    void aLoneMatmulGraphReportsItsProgramsEngines() {
        KernelGraph g = KernelGraph.builder("mm", DType.INT8)
                .input("a", 1, 64, 32).weight("w", 32, 48).matmul("mm", "a", "w", "c").build();
        GraphResult r = new GraphRunner(MINIMAL, DType.INT8).run(g, true);
        KpuResult p = direct();
        // The graph is that program alone: same length, so the same engines, utilization included.
        assertEquals(p.cycles(), r.cycles());
        assertEquals(p.engines(), r.engines());
        // 64 x 48 x 32 = 98,304 MACs, 2 operations each, over the run's nanoseconds; intensity over the
        // external bytes the graph counts (compulsory + reloads).
        assertEquals(2.0 * 98_304 / r.nanoseconds(), r.gops(), 1e-9);
        assertEquals(r.externalBytes() / r.nanoseconds(), r.externalBandwidthGBs(), 1e-9);
        assertEquals(2.0 * 98_304 / r.externalBytes(), r.arithmeticIntensity(), 1e-12);
    }

    @Test
    void aBatchCountsItsProgramOncePerElementAgainstTheLongerRun() {
        // Batch 3: the graph runs the same program three times in a row, so every queue did three
        // times the work in three times the time: counts triple, utilization stays.
        KernelGraph g = KernelGraph.builder("mm3", DType.INT8)
                .input("a", 3, 64, 32).weight("w", 32, 48).matmul("mm", "a", "w", "c").build();
        GraphResult r = new GraphRunner(MINIMAL, DType.INT8).run(g, true);
        KpuResult p = direct();
        assertEquals(3 * p.cycles(), r.cycles());
        List<EngineReport> one = p.engines();
        assertEquals(one.size(), r.engines().size());
        for (int i = 0; i < one.size(); i++) {
            EngineReport a = one.get(i);
            EngineReport b = r.engines().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(3 * a.instructions(), b.instructions(), a.name());
            assertEquals(3 * a.bytes(), b.bytes(), a.name());
            assertEquals(3 * a.busyCycles(), b.busyCycles(), a.name());
            assertEquals(3 * a.dependencyWaitCycles(), b.dependencyWaitCycles(), a.name());
            assertEquals(a.utilization(), b.utilization(), 1e-12, a.name());
        }
    }
}

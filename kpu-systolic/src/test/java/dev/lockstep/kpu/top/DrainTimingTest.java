package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.engine.TransactionLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drain's duration with and without the bias epilogue, from one DRAIN instruction run alone
 * (docs/kpu-top.md, Timing): L3 latency + max(wavefront S, vector beats B, L3 port P) + the vector
 * engine's fill, against L3 latency + max(S, P) with no epilogue.
 *
 * <p>Both presets: L3 latency 4 fabric cycles, the array in the fabric clock (so 4 array cycles);
 * L3 ports 2 x 64 B = 128 B per cycle; accumulators 4 bytes. The reference vector engine: 8 lanes,
 * depth 3, SFU table 2 more (kpu.md 2.5).
 */
class DrainTimingTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    private static final KpuConfig EDGE = KpuConfig.load("edge_ai");

    private static long drainCycles(KpuConfig c, Instruction drain) {
        KpuTop top = new KpuTop(c, Fidelity.TILE, TransactionLog.none());
        top.run(Program.of("drain", "int8", drain.rows(), drain.cols(), 1, List.of(drain)));
        long period = c.hierarchy().clocks().stream().filter(k -> k.name().equals(c.arrayClock())).findFirst().orElseThrow().periodPs();
        long ps = top.endPs(0) - top.startPs(0);
        assertEquals(0, ps % period, "a drain lasts whole array cycles");
        return ps / period;
    }

    private static Instruction plain(KpuConfig c, int rows, int cols) {
        var h = c.hierarchy();
        return Instruction.block(Op.DRAIN, 0, h.l1().base(), h.l3().base(), rows, cols, 4, cols, cols);
    }

    private static Instruction withBias(KpuConfig c, int rows, int cols, Activation act) {
        var h = c.hierarchy();
        // the bias sits in L3 after the 64 KiB the drain's block could take
        return Instruction.drainWithBias(0, h.l1().base(), h.l3().base(), rows, cols, 4, h.l3().base() + 65536 - cols * 4, act);
    }

    @Test
    void minimal64x64TheWavefrontBoundsAndTheEpilogueAddsOnlyItsFill() {
        // 8 lanes: S = 64/8 passes x (64 + 8 - 1) = 8 x 71 = 568; P = 64 x 64 x 4 / 128 = 128.
        // No epilogue: 4 + max(568, 128) = 572.
        assertEquals(572, drainCycles(MINIMAL, plain(MINIMAL, 64, 64)));
        // GELU: B = 64 rows x ceil(64 / 8) = 512 < S; fill 3 + 2 (table): 4 + 568 + 5 = 577.
        // (In series, as before: 4 + 568 + (512 + 5) = 1089.)
        assertEquals(577, drainCycles(MINIMAL, withBias(MINIMAL, 64, 64, Activation.GELU)));
        // ReLU bypasses the table: 4 + 568 + 3 = 575.
        assertEquals(575, drainCycles(MINIMAL, withBias(MINIMAL, 64, 64, Activation.RELU)));
    }

    @Test
    void edgeAi64x64TheEightLaneVectorEngineBounds() {
        // 16 lanes deliver up to 16 results a step, the engine takes 8: S = 64/16 x (64 + 15) = 316;
        // B = 64 x ceil(64 / 8) = 512; P = 128. No epilogue: 4 + 316 = 320.
        assertEquals(320, drainCycles(EDGE, plain(EDGE, 64, 64)));
        // ReLU: 4 + max(316, 512, 128) + 3 = 519 (in series it was 4 + 316 + 515 = 835).
        assertEquals(519, drainCycles(EDGE, withBias(EDGE, 64, 64, Activation.RELU)));
        // SiLU through the table: 4 + 512 + 5 = 521.
        assertEquals(521, drainCycles(EDGE, withBias(EDGE, 64, 64, Activation.SILU)));
    }

    @Test
    void partialPassesAndPartialBeats() {
        // 20 x 12 on minimal: S = 2 full passes x (12 + 7) + a pass of 4 lanes: 12 + 4 - 1 = 38 + 15 = 53;
        // B = 20 x ceil(12 / 8) = 40; P = ceil(960 / 128) = 8. With bias only (no table): 4 + 53 + 3 = 60.
        assertEquals(57, drainCycles(MINIMAL, plain(MINIMAL, 20, 12)));
        assertEquals(60, drainCycles(MINIMAL, withBias(MINIMAL, 20, 12, Activation.NONE)));
        // 1 x 64 on edge_ai: one pass of 1 lane, S = 64; B = 8; 4 + 64 + 5 (tanh) = 73.
        assertEquals(73, drainCycles(EDGE, withBias(EDGE, 1, 64, Activation.TANH)));
        // 64 x 1 on edge_ai: S = 4 x (1 + 15) = 64; B = 64 x 1 = 64; 4 + 64 + 3 = 71.
        assertEquals(71, drainCycles(EDGE, withBias(EDGE, 64, 1, Activation.RELU)));
    }
}

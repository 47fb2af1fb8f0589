package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.isa.ProgramJson;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The requantizing drain (bias_<act>_q): q = saturate(round_half_even(act(acc + bias) x scale)) to
 * int8, one byte an element into L3; timed as the bias epilogue's pipeline with one more stage and
 * one byte an element through the L3 ports.
 */
class RequantDrainTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    private static final KpuConfig EDGE = KpuConfig.load("edge_ai");

    private static Instruction requant(KpuConfig c, int rows, int cols, Activation act, float scale) {
        var h = c.hierarchy();
        // the bias sits in L3 after the 64 KiB the drain's block could take
        return Instruction.drainRequantized(0, h.l1().base(), h.l3().base(), rows, cols, cols, h.l3().base() + 65536 - cols * 4,
                act, scale);
    }

    /** Runs one drain at pe on int32 accumulators {@code acc} (rows x 8) with the bias; returns the int8 tile written. */
    private static byte[] drainAtPe(int[] acc, int[] bias, Activation act, float scale) {
        int rows = acc.length / 8;
        Instruction in = requant(MINIMAL, rows, 8, act, scale);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        top.map().write(in.src(), le(acc));
        top.map().write(in.src2(), le(bias));
        top.run(Program.of("requant", "int8", rows, 8, 1, List.of(in)));
        return top.map().read(in.dst(), rows * 8);
    }

    @Test
    void valuesRoundHalfToEvenAndSaturate() {
        int[] acc = {
            1, 3, 5, -1, -3, -5, 254, 256,
            -254, -256, -258, 1_000_000, 7, 9, 0, 2};
        int[] bias = {0, 0, 0, 0, 0, 0, 0, 2};
        // bias_none, scale 0.5: x 0.5 in fp32 (exact here), then ties to even, clamp to [-128, 127]:
        // 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> 0, -1.5 -> -2, -2.5 -> -2, 127 -> 127, (256 + 2) 129 -> 127;
        // -127, -128, -129 -> -128, 500000 -> 127, 3.5 -> 4, 4.5 -> 4, 0, (2 + 2) 2.
        assertArrayEquals(new byte[] {0, 2, 2, 0, -2, -2, 127, 127, -127, -128, -128, 127, 4, 4, 0, 2},
                drainAtPe(acc, bias, Activation.NONE, 0.5f));
        // bias + ReLU (bias_act_q): negatives become 0 before the scale.
        assertArrayEquals(new byte[] {0, 2, 2, 0, 0, 0, 127, 127, 0, 0, 0, 127, 4, 4, 0, 2},
                drainAtPe(acc, bias, Activation.RELU, 0.5f));
        // scale 3: 3 x 43 = 129 -> 127; 3 x -43 = -129 -> -128; 3 x 42 = 126.
        int[] wide = {43, -43, 42, -42, 0, 1, -1, 10, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] q = drainAtPe(wide, new int[8], Activation.NONE, 3f);
        assertArrayEquals(new byte[] {127, -128, 126, -126, 0, 3, -3, 30}, java.util.Arrays.copyOf(q, 8));
    }

    private static long drainCycles(KpuConfig c, Instruction drain) {
        KpuTop top = new KpuTop(c, Fidelity.TILE, TransactionLog.none());
        top.run(Program.of("drain", "int8", drain.rows(), drain.cols(), 1, List.of(drain)));
        long period = c.hierarchy().clocks().stream().filter(k -> k.name().equals(c.arrayClock())).findFirst().orElseThrow().periodPs();
        long ps = top.endPs(0) - top.startPs(0);
        assertEquals(0, ps % period, "a drain lasts whole array cycles");
        return ps / period;
    }

    @Test
    void cyclesAreTheBiasEpiloguesPipelinePlusOneStage() {
        // Both presets: L3 latency 4 array cycles, L3 ports 2 x 64 B = 128 B a cycle (DrainTimingTest);
        // the vector engine 8 lanes, depth 3, table 2, and the requantizing stage 1.
        // edge_ai 64 x 64, GELU: S = 4 x (64 + 15) = 316, B = 64 x 8 = 512, P = 64 x 64 x 1 / 128 = 32:
        // 4 + 512 + 3 + 2 + 1 = 522 (bias_gelu to fp32: 521).
        assertEquals(522, drainCycles(EDGE, requant(EDGE, 64, 64, Activation.GELU, 1f)));
        // minimal 64 x 64, ReLU: S = 8 x 71 = 568 > B = 512 > P = 32: 4 + 568 + 3 + 1 = 576 (bias_act: 575).
        assertEquals(576, drainCycles(MINIMAL, requant(MINIMAL, 64, 64, Activation.RELU, 1f)));
        // minimal 20 x 12, bias only: S = 2 x 19 + 15 = 53, B = 40, P = ceil(240 / 128) = 2: 4 + 53 + 3 + 1 = 61.
        assertEquals(61, drainCycles(MINIMAL, requant(MINIMAL, 20, 12, Activation.NONE, 1f)));
    }

    @Test
    void writesOneByteAnElementToL3() {
        // 64 x 64: L1 reads the 16384 B of accumulators, L3 gets 4096 B written and 256 B of bias read.
        Instruction in = requant(EDGE, 64, 64, Activation.RELU, 1f);
        assertEquals(4096, in.writtenBytes());
        assertEquals(64 * 63 + 64, in.destinationSpan());
        KpuResult r = new KpuTop(EDGE, Fidelity.TILE, TransactionLog.none()).run(Program.of("d", "int8", 64, 64, 1, List.of(in)));
        assertEquals(16384, r.bytesPerLevel().get("l1"));
        assertEquals(4096 + 256, r.bytesPerLevel().get("l3"));
    }

    @Test
    void badFieldsAreNamedAndJsonRoundTrips() {
        ConfigException noScale = assertThrows(ConfigException.class,
                () -> new Instruction(Op.DRAIN, 0, 0L, 0L, 0L, 8, 8, null, 4, 8, 8, null, "bias_gelu_q", null, null, null, null, null, null));
        assertTrue(noScale.getMessage().contains("scale"), noScale.getMessage());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> new Instruction(Op.DRAIN, 0, 0L, 0L, 0L, 8, 8, null, 4, 8, 8, null, "bias_act_q", null, null, null, null, null, 0f));
        assertTrue(zero.getMessage().contains("scale") && zero.getMessage().contains("> 0"), zero.getMessage());
        ConfigException plain = assertThrows(ConfigException.class,
                () -> new Instruction(Op.DRAIN, 0, 0L, 0L, 0L, 8, 8, null, 4, 8, 8, null, "bias_act", null, null, null, null, null, 1f));
        assertTrue(plain.getMessage().contains("scale"), plain.getMessage());
        ConfigException wide = assertThrows(ConfigException.class,
                () -> new Instruction(Op.DRAIN, 0, 0L, 0L, 0L, 8, 8, null, 8, 8, 8, null, "bias_act_q", null, null, null, null, null, 1f));
        assertTrue(wide.getMessage().contains("elem"), wide.getMessage());
        // an fp32 program has no int8 operands to requantize to
        Instruction in = requant(MINIMAL, 8, 8, Activation.RELU, 0.25f);
        ConfigException fp32 = assertThrows(ConfigException.class,
                () -> new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(Program.of("d", "fp32", 8, 8, 1, List.of(in))));
        assertTrue(fp32.getMessage().contains("epilogue") && fp32.getMessage().contains("int8 programs"), fp32.getMessage());
        Program p = Program.of("d", "int8", 8, 8, 1, List.of(in));
        String json = ProgramJson.write(p);
        assertTrue(json.contains("\"epilogue\":\"bias_act_q\"") && json.contains("\"scale\":0.25"), json);
        assertEquals(p, ProgramJson.read(json, "p.json"));
    }

    private static byte[] le(int[] v) {
        byte[] out = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < 4; j++) {
                out[i * 4 + j] = (byte) (v[i] >>> (8 * j));
            }
        }
        return out;
    }
}

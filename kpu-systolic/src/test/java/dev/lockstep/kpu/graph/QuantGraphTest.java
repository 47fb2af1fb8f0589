package dev.lockstep.kpu.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.quant.QuantFormat;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.EnergyConfig;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import org.junit.jupiter.api.Test;

/** A graph with quantized weights runs them packed: fewer bytes off chip, and fewer cycles where memory bounds the run. */
class QuantGraphTest {
    private static GraphResult run(KpuConfig cfg, KernelGraph g, QuantFormat weights, boolean fuse) {
        return new GraphRunner(cfg, g.dtype(), weights, 32, EnergyConfig.defaults(g.dtype())).run(g, fuse);
    }

    @Test
    void int4WeightsMoveFewerBytesAndTakeFewerCyclesWhenStarved() {
        // minimal with external memory cut from 50 to 1 byte per ns, as KpuTopTest's starved runs.
        // A bf16 FFN 64 x 128 -> 256 -> 128. Weights as bf16: W1 128 x 256 x 2 = 65536 B, W2 the same.
        // int4 in groups of 32: codes 128 x 256 / 2 = 16384 B + scales ceil(128 / 32) x 256 x 2 = 2048 B
        // = 18432 B for W1; W2 (256 x 128) 16384 + 8 x 128 x 2 = 18432 B. Compulsory saving
        // 2 x (65536 - 18432) = 94208 B. The matmul programs now load them packed, so their reloads
        // shrink too and the run moves fewer bytes; at 1 B/ns the 131,072 B of bf16 weights alone take
        // 131 us, more than the whole int4 run's compute (2 x 64 x 128 x 256 MACs / 64 per cycle =
        // 65,536 cycles = 131 us at 2 ns plus the activations' traffic), so the run gets faster.
        String yaml = Presets.text("minimal").replace("  bytes_per_cycle: 50\n", "  bytes_per_cycle: 1\n");
        KpuConfig starved = KpuConfig.of(ConfigReader.read(yaml, ConfigReader.Format.YAML, "starved", HierarchyConfig.class));
        KernelGraph g = GraphWorkloads.ffn("small-ffn", DType.BF16, 64, 128, 256);
        for (boolean fuse : new boolean[] {false, true}) {
            GraphResult plain = run(starved, g, null, fuse);
            GraphResult int4 = run(starved, g, QuantFormat.INT4, fuse);
            assertEquals(94208, plain.compulsoryBytes() - int4.compulsoryBytes(), "fused " + fuse);
            assertTrue(int4.externalBytes() <= plain.externalBytes() - 94208, int4.externalBytes() + " vs " + plain.externalBytes());
            assertTrue(int4.cycles() < plain.cycles(), "fused " + fuse + ": " + int4.cycles() + " vs " + plain.cycles());
        }
    }

    @Test
    void int4WeightsRunOnTheInt8ArrayFusedOrNot() {
        // The int8 FFN 64 x 128 -> 256 -> 128 on minimal. Weights as int8 operands: W1 128 x 256 = 32768 B,
        // W2 the same. int4 in groups of 32: 16384 B codes + 4 x 256 x 2 = 2048 B scales = 18432 B for W1,
        // 16384 + 8 x 128 x 2 = 18432 B for W2: compulsory saving 2 x (32768 - 18432) = 28672 B. The
        // programs load them packed (codes as int8 operands, group scales on the drains); fused, the
        // bias + activation run as their own vector pass. What the runs move beyond the compulsory bytes
        // is the tilings' (Int8DequantTest: with groups of 32 k-steps are at most 32 deep, so A is
        // reloaded per column tile and this small FFN moves more than with int8 operands).
        // Fused, the plans differ: with int8 weights fc1 requantizes H' (64 x 256 x 1 = 16384 B, within
        // minimal's 32 KiB budget) into the buffer fc2 reads, one ffn group; with int4 weights its group
        // drains keep H' at 4 B (65536 B, all of minimal's L3), so the epilogue fusions write and read
        // H' off chip: the saving becomes 28672 - 2 x 16384 = -4096 B.
        KernelGraph g = GraphWorkloads.ffn("small-ffn", DType.INT8, 64, 128, 256);
        for (boolean fuse : new boolean[] {false, true}) {
            GraphResult plain = run(KpuConfig.load("minimal"), g, null, fuse);
            GraphResult int4 = run(KpuConfig.load("minimal"), g, QuantFormat.INT4, fuse);
            assertEquals(fuse ? -4096 : 28672, plain.compulsoryBytes() - int4.compulsoryBytes(), "fused " + fuse);
            assertTrue(int4.cycles() > 0 && int4.weights().equals("int4"), int4.toString());
        }
    }

    @Test
    void quantizedWeightsOnAnInt16ArrayAreRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new GraphRunner(KpuConfig.load("minimal"), DType.INT16, QuantFormat.INT4, 32, EnergyConfig.defaults(DType.INT16)));
        assertTrue(e.getMessage().startsWith("weights") && e.getMessage().contains("int16"), e.getMessage());
    }
}

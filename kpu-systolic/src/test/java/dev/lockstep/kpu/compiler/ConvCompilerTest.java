package dev.lockstep.kpu.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.graph.ConvShape;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.isa.ProgramJson;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.KpuResult;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

class ConvCompilerTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    /** 1 x 8 x 8 x 4 -> 8 couts, 3 x 3, pad 1. */
    private static final ConvShape S1 = new ConvShape(1, 8, 8, 4, 8, 3, 3, 1, 1);
    private static final ConvShape S2 = new ConvShape(1, 8, 8, 4, 8, 3, 3, 2, 1);

    @Test
    void directConvAtPeFidelityEqualsTheNestedLoopConvolution() {
        for (ConvShape s : new ConvShape[] {S1, S2}) {
            for (DType d : new DType[] {DType.INT8, DType.FP32}) {
                // bands of 2 output rows (halo rows shared between bands), 8-pixel M tiles and k-steps of
                // 16 (slices starting inside a 3 x 3 x 4 patch: k0 = 16 is dy 1, dx 1, channel 0)
                check(ConvCompiler.compileDirect(MINIMAL, s, d, null, 2, 8, 8, 16), s, d);
                // and the tiling the compiler chooses itself
                check(ConvCompiler.compileDirect(MINIMAL, s, d), s, d);
            }
        }
    }

    @Test
    void aChannelRunCutByTheKSliceAndThreeChannelsStillGatherRight() {
        // cin 3 with k-steps of 8: slices start mid-pixel (k0 = 8 is tap 2, channel 2), so runs are cut
        ConvShape s = new ConvShape(1, 7, 6, 3, 5, 3, 3, 2, 1);
        check(ConvCompiler.compileDirect(MINIMAL, s, DType.INT8, null, 1, 8, 8, 8), s, DType.INT8);
    }

    @Test
    void aBatchOfTwoAndAOneByOneStrideTwoConvGatherRight() {
        // two images: bands never mix them, outputs follow image by image
        ConvShape batch = new ConvShape(2, 6, 5, 4, 8, 3, 3, 1, 1);
        check(ConvCompiler.compileDirect(MINIMAL, batch, DType.INT8, null, 2, 8, 8, 16), batch, DType.INT8);
        // 1 x 1 stride 2 on 7 rows: bands of 2 output rows load rows 0..2 and 4..6, row 3 is never read
        ConvShape down = new ConvShape(1, 7, 7, 8, 8, 1, 1, 2, 0);
        check(ConvCompiler.compileDirect(MINIMAL, down, DType.FP32, null, 2, 8, 8, 8), down, DType.FP32);
    }

    @Test
    void onTheDramBackedDatacenterPresetTheChosenTilingGathersRight() {
        // datacenter's external memory is the HBM3 DRAM model (no bytes_per_cycle): the cost model
        // takes the device's peak, and the program runs through the DRAM at pe.
        check(KpuConfig.load("datacenter"), ConvCompiler.compileDirect(KpuConfig.load("datacenter"), S1, DType.INT8), S1, DType.INT8);
    }

    private static void check(ConvCompiler.Compiled c, ConvShape s, DType d) {
        check(MINIMAL, c, s, d);
    }

    private static void check(KpuConfig cfg, ConvCompiler.Compiled c, ConvShape s, DType d) {
        KpuTop top = new KpuTop(cfg, Fidelity.PE, TransactionLog.none());
        long[] at = ConvCompiler.operandAddresses(cfg, s, d);
        int[] x = values(s.n() * s.h() * s.w() * s.cin(), 11);
        int[] w = values((int) s.k() * s.cout(), 12);
        top.map().write(at[0], encode(x, d));
        top.map().write(at[1], encode(w, d));
        KpuResult r = top.run(c.program());
        int pixels = (int) s.m();
        byte[] out = top.map().read(at[2], pixels * s.cout() * 4);
        float[] expected = reference(s, x, w);
        for (int i = 0; i < expected.length; i++) {
            int bits = le32(out, 4 * i);
            float actual = d == DType.FP32 ? Float.intBitsToFloat(bits) : bits;
            assertEquals(expected[i], actual, c.program().name() + " output " + i);
        }
        assertEquals(s.m() * s.cout() * s.k(), r.macs());
    }

    @Test
    void theReluEpilogueRunsOnTheDrainOfADirectConv() {
        ConvCompiler.Compiled c = ConvCompiler.compileDirect(MINIMAL, S1, DType.INT8, Activation.RELU, 4, 16, 8, 36);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        long[] at = ConvCompiler.operandAddresses(MINIMAL, S1, DType.INT8);
        int[] x = values(8 * 8 * 4, 21);
        int[] w = values(36 * 8, 22);
        int[] bias = values(8, 23);
        top.map().write(at[0], encode(x, DType.INT8));
        top.map().write(at[1], encode(w, DType.INT8));
        byte[] b = new byte[8 * 4];
        for (int j = 0; j < 8; j++) {
            for (int q = 0; q < 4; q++) {
                b[4 * j + q] = (byte) (bias[j] >> (8 * q));
            }
        }
        top.map().write(at[3], b);
        top.run(c.program());
        byte[] out = top.map().read(at[2], 64 * 8 * 4);
        float[] conv = reference(S1, x, w);
        for (int i = 0; i < conv.length; i++) {
            assertEquals(Math.max(0f, conv[i] + bias[i % 8]), Float.intBitsToFloat(le32(out, 4 * i)), "output " + i);
        }
    }

    @Test
    void externalBytesAreTheInputOnceThePlusHaloWeightsAndOutput() {
        // 8 x 8 x 4 int8 input: rows of 32 B, 256 B in all. Weights 36 x 8 = 288 B, one B tile (loaded once).
        // Output 64 pixels x 8 x 4 B = 2048 B.
        // Stride 1, bands of 2 output rows: image rows 0..2, 1..4, 3..6, 5..7 = 3 + 4 + 4 + 3 = 14 rows = 448 B
        // (6 halo rows re-read, 192 B): 448 + 288 + 2048 = 2784 B.
        assertBytes(ConvCompiler.compileDirect(MINIMAL, S1, DType.INT8, null, 2, 8, 8, 36), 2784, 256 + 288 + 2048);
        // Stride 2 (oh = ow = 4), bands of 2 output rows: rows 0..3 and 3..7 = 9 rows = 288 B (row 3 twice);
        // output 16 x 8 x 4 = 512 B: 288 + 288 + 512 = 1088 B.
        assertBytes(ConvCompiler.compileDirect(MINIMAL, S2, DType.INT8, null, 2, 8, 8, 36), 1088, 256 + 288 + 512);
    }

    private static void assertBytes(ConvCompiler.Compiled c, long external, long compulsory) {
        long dma = 0;
        for (Instruction in : c.program().instructions()) {
            if (in.op() == Op.DMA_LOAD || in.op() == Op.DMA_STORE) {
                dma += in.bytes();
            }
        }
        assertEquals(external, dma);
        assertEquals(external, c.tiling().externalBytes());
        assertEquals(compulsory, c.tiling().compulsoryBytes());
        KpuResult r = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(c.program());
        assertEquals(external, r.bytesPerLevel().get("external"));
    }

    @Test
    void aPadThatLeavesOutputRowsWithOnlyPaddingIsRefusedByName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConvCompiler.compileDirect(MINIMAL, new ConvShape(1, 8, 8, 4, 8, 1, 1, 1, 1), DType.INT8));
        assertEquals("pad", e.path());
    }

    @Test
    void aDirectProgramReadsBackEqualFromJson() {
        Program p = ConvCompiler.compileDirect(MINIMAL, S2, DType.INT8, Activation.RELU).program();
        assertTrue(p.instructions().stream().anyMatch(i -> i.op() == Op.FEED_PATCHES));
        assertEquals(p, ProgramJson.read(ProgramJson.write(p), "round trip"));
    }

    /** The plain convolution: out[pixel][co] = sum over dy, dx, ci of x[iy][ix][ci] w[(dy kw + dx) cin + ci][co]. */
    private static float[] reference(ConvShape s, int[] x, int[] w) {
        float[] out = new float[(int) s.m() * s.cout()];
        for (int img = 0; img < s.n(); img++) {
            for (int oy = 0; oy < s.oh(); oy++) {
                for (int ox = 0; ox < s.ow(); ox++) {
                    for (int co = 0; co < s.cout(); co++) {
                        long sum = 0;
                        for (int dy = 0; dy < s.kh(); dy++) {
                            for (int dx = 0; dx < s.kw(); dx++) {
                                int iy = oy * s.stride() - s.pad() + dy;
                                int ix = ox * s.stride() - s.pad() + dx;
                                if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) {
                                    continue;
                                }
                                for (int ci = 0; ci < s.cin(); ci++) {
                                    sum += (long) x[((img * s.h() + iy) * s.w() + ix) * s.cin() + ci]
                                            * w[((dy * s.kw() + dx) * s.cin() + ci) * s.cout() + co];
                                }
                            }
                        }
                        out[((img * s.oh() + oy) * s.ow() + ox) * s.cout() + co] = sum;
                    }
                }
            }
        }
        return out;
    }

    /** Small integers in -4..4, exact as int8 and as fp32 (so every summation order gives the same fp32 sum). */
    private static int[] values(int count, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = (int) Math.floorMod(r.nextLong(), 9L) - 4;
        }
        return v;
    }

    private static byte[] encode(int[] v, DType d) {
        if (d == DType.INT8) {
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = (byte) v[i];
            }
            return b;
        }
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToRawIntBits(v[i]);
            for (int q = 0; q < 4; q++) {
                b[4 * i + q] = (byte) (bits >>> (8 * q));
            }
        }
        return b;
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
    }
}

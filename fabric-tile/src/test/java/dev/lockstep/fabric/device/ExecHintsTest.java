package dev.lockstep.fabric.device;

import dev.lockstep.fabric.Hints;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecHintsTest {
    @Test
    void goldenVectorOne() {
        // tfmbs.md 7 vector 1: 0x00060001 = DOT, bit 17 ZERO_SKIP, bit 18 FREE_NEG.
        ExecHints h = new ExecHints(0x00060001);
        assertEquals(Hints.OP_DOT, h.kernel());
        assertEquals("DOT", h.kernelName());
        assertTrue(h.zeroSkip());
        assertTrue(h.freeNeg());
        assertFalse(h.biasEnabled());
        assertFalse(h.weightBroadcast());
        assertEquals(1, h.convStride()); // bits 21:20 = 00
    }

    @Test
    void broadcastTgemm() {
        // tb_tgemm test 2: 0xE0006 = TGEMM with bits 17, 18, 19 (WEIGHT_BRDCST).
        ExecHints h = new ExecHints(0xE0006);
        assertEquals("TGEMM", h.kernelName());
        assertTrue(h.weightBroadcast());
    }

    @Test
    void convStepsOfReference24() {
        // tfmbs.md 2.4, verified examples: stride 3, s = 2, CONV2D -> step 6; stride 3, s = 4, CONV3D -> 48.
        assertEquals(6, new ExecHints(0x00100004).addressStep(3)); // bits 21:20 = 01
        assertEquals(48, new ExecHints(0x00300007).addressStep(3)); // bits 21:20 = 11
        // other kernels step by lane_stride whatever bits 21:20 hold
        assertEquals(3, new ExecHints(0x00300001).addressStep(3));
    }

    @Test
    void bit20IsOnlyTheLowStrideBit() {
        // tfmbs.md 8.12: FUSED would be bit 20; read here as s - 1 = 1.
        assertEquals(2, new ExecHints(1 << 20).convStride());
        assertEquals(4, new ExecHints(0b11 << 20).convStride());
    }

    @Test
    void unimplementedFieldsDecode() {
        // QUANT 0xAB at 15:8, PAD 10 at 23:22, KSIZE 01 at 25:24, DILATION bit 26, POOL_WIN 11 at 28:27.
        int raw = 0xAB << 8 | 0b10 << 22 | 0b01 << 24 | 1 << 26 | 0b11 << 27;
        ExecHints h = new ExecHints(raw);
        assertEquals(0xAB, h.quant());
        assertEquals(0b10, h.pad());
        assertEquals(0b01, h.kernelSize());
        assertTrue(h.dilation());
        assertEquals(0b11, h.poolWindow());
        assertEquals(Hints.OP_NOP, h.kernel());
    }

    @Test
    void poolOpAndKernelNames() {
        // POOL (0x05) with MIN = 01 at bits 30:29: 0x20000005.
        ExecHints h = new ExecHints(0x20000005);
        assertEquals("POOL", h.kernelName());
        assertEquals(Hints.POOL_MIN, h.poolOp());
        assertEquals("ATTN", new ExecHints(0x09).kernelName());
        assertTrue(new ExecHints(0x09).knownKernel());
        assertFalse(new ExecHints(0x0A).knownKernel());
        assertEquals("0x0A", new ExecHints(0x0A).kernelName());
    }
}

package dev.lockstep.fabric;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HintsTest {
    @Test
    void goldenVectorHintsDecode() {
        // tfmbs.md 7 vector 1: 0x00060001 = op 0x01 (DOT), bit 17 (ZERO_SKIP), bit 18 (FREE_NEG, ignored).
        assertEquals(Hints.OP_DOT, Hints.op(0x00060001));
        assertTrue(Hints.zeroSkip(0x00060001));
        assertFalse(Hints.biasEnabled(0x00060001));
        // tb_tgemm test 2: 0xE0006 = TGEMM with bits 17, 18, 19 (WEIGHT_BRDCST).
        assertTrue(Hints.weightBroadcast(0xE0006));
        assertEquals(Hints.OP_TGEMM, Hints.op(0xE0006));
    }

    @Test
    void poolOpSitsInBits30To29() {
        // MIN = 01 at bit 29: 0x20000000 | op 0x05
        assertEquals(0x20000005, Hints.pool(Hints.POOL_MIN));
        // AVG = 10: 0x40000000 | 0x05
        assertEquals(0x40000005, Hints.pool(Hints.POOL_AVG));
        assertEquals(Hints.POOL_HOLD, Hints.poolOp(0x60000005));
        // bit 31 is outside the field
        assertEquals(Hints.POOL_MAX, Hints.poolOp(0x80000005));
    }
}

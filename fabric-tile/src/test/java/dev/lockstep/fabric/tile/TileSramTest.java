package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.device.DeviceStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** tfmbs.md 2.5: read-first, 1-cycle registered read, output holds with enable low. */
class TileSramTest {
    private final TileSram bank = new TileSram("weight bank");

    private void edge() {
        bank.evaluate();
        bank.commit();
    }

    @Test
    void readLatencyIsOneEdgeAndOutputHoldsWhenDisabled() {
        bank.load(7, 0x123456);
        bank.load(8, 0x0000AA);
        bank.setEnable(true);
        bank.setAddress(7);
        assertEquals(0, bank.dout(), "nothing read before an edge");
        edge();
        assertEquals(0x123456, bank.dout());
        bank.setEnable(false);
        bank.setAddress(8);
        edge();
        assertEquals(0x123456, bank.dout(), "enable low: dout holds");
    }

    @Test
    void writeEdgeReturnsTheOldWord() {
        bank.load(3, 0x000011);
        bank.setEnable(true);
        bank.setWriteEnable(true);
        bank.setAddress(3);
        bank.setWriteData(0xFF000022); // bits 31:24 dropped by the 24-bit port
        edge();
        assertEquals(0x000011, bank.dout(), "read-first");
        assertEquals(0x000022, bank.peek(3));
        bank.setWriteEnable(false);
        edge();
        assertEquals(0x000022, bank.dout());
    }

    @Test
    void loadKeepsBits23To0AndRefusesIndicesOutsideTheBank() {
        bank.load(4095, 0x79797979); // the 0x9000 broadcast words of vector 3 carry 0x79 in byte 3
        assertEquals(0x797979, bank.peek(4095));
        TileException e = assertThrows(TileException.class, () -> bank.load(4096, 0));
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertEquals("weight bank word 4096: outside the bank, allowed 0..4095 (ERR_ADDR 2)", e.getMessage());
        assertEquals(DeviceStatus.ERR_ADDR, assertThrows(TileException.class, () -> bank.load(-1, 0)).status());
    }
}

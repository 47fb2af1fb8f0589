package dev.lockstep.fabric.device;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TfdTest {
    @Test
    void layoutIsTheCStructOfReference31() {
        // tfmbs.md 3.1: offsets 0, 8, 12, 14, 16, 20, 24, 28, 29, 30; sizeof = 40 (gcc, x86-64),
        // so 30 + 6 reserved bytes are followed by 4 bytes of padding up to 40.
        int[] offsets = {0, 8, 12, 14, 16, 20, 24, 28, 29, 30, 36};
        int[] sizes = {8, 4, 2, 2, 4, 4, 4, 1, 1, 6, 4};
        TfdField[] fields = TfdField.values();
        assertEquals(offsets.length, fields.length);
        for (int i = 0; i < fields.length; i++) {
            assertEquals(offsets[i], fields[i].offset(), fields[i].cName());
            assertEquals(sizes[i], fields[i].size(), fields[i].cName());
        }
        assertEquals(40, TfdField.SIZE);
        assertEquals(40, Tfd.SIZE);
    }

    @Test
    void parsesTheHandBuiltDescriptor() {
        Tfd t = Tfd.parse(TfdBytes.valid());
        // Values as written byte by byte in TfdBytes.valid().
        assertEquals(new Tfd(16, 64, 1, 15, 3, 0x03, 0x00060001, 1, 0x0F), t);
    }

    @Test
    void readsEveryByteOfEachFieldLittleEndian() {
        // Distinct bytes in every position show that each field takes its own bytes, least significant first.
        byte[] b = TfdBytes.valid();
        b = TfdBytes.with(b, 0, 8, 0x0807060504030201L);
        b = TfdBytes.with(b, 8, 4, 0x0C0B0A09L);
        b = TfdBytes.with(b, 12, 2, 0x0E0DL);
        b = TfdBytes.with(b, 14, 2, 0x100FL);
        b = TfdBytes.with(b, 16, 4, 0xF4F3F2F1L);
        b = TfdBytes.with(b, 20, 4, 0x18171615L);
        b = TfdBytes.with(b, 24, 4, 0x1C1B1A19L);
        b = TfdBytes.with(b, 28, 1, 0xFE);
        b = TfdBytes.with(b, 29, 1, 0xFD);
        Tfd t = Tfd.parse(b);
        assertEquals(0x0807060504030201L, t.baseAddr());
        assertEquals(0x0C0B0A09L, t.frameLen());
        assertEquals(0x0E0D, t.packingFmt());
        assertEquals(0x100F, t.laneCount());
        assertEquals(0xF4F3F2F1L, t.laneStride()); // unsigned: above 2^31
        assertEquals(0x18171615, t.flags());
        assertEquals(0x1C1B1A19, t.execHints());
        assertEquals(0xFE, t.version());
        assertEquals(0xFD, t.tileMask());
        assertArrayEquals(b, t.toBytes());
    }

    @Test
    void writesBackTheSameBytes() {
        byte[] in = TfdBytes.valid();
        assertArrayEquals(in, Tfd.parse(in).toBytes());
    }

    @Test
    void writeIsLittleEndianAndZeroesTheTailWhateverTheBuffer() {
        // A big-endian buffer full of 0xFF: the descriptor still comes out little-endian with 10 zero tail bytes.
        ByteBuffer buf = ByteBuffer.allocate(45).order(ByteOrder.BIG_ENDIAN);
        Arrays.fill(buf.array(), (byte) 0xFF);
        buf.position(2);
        Tfd.parse(TfdBytes.valid()).write(buf);
        assertEquals(42, buf.position());
        assertArrayEquals(TfdBytes.valid(), Arrays.copyOfRange(buf.array(), 2, 42));
        assertEquals((byte) 0xFF, buf.array()[42]);
    }

    @Test
    void readsConsecutiveDescriptorsFromABuffer() {
        byte[] second = TfdBytes.with(8, 4, 7); // frame_len 7
        ByteBuffer buf = ByteBuffer.allocate(80).order(ByteOrder.BIG_ENDIAN);
        buf.put(TfdBytes.valid()).put(second).flip();
        assertEquals(64, Tfd.read(buf).frameLen());
        assertEquals(7, Tfd.read(buf).frameLen());
        assertEquals(0, buf.remaining());
    }

    @Test
    void rejectsWrongLengthsNamingWhereTheBytesEnd() {
        assertLength(new byte[39], 39);
        assertLength(new byte[0], 0);
        assertLength(new byte[41], 40); // the first byte past a descriptor
        TfdException e = assertThrows(TfdException.class, () -> Tfd.read(ByteBuffer.wrap(new byte[39])));
        assertEquals(39, e.byteOffset());
    }

    @Test
    void rejectsNonZeroReservedAndPaddingBytes() {
        TfdException r = assertThrows(TfdException.class, () -> Tfd.parse(TfdBytes.with(33, 1, 0x5A)));
        assertEquals(DeviceStatus.ERR_PACK, r.status());
        assertEquals("_reserved[3]", r.field()); // 33 = 30 + 3
        assertEquals(33, r.byteOffset());
        TfdException p = assertThrows(TfdException.class, () -> Tfd.parse(TfdBytes.with(39, 1, 0x01)));
        assertEquals("_pad[3]", p.field()); // 39 = 36 + 3
        assertEquals(39, p.byteOffset());
    }

    @Test
    void messageIsOneLineWithFieldOffsetValueAllowedAndStatus() {
        TfdException e = assertThrows(TfdException.class,
                () -> Tfd.decode(TfdBytes.with(14, 2, 16), FabricShape.DEFAULT));
        assertEquals("TFD lane_count at byte 14: 16, allowed: 1..15 (ERR_ADDR 2)", e.getMessage());
    }

    @Test
    void statusCodesAreThoseOfReference33() {
        // tfmbs.md 3.3: OK 0, PENDING 1, ERR_ADDR 2, ERR_PACK 3, ERR_BUSY 4.
        assertEquals(0, DeviceStatus.OK.code());
        assertEquals(1, DeviceStatus.PENDING.code());
        assertEquals(2, DeviceStatus.ERR_ADDR.code());
        assertEquals(3, DeviceStatus.ERR_PACK.code());
        assertEquals(4, DeviceStatus.ERR_BUSY.code());
    }

    @Test
    void recordRefusesValuesWiderThanTheirCField() {
        assertThrows(IllegalArgumentException.class, () -> new Tfd(0, 1L << 32, 1, 1, 1, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tfd(0, 1, 0x10000, 1, 1, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tfd(0, 1, 1, 1, 1, 0, 0, 0x100, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tfd(0, 1, 1, 1, -1, 0, 0, 1, 1));
    }

    private static void assertLength(byte[] bytes, int offset) {
        TfdException e = assertThrows(TfdException.class, () -> Tfd.parse(bytes));
        assertEquals(DeviceStatus.ERR_PACK, e.status());
        assertEquals("descriptor", e.field());
        assertEquals(offset, e.byteOffset());
        assertEquals("TFD descriptor at byte " + offset + ": " + bytes.length
                + " bytes, allowed: exactly 40 bytes (ERR_PACK 3)", e.getMessage());
    }
}

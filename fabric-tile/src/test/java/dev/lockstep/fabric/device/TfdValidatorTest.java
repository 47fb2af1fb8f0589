package dev.lockstep.fabric.device;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TfdValidatorTest {
    private static final DeviceStatus PACK = DeviceStatus.ERR_PACK;
    private static final DeviceStatus ADDR = DeviceStatus.ERR_ADDR;

    @Test
    void acceptsTheHandBuiltDescriptor() {
        Tfd t = Tfd.parse(TfdBytes.valid());
        assertSame(t, t.validate(FabricShape.DEFAULT));
    }

    @Test
    void versionOtherThanOne() {
        reject(TfdBytes.with(28, 1, 0x02), PACK, "version", 28);
        reject(TfdBytes.with(28, 1, 0x00), PACK, "version", 28);
    }

    @Test
    void packingFormatOutside1To3() {
        reject(TfdBytes.with(12, 2, 0), PACK, "packing_fmt", 12);
        reject(TfdBytes.with(12, 2, 4), PACK, "packing_fmt", 12);
        accept(TfdBytes.with(12, 2, 2)); // T2B
        accept(TfdBytes.with(12, 2, 3)); // RAW
    }

    @Test
    void flagBitsBeyondPinned() {
        reject(TfdBytes.with(20, 4, 0x20), PACK, "flags", 20); // bit 5
        reject(TfdBytes.with(20, 4, 0x8000_0000L), PACK, "flags", 20); // bit 31
        accept(TfdBytes.with(20, 4, 0x1F)); // READ WRITE COHERENT CRITICAL PINNED
    }

    @Test
    void unknownKernelId() {
        // exec_hints byte 24 is KERNEL_ID; 0x0A is one past ATTN 0x09 (tfmbs.md 3.2).
        reject(TfdBytes.with(24, 1, 0x0A), PACK, "exec_hints[7:0] KERNEL_ID", 24);
        reject(TfdBytes.with(24, 1, 0xFF), PACK, "exec_hints[7:0] KERNEL_ID", 24);
        accept(TfdBytes.with(24, 1, 0x02)); // ADD: named by the reference, holds
        accept(TfdBytes.with(24, 1, 0x09)); // ATTN
    }

    @Test
    void unimplementedHintFieldsAreRefusedAtTheByteHoldingThem() {
        // exec_hints 0x00060001 is bytes 24..27 = 01 00 06 00; each case patches one byte.
        reject(TfdBytes.with(25, 1, 0x05), PACK, "exec_hints[15:8] QUANT (not implemented)", 25);
        reject(TfdBytes.with(26, 1, 0x46), PACK, "exec_hints[23:22] PAD (not implemented)", 26); // bit 22
        reject(TfdBytes.with(27, 1, 0x01), PACK, "exec_hints[25:24] KSIZE (not implemented)", 27); // bit 24
        reject(TfdBytes.with(27, 1, 0x04), PACK, "exec_hints[26] DILATION_EN (not implemented)", 27);
        reject(TfdBytes.with(27, 1, 0x08), PACK, "exec_hints[28:27] POOL_WIN (not implemented)", 27);
        reject(TfdBytes.with(27, 1, 0x80), PACK, "exec_hints[31]", 27);
    }

    @Test
    void poolOpThreeOnlyRefusedForPool() {
        // byte 27 = 0x60 sets bits 30:29 = 11.
        byte[] pool3 = TfdBytes.with(TfdBytes.with(24, 1, 0x05), 27, 1, 0x60);
        reject(pool3, PACK, "exec_hints[30:29] POOL_OP", 27);
        accept(TfdBytes.with(TfdBytes.with(24, 1, 0x05), 27, 1, 0x40)); // POOL AVG
        accept(TfdBytes.with(27, 1, 0x60)); // DOT: the lane never reads pool_op
    }

    @Test
    void freeNegAndStrideBitsOnNonConvKernelsAreAcceptedAndIgnored() {
        accept(TfdBytes.with(26, 1, 0x04)); // FREE_NEG alone (bit 18)
        accept(TfdBytes.with(26, 1, 0x36)); // DOT with bits 21:20 = 11 ("FUSED" bit 20 among them)
    }

    @Test
    void tileMaskZeroOrBeyondTheFabric() {
        reject(TfdBytes.with(29, 1, 0x00), ADDR, "tile_mask", 29);
        reject(TfdBytes.with(29, 1, 0x10), ADDR, "tile_mask", 29); // tile 4 of a 4-tile fabric
        accept(TfdBytes.with(29, 1, 0x08)); // tile 3 alone
    }

    @Test
    void laneCountZeroOrBeyondTheTile() {
        reject(TfdBytes.with(14, 2, 0), ADDR, "lane_count", 14);
        reject(TfdBytes.with(14, 2, 16), ADDR, "lane_count", 14);
        accept(TfdBytes.with(14, 2, 1));
    }

    @Test
    void laneStrideZeroOrBeyondEightBits() {
        reject(TfdBytes.with(16, 4, 0), ADDR, "lane_stride", 16);
        reject(TfdBytes.with(16, 4, 256), ADDR, "lane_stride", 16);
        // 255 is the widest 8-bit stride: frame_len 2 from base 16 ends at 16 + 255 = 271.
        accept(TfdBytes.with(TfdBytes.with(16, 4, 255), 8, 4, 2));
    }

    @Test
    void convStepsUseTheControllersTwelveBitStep() {
        // CONV3D (0x07) with s = 4 (bits 21:20 = 11: byte 26 = 0x36 keeps bits 17, 18): step = stride * 16,
        // not truncated (docs/tile.md). Stride 255: step 4080; 2 words from base 15 end at 15 + 4080 = 4095.
        byte[] conv3d = TfdBytes.with(TfdBytes.with(TfdBytes.with(TfdBytes.with(24, 1, 0x07), 26, 1, 0x36), 8, 4, 2),
                0, 8, 15);
        accept(TfdBytes.with(conv3d, 16, 4, 255));
        // From base 16 the second word is 4096: refused at frame_len, where the extent is named.
        TfdException e = reject(TfdBytes.with(TfdBytes.with(conv3d, 0, 8, 16), 16, 4, 255), ADDR, "frame_len", 8);
        assertEquals("TFD frame_len at byte 8: 2 (last word 4096 from base 16 at step 4080), allowed: a last word"
                + " of at most 4095 (ERR_ADDR 2)", e.getMessage());
        // CONV2D (0x04) with s = 2 (byte 26 = 0x16): stride 128 -> step 256, from base 16: last word 272.
        byte[] conv2d = TfdBytes.with(TfdBytes.with(TfdBytes.with(24, 1, 0x04), 26, 1, 0x16), 8, 4, 2);
        accept(TfdBytes.with(conv2d, 16, 4, 128));
    }

    @Test
    void baseAddressOutsideTheBank() {
        reject(TfdBytes.with(0, 8, 4096), ADDR, "base_addr", 0);
        // 2^63 is negative as a Java long; the check is unsigned.
        reject(TfdBytes.with(0, 8, Long.MIN_VALUE), ADDR, "base_addr", 0);
    }

    @Test
    void frameLengthZero() {
        reject(TfdBytes.with(8, 4, 0), ADDR, "frame_len", 8);
    }

    @Test
    void frameMustEndInsideTheBank() {
        // stride 1: base 4095 with one word ends at 4095; two words would reach 4096.
        byte[] edge = TfdBytes.with(TfdBytes.with(0, 8, 4095), 16, 4, 1);
        accept(TfdBytes.with(edge, 8, 4, 1));
        TfdException e = reject(TfdBytes.with(edge, 8, 4, 2), ADDR, "frame_len", 8);
        assertEquals("TFD frame_len at byte 8: 2 (last word 4096 from base 4095 at step 1), allowed: a last word"
                + " of at most 4095 (ERR_ADDR 2)", e.getMessage());
        // base 16, stride 3: (4095 - 16) / 3 + 1 = 1360 words end at 16 + 1359 * 3 = 4093; 1361 end at 4096.
        accept(TfdBytes.with(8, 4, 1360));
        reject(TfdBytes.with(8, 4, 1361), ADDR, "frame_len", 8);
        // the largest u32 does not overflow the check
        reject(TfdBytes.with(8, 4, 0xFFFF_FFFFL), ADDR, "frame_len", 8);
    }

    @Test
    void smallerFabricShape() {
        FabricShape small = new FabricShape(2, 8, 1024);
        reject(TfdBytes.valid(), ADDR, "tile_mask", 29, small); // 0x0F names tiles 2 and 3
        byte[] twoTiles = TfdBytes.with(TfdBytes.with(29, 1, 0x03), 14, 2, 8);
        assertDoesNotThrow(() -> Tfd.decode(twoTiles, small));
        reject(TfdBytes.with(twoTiles, 29, 1, 0x04), ADDR, "tile_mask", 29, small);
        reject(TfdBytes.with(twoTiles, 14, 2, 9), ADDR, "lane_count", 14, small);
        reject(TfdBytes.with(twoTiles, 0, 8, 1024), ADDR, "base_addr", 0, small);
    }

    @Test
    void encodingIsReportedBeforePlacement() {
        // version 2 and lane_count 0 together: the version decides how the rest reads, so it is reported.
        reject(TfdBytes.with(TfdBytes.with(28, 1, 2), 14, 2, 0), PACK, "version", 28);
    }

    private static void accept(byte[] bytes) {
        assertDoesNotThrow(() -> Tfd.decode(bytes, FabricShape.DEFAULT));
    }

    private static TfdException reject(byte[] bytes, DeviceStatus status, String field, int offset) {
        return reject(bytes, status, field, offset, FabricShape.DEFAULT);
    }

    private static TfdException reject(byte[] bytes, DeviceStatus status, String field, int offset,
                                       FabricShape shape) {
        TfdException e = assertThrows(TfdException.class, () -> Tfd.decode(bytes, shape));
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.byteOffset(), e.getMessage());
        return e;
    }
}

package dev.lockstep.fabric.device;

/**
 * A hand-written valid descriptor, byte by byte at the offsets of tfmbs.md 3.1, and a way to patch
 * one little-endian field of a copy. Kept apart from the code under test: nothing here calls it.
 */
final class TfdBytes {
    private TfdBytes() {
    }

    /**
     * base_addr 16, frame_len 64, PT5, 15 lanes, stride 3, flags READ|WRITE, exec_hints 0x00060001
     * (tfmbs.md 7 vector 1: DOT + ZERO_SKIP + FREE_NEG), version 1, tile_mask 0x0F. Its last word is
     * 16 + (64 - 1) * 3 = 205, inside a 4096-word bank.
     */
    static byte[] valid() {
        return new byte[] {
            /*  0 base_addr   */ 0x10, 0, 0, 0, 0, 0, 0, 0,
            /*  8 frame_len   */ 0x40, 0, 0, 0,
            /* 12 packing_fmt */ 0x01, 0,
            /* 14 lane_count  */ 0x0F, 0,
            /* 16 lane_stride */ 0x03, 0, 0, 0,
            /* 20 flags       */ 0x03, 0, 0, 0,
            /* 24 exec_hints  */ 0x01, 0x00, 0x06, 0x00,
            /* 28 version     */ 0x01,
            /* 29 tile_mask   */ 0x0F,
            /* 30 _reserved   */ 0, 0, 0, 0, 0, 0,
            /* 36 padding     */ 0, 0, 0, 0,
        };
    }

    /** {@link #valid()} with {@code size} bytes at {@code offset} replaced by {@code value}, little-endian. */
    static byte[] with(int offset, int size, long value) {
        return with(valid(), offset, size, value);
    }

    static byte[] with(byte[] base, int offset, int size, long value) {
        byte[] b = base.clone();
        for (int i = 0; i < size; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
        return b;
    }
}

package dev.lockstep.fabric.device;

/** The fields of the 40-byte {@code tfmbs_tfd_t}, with their byte offsets and sizes (tfmbs.md 3.1). */
public enum TfdField {
    BASE_ADDR("base_addr", 0, 8),
    FRAME_LEN("frame_len", 8, 4),
    PACKING_FMT("packing_fmt", 12, 2),
    LANE_COUNT("lane_count", 14, 2),
    LANE_STRIDE("lane_stride", 16, 4),
    FLAGS("flags", 20, 4),
    EXEC_HINTS("exec_hints", 24, 4),
    VERSION("version", 28, 1),
    TILE_MASK("tile_mask", 29, 1),
    RESERVED("_reserved", 30, 6),
    /** Not a C field: the compiler pads the struct from 36 to 40 bytes to align its u64 (tfmbs.md 3.1). */
    PADDING("_pad", 36, 4);

    /** sizeof(tfmbs_tfd_t) on x86-64, padding included. */
    public static final int SIZE = 40;

    private final String cName;
    private final int offset;
    private final int size;

    TfdField(String cName, int offset, int size) {
        this.cName = cName;
        this.offset = offset;
        this.size = size;
    }

    /** The field's name in include/tfmbs.h, as error messages and docs spell it. */
    public String cName() {
        return cName;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }
}

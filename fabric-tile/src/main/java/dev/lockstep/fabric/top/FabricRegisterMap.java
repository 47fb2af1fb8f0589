package dev.lockstep.fabric.top;

/**
 * Byte addresses of the fabric top's AXI4-Lite slave ({@link AxiLiteRegs}); the table with widths,
 * reset values and the decisions against tfmbs.md 2.7 is in docs/fabric-top.md. Offsets the original
 * had keep their place; TILE_MASK is a register of its own so that writing START never touches it.
 */
public final class FabricRegisterMap {
    /** W: bit 0 START, a one-edge pulse. Reads 0. */
    public static final int CONTROL = 0x000;
    /** RO: bit 0 BUSY, bit 1 DONE (sticky), bits 15:8 FRAME_ERROR, bits 23:16 LOAD_ERROR. */
    public static final int STATUS = 0x004;
    public static final int BASE_ADDR = 0x008;
    public static final int DEPTH = 0x00C;
    public static final int STRIDE = 0x010;
    public static final int EXEC_HINTS = 0x014;
    public static final int LANE_COUNT = 0x018;
    public static final int LANE_MASK = 0x01C;
    /** RO: compute edges of the current or last frame, whatever the tile mask. */
    public static final int CYCLES = 0x020;
    /** RO: enabled lanes of enabled tiles, summed over the frame's compute edges. */
    public static final int UTILIZATION = 0x024;
    /** RO: cycles the stream loader waited for a data beat (tvalid low) since its last header. */
    public static final int BURST_WAIT = 0x068;
    /** RW: bit t enables tile t. */
    public static final int TILE_MASK = 0x0B0;

    /** Per-tile counter blocks: tile 0 at 0x000, tile t >= 1 at 0x100 x (t + 1), as in the original. */
    public static final int SKIP_OFFSET = 0x028;
    public static final int OVERFLOW_OFFSET = 0x06C;
    public static final int ACTIVE_OFFSET = 0x070;
    /** RESULTS: tile t lane l at 0x100 + 0x40 t + 4 l. */
    public static final int RESULTS = 0x100;

    /** Weight window of tile t at 0x1000 + 0x2000 t, input window at 0x2000 + 0x2000 t, 1024 words each. */
    public static final int WEIGHT_WINDOW = 0x1000;
    public static final int INPUT_WINDOW = 0x2000;
    public static final int TILE_WINDOW_STRIDE = 0x2000;
    /** Writes here go to the weight bank of every tile. */
    public static final int BROADCAST_WINDOW = 0x9000;
    /** Words of a bank an AXI4-Lite window reaches (address bits 11:2); the stream loader reaches all 4096. */
    public static final int WINDOW_WORDS = 1024;

    /** What every unmapped or write-only address reads. */
    public static final int UNMAPPED = 0xDEAD_BEEF;

    public static final int STATUS_BUSY = 1;
    public static final int STATUS_DONE = 1 << 1;
    public static final int STATUS_FRAME_ERROR_SHIFT = 8;
    public static final int STATUS_LOAD_ERROR_SHIFT = 16;

    /** AXI response codes. */
    public static final int RESP_OKAY = 0b00;
    public static final int RESP_SLVERR = 0b10;

    /** Header beat of a stream load: magic in bits 31:24. */
    public static final int STREAM_MAGIC = 0xA5;
    public static final int STREAM_REGION_WEIGHTS = 0;
    public static final int STREAM_REGION_INPUTS = 1;
    public static final int STREAM_REGION_BROADCAST = 2;

    public static final int MAX_TILES = 4;

    private FabricRegisterMap() {
    }

    /** The counter block of tile t. */
    public static int tileBlock(int tile) {
        return tile == 0 ? 0 : 0x100 * (tile + 1);
    }

    public static int skip(int tile, int lane) {
        return tileBlock(tile) + SKIP_OFFSET + 4 * lane;
    }

    public static int active(int tile, int lane) {
        return tileBlock(tile) + ACTIVE_OFFSET + 4 * lane;
    }

    public static int overflow(int tile) {
        return tileBlock(tile) + OVERFLOW_OFFSET;
    }

    public static int result(int tile, int lane) {
        return RESULTS + 0x40 * tile + 4 * lane;
    }

    public static int weightWord(int tile, int word) {
        return WEIGHT_WINDOW + TILE_WINDOW_STRIDE * tile + 4 * word;
    }

    public static int inputWord(int tile, int word) {
        return INPUT_WINDOW + TILE_WINDOW_STRIDE * tile + 4 * word;
    }

    public static int broadcastWord(int word) {
        return BROADCAST_WINDOW + 4 * word;
    }

    /** The header beat of a stream load of {@code region} (tile ignored for broadcast) starting at word {@code base}. */
    public static int streamHeader(int region, int tile, int base) {
        return STREAM_MAGIC << 24 | (tile & 3) << 14 | (region & 3) << 12 | (base & 0xFFF);
    }
}

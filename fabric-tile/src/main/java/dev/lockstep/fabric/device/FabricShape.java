package dev.lockstep.fabric.device;

/**
 * What a descriptor is validated against: the fabric's tile count, lanes per tile and words per SRAM
 * bank. The default is the original fabric's 4 tiles of 15 lanes with 4096-word banks (tfmbs.md 2.5,
 * 3.4 GET_INFO).
 */
public record FabricShape(int tiles, int lanesPerTile, int bankWords) {
    public static final FabricShape DEFAULT = new FabricShape(4, 15, 4096);

    public FabricShape {
        // tile_mask is a u8, so a ninth tile could never be selected.
        if (tiles < 1 || tiles > 8) {
            throw new IllegalArgumentException("tiles must be 1..8 (tile_mask is 8 bits), got " + tiles);
        }
        if (lanesPerTile < 1 || lanesPerTile > 0xFFFF) {
            throw new IllegalArgumentException(
                    "lanesPerTile must be 1..65535 (lane_count is 16 bits), got " + lanesPerTile);
        }
        if (bankWords < 1) {
            throw new IllegalArgumentException("bankWords must be at least 1, got " + bankWords);
        }
    }
}

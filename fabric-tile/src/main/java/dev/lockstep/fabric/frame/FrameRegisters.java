package dev.lockstep.fabric.frame;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.device.ExecHints;

/**
 * The fabric's frame registers as one START sees them: BASE_ADDR, DEPTH, STRIDE and EXEC_HINTS for the
 * shared frame controller, LANE_COUNT and LANE_MASK for every tile's engine, and TILE_MASK (bit t runs
 * tile t's lanes). Checked on construction with the rules of the tile's frame controller
 * (docs/tile.md), so a frame is refused the same way at every fidelity.
 *
 * @param laneCount the 16-bit LANE_COUNT register (higher bits are dropped, as on the port)
 * @param laneMask  LANE_MASK, bit i for lane i
 * @param tileMask  TILE_MASK, bit t for tile t
 */
public record FrameRegisters(int base, int depth, int stride, int hints, int laneCount, long laneMask, int tileMask) {
    public static final int MAX_DEPTH = 0xFFFF;
    public static final int MAX_STRIDE = 0xFF;
    public static final int BANK_WORDS = 4096;

    public FrameRegisters {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new FrameException(DeviceStatus.ERR_ADDR, "frame DEPTH " + depth + ", allowed 1.." + MAX_DEPTH);
        }
        if (stride < 0 || stride > MAX_STRIDE) {
            throw new FrameException(DeviceStatus.ERR_ADDR, "frame STRIDE " + stride + ", allowed 0.." + MAX_STRIDE);
        }
        long last = (base & 0xFFFF_FFFFL) + (depth - 1) * new ExecHints(hints).addressStep(stride);
        if (last >= BANK_WORDS) {
            throw new FrameException(DeviceStatus.ERR_ADDR, String.format(
                    "frame BASE_ADDR %d + (DEPTH %d - 1) x step %d reaches word %d, allowed 0..%d",
                    base & 0xFFFF_FFFFL, depth, new ExecHints(hints).addressStep(stride), last, BANK_WORDS - 1));
        }
        laneCount &= 0xFFFF;
    }

    /** A frame on every lane of the tiles in {@code tileMask}: LANE_COUNT 15, LANE_MASK 0x7FFF. */
    public static FrameRegisters allLanes(int base, int depth, int stride, int hints, int tileMask) {
        return new FrameRegisters(base, depth, stride, hints, 15, 0x7FFF, tileMask);
    }

    /** The word step between frame addresses: stride, x s for CONV2D, x s^2 for CONV3D. */
    public int step() {
        return (int) new ExecHints(hints).addressStep(stride);
    }

    /** The bank word compute edge d reads. */
    public int address(int d) {
        return base + d * step();
    }

    public boolean tileEnabled(int tile) {
        return tile < 32 && (tileMask >>> tile & 1) != 0;
    }
}

package dev.lockstep.fabric.device;

import dev.lockstep.fabric.Hints;

/**
 * Whether a device accepts a descriptor, and if not, the status and field it refuses (the rules and
 * why each one is what it is: docs/device.md). In short: fields that say how the descriptor or the
 * frame is encoded give ERR_PACK; fields that select banks, words, lanes or tiles outside the fabric
 * give ERR_ADDR. Fields are checked in layout order within each group, encoding first, so the
 * reported error is always the same one for the same bytes.
 */
public final class TfdValidator {
    /**
     * The frame controller's STRIDE register is 8 bits (tfmbs.md 2.4, 8.10). Its address step (stride,
     * x s, x s^2) is 12 bits and never truncated, up to 255 x 16 = 4080 (docs/tile.md): the validator
     * checks no step of its own, only that the frame's last word is in the bank, as the controller does.
     */
    static final int MAX_STRIDE = 0xFF;

    private TfdValidator() {
    }

    /** Throws {@link TfdException} for the first field the device refuses on {@code shape}. */
    public static void validate(Tfd t, FabricShape shape) {
        checkEncoding(t);
        checkHints(t.hints());
        checkPlacement(t, shape);
    }

    private static void checkEncoding(Tfd t) {
        if (t.version() != Tfd.VERSION_1) {
            throw pack(TfdField.VERSION, hex2(t.version()), "0x01");
        }
        if (t.packingFmt() < Tfd.PACK_PT5 || t.packingFmt() > Tfd.PACK_RAW) {
            throw pack(TfdField.PACKING_FMT, Integer.toString(t.packingFmt()), "1 (PT5), 2 (T2B) or 3 (RAW)");
        }
        if ((t.flags() & ~Tfd.FLAGS_DEFINED) != 0) {
            throw pack(TfdField.FLAGS, String.format("0x%08X", t.flags()),
                    "bits 0..4 only (READ, WRITE, COHERENT, CRITICAL, PINNED)");
        }
    }

    private static void checkHints(ExecHints h) {
        if (!h.knownKernel()) {
            throw hint(0, "[7:0] KERNEL_ID", hex2(h.kernel()), "0x00..0x09");
        }
        if (h.quant() != 0) {
            throw unimplemented(ExecHints.QUANT_SHIFT, "[15:8] QUANT", h.quant());
        }
        if (h.pad() != 0) {
            throw unimplemented(ExecHints.PAD_SHIFT, "[23:22] PAD", h.pad());
        }
        if (h.kernelSize() != 0) {
            throw unimplemented(ExecHints.KSIZE_SHIFT, "[25:24] KSIZE", h.kernelSize());
        }
        if (h.dilation()) {
            throw unimplemented(ExecHints.DILATION_SHIFT, "[26] DILATION_EN", 1);
        }
        if (h.poolWindow() != 0) {
            throw unimplemented(ExecHints.POOL_WIN_SHIFT, "[28:27] POOL_WIN", h.poolWindow());
        }
        if (h.kernel() == Hints.OP_POOL && h.poolOp() == Hints.POOL_HOLD) {
            throw hint(Hints.POOL_OP_SHIFT, "[30:29] POOL_OP", "3", "0 (MAX), 1 (MIN) or 2 (AVG) for POOL");
        }
        if ((h.raw() & ExecHints.BIT31) != 0) {
            throw hint(31, "[31]", "1", "0 (reserved)");
        }
    }

    private static void checkPlacement(Tfd t, FabricShape shape) {
        int tileBits = (1 << shape.tiles()) - 1;
        if (t.tileMask() == 0 || (t.tileMask() & ~tileBits) != 0) {
            throw addr(TfdField.TILE_MASK, hex2(t.tileMask()),
                    "a nonzero mask of tiles 0.." + (shape.tiles() - 1) + " (0x01.." + hex2(tileBits) + ")");
        }
        if (t.laneCount() < 1 || t.laneCount() > shape.lanesPerTile()) {
            throw addr(TfdField.LANE_COUNT, Integer.toString(t.laneCount()), "1.." + shape.lanesPerTile());
        }
        if (t.laneStride() < 1 || t.laneStride() > MAX_STRIDE) {
            throw addr(TfdField.LANE_STRIDE, Long.toString(t.laneStride()), "1.." + MAX_STRIDE + " words");
        }
        long step = t.hints().addressStep(t.laneStride());
        if (Long.compareUnsigned(t.baseAddr(), shape.bankWords()) >= 0) {
            throw addr(TfdField.BASE_ADDR, Long.toUnsignedString(t.baseAddr()),
                    "0.." + (shape.bankWords() - 1) + " (a word of the bank)");
        }
        if (t.frameLen() == 0) {
            throw addr(TfdField.FRAME_LEN, "0", "at least 1 word (a frame of depth 0 never ends)");
        }
        long last = t.baseAddr() + (t.frameLen() - 1) * step;
        if (last >= shape.bankWords()) {
            throw addr(TfdField.FRAME_LEN, t.frameLen() + " (last word " + last + " from base " + t.baseAddr()
                    + " at step " + step + ")", "a last word of at most " + (shape.bankWords() - 1));
        }
    }

    private static TfdException pack(TfdField f, String value, String allowed) {
        return new TfdException(DeviceStatus.ERR_PACK, f.cName(), f.offset(), value, allowed);
    }

    private static TfdException addr(TfdField f, String value, String allowed) {
        return new TfdException(DeviceStatus.ERR_ADDR, f.cName(), f.offset(), value, allowed);
    }

    /** A sub-field of exec_hints, located at the byte holding its lowest bit. */
    private static TfdException hint(int lowBit, String bits, String value, String allowed) {
        return new TfdException(DeviceStatus.ERR_PACK, TfdField.EXEC_HINTS.cName() + bits,
                TfdField.EXEC_HINTS.offset() + lowBit / 8, value, allowed);
    }

    private static TfdException unimplemented(int lowBit, String bits, int value) {
        return hint(lowBit, bits + " (not implemented)", Integer.toString(value), "0");
    }

    private static String hex2(int v) {
        return String.format("0x%02X", v);
    }
}

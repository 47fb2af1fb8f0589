package dev.lockstep.fabric.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A Ternary Frame Descriptor, {@code tfmbs_tfd_t} (tfmbs.md 3.1): 40 bytes, little-endian, ending in
 * six reserved bytes and four bytes of struct padding that must all be 0. Unsigned C fields are held
 * in a Java type wide enough to keep their value (u32 as long); {@code baseAddr} holds the u64's bits.
 * A record that exists has fields that fit their C widths; whether the device accepts it is
 * {@link #validate(FabricShape)}.
 */
public record Tfd(long baseAddr, long frameLen, int packingFmt, int laneCount, long laneStride,
                  int flags, int execHints, int version, int tileMask) {
    public static final int SIZE = TfdField.SIZE;
    public static final int VERSION_1 = 0x01;

    public static final int PACK_PT5 = 1;
    public static final int PACK_T2B = 2;
    public static final int PACK_RAW = 3;

    public static final int FLAG_READ = 1;
    public static final int FLAG_WRITE = 1 << 1;
    public static final int FLAG_COHERENT = 1 << 2;
    public static final int FLAG_CRITICAL = 1 << 3;
    public static final int FLAG_PINNED = 1 << 4;
    /** Every flag bit the reference defines; the others are reserved. */
    public static final int FLAGS_DEFINED = 0x1F;

    private static final long U32 = 0xFFFF_FFFFL;

    public Tfd {
        requireWidth("frameLen", frameLen, U32);
        requireWidth("packingFmt", packingFmt, 0xFFFF);
        requireWidth("laneCount", laneCount, 0xFFFF);
        requireWidth("laneStride", laneStride, U32);
        requireWidth("version", version, 0xFF);
        requireWidth("tileMask", tileMask, 0xFF);
    }

    /** Parses exactly one descriptor: {@code bytes} must be 40 long and its reserved and padding bytes 0. */
    public static Tfd parse(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw wrongLength(bytes.length);
        }
        return read(ByteBuffer.wrap(bytes));
    }

    /** Parses and validates: what a device does with a submitted descriptor. */
    public static Tfd decode(byte[] bytes, FabricShape shape) {
        return parse(bytes).validate(shape);
    }

    /**
     * Reads one descriptor from the buffer's position and advances it by 40, little-endian whatever
     * the buffer's own order. Fewer than 40 bytes remaining is an error naming where they end.
     */
    public static Tfd read(ByteBuffer buf) {
        if (buf.remaining() < SIZE) {
            throw wrongLength(buf.remaining());
        }
        ByteBuffer b = buf.slice(buf.position(), SIZE).order(ByteOrder.LITTLE_ENDIAN);
        requireZero(b, TfdField.RESERVED);
        requireZero(b, TfdField.PADDING);
        Tfd t = new Tfd(
                b.getLong(TfdField.BASE_ADDR.offset()),
                b.getInt(TfdField.FRAME_LEN.offset()) & U32,
                b.getShort(TfdField.PACKING_FMT.offset()) & 0xFFFF,
                b.getShort(TfdField.LANE_COUNT.offset()) & 0xFFFF,
                b.getInt(TfdField.LANE_STRIDE.offset()) & U32,
                b.getInt(TfdField.FLAGS.offset()),
                b.getInt(TfdField.EXEC_HINTS.offset()),
                b.get(TfdField.VERSION.offset()) & 0xFF,
                b.get(TfdField.TILE_MASK.offset()) & 0xFF);
        buf.position(buf.position() + SIZE);
        return t;
    }

    /** Writes the 40 bytes at the buffer's position (reserved and padding bytes 0) and advances it by 40. */
    public void write(ByteBuffer buf) {
        ByteBuffer b = buf.slice(buf.position(), SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(TfdField.BASE_ADDR.offset(), baseAddr);
        b.putInt(TfdField.FRAME_LEN.offset(), (int) frameLen);
        b.putShort(TfdField.PACKING_FMT.offset(), (short) packingFmt);
        b.putShort(TfdField.LANE_COUNT.offset(), (short) laneCount);
        b.putInt(TfdField.LANE_STRIDE.offset(), (int) laneStride);
        b.putInt(TfdField.FLAGS.offset(), flags);
        b.putInt(TfdField.EXEC_HINTS.offset(), execHints);
        b.put(TfdField.VERSION.offset(), (byte) version);
        b.put(TfdField.TILE_MASK.offset(), (byte) tileMask);
        for (int i = TfdField.RESERVED.offset(); i < SIZE; i++) {
            b.put(i, (byte) 0);
        }
        buf.position(buf.position() + SIZE);
    }

    /** The 40 bytes of this descriptor. */
    public byte[] toBytes() {
        byte[] out = new byte[SIZE];
        write(ByteBuffer.wrap(out));
        return out;
    }

    public ExecHints hints() {
        return new ExecHints(execHints);
    }

    /** Returns this descriptor if the device accepts it on {@code shape}; see {@link TfdValidator}. */
    public Tfd validate(FabricShape shape) {
        TfdValidator.validate(this, shape);
        return this;
    }

    /** Unused bytes must be 0: they carry nothing, and a parse-write round trip must give the same bytes. */
    private static void requireZero(ByteBuffer b, TfdField f) {
        for (int i = 0; i < f.size(); i++) {
            int v = b.get(f.offset() + i) & 0xFF;
            if (v != 0) {
                throw new TfdException(DeviceStatus.ERR_PACK, f.cName() + "[" + i + "]", f.offset() + i,
                        String.format("0x%02X", v), "0");
            }
        }
    }

    private static TfdException wrongLength(int length) {
        // A short buffer ends at its length; a long one goes wrong at the first byte past the descriptor.
        return new TfdException(DeviceStatus.ERR_PACK, "descriptor", Math.min(length, SIZE),
                length + " bytes", "exactly " + SIZE + " bytes");
    }

    private static void requireWidth(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be 0.." + max + ", got " + value);
        }
    }
}

package dev.lockstep.cosim;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Direct access to one port of a live {@link VerilatedModel}: reads and writes go straight to the
 * model's memory, without a native call. Values are unsigned; bits above the width are masked off on
 * poke, because Verilator assumes inputs carry no bits beyond their declared width.
 *
 * <p>Ports wider than 64 bits are Verilator word arrays: use {@link #pokeWords} and {@link #peekWords}
 * (little-endian 64-bit words, word 0 holding bits 63..0, as {@code BitValue} does);
 * {@link #poke}/{@link #peek} then touch the low 64 bits.
 */
public final class Port {
    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final PortInfo info;
    private final MemorySegment memory;
    private final int bytes;
    private final int width;
    private final long mask;
    private final boolean writable;

    Port(PortInfo info, MemorySegment memory) {
        this.info = info;
        this.memory = memory;
        this.bytes = info.bytes();
        this.width = info.width();
        this.mask = width >= 64 ? -1L : (1L << width) - 1;
        this.writable = info.direction() != PortInfo.Direction.OUT;
    }

    public String name() {
        return info.name();
    }

    public int width() {
        return width;
    }

    public PortInfo info() {
        return info;
    }

    /** Writes an input; the model sees it at the next {@code eval()} or {@code tick()}. */
    public void poke(long value) {
        requireWritable();
        long v = value & mask;
        switch (bytes) {
            case 1 -> memory.set(U8, 0, (byte) v);
            case 2 -> memory.set(U16, 0, (short) v);
            case 4 -> memory.set(U32, 0, (int) v);
            case 8 -> memory.set(U64, 0, v);
            default -> {
                memory.set(U32, 0, (int) v);
                memory.set(U32, 4, (int) (v >>> 32));
                for (long off = 8; off < bytes; off += 4) {
                    memory.set(U32, off, 0);
                }
            }
        }
    }

    /** The current value (low 64 bits for a wide port), zero-extended. */
    public long peek() {
        return switch (bytes) {
            case 1 -> memory.get(U8, 0) & 0xFFL;
            case 2 -> memory.get(U16, 0) & 0xFFFFL;
            case 4 -> memory.get(U32, 0) & 0xFFFF_FFFFL;
            case 8 -> memory.get(U64, 0);
            default -> (memory.get(U32, 0) & 0xFFFF_FFFFL) | ((long) memory.get(U32, 4) << 32);
        };
    }

    /** Number of 64-bit words a value of this port occupies. */
    public int words() {
        return (width + 63) >>> 6;
    }

    /** Writes all bits of any port from little-endian 64-bit words ({@link #words()} of them). */
    public void pokeWords(long[] words) {
        requireWritable();
        if (words.length < words()) {
            throw new IllegalArgumentException("port " + name() + " is " + width + " bits: needs " + words()
                    + " words, got " + words.length);
        }
        if (bytes <= 8) {
            poke(words[0]);
            return;
        }
        int top = width & 31;
        for (int w32 = 0; w32 * 4 < bytes; w32++) {
            int v = (int) (words[w32 >>> 1] >>> ((w32 & 1) * 32));
            if ((w32 + 1) * 4 == bytes && top != 0) {
                v &= (1 << top) - 1;
            }
            memory.set(U32, w32 * 4L, v);
        }
    }

    /** Reads all bits into {@code dst} as little-endian 64-bit words; allocation-free. */
    public void peekWords(long[] dst) {
        if (bytes <= 8) {
            dst[0] = peek();
            return;
        }
        java.util.Arrays.fill(dst, 0, words(), 0L);
        for (int w32 = 0; w32 * 4 < bytes; w32++) {
            dst[w32 >>> 1] |= (memory.get(U32, w32 * 4L) & 0xFFFF_FFFFL) << ((w32 & 1) * 32);
        }
    }

    private void requireWritable() {
        if (!writable) {
            throw new CosimException("port " + name() + " is an output of the RTL; it cannot be poked");
        }
    }

    @Override
    public String toString() {
        return info.direction() + " " + name() + "[" + info.msb() + ":" + info.lsb() + "]";
    }
}

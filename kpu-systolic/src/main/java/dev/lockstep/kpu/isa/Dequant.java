package dev.lockstep.kpu.isa;

import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;

/**
 * What a {@link Op#BM_DEQUANT} expands: symmetric weight codes of {@code bits} (8, or 4 packed two per
 * byte, element 2i of a row in the low nibble, each row padded to a whole byte) with one fp16 scale
 * per {@code group} consecutive rows in each column; the block's first row is row {@code offset} of
 * its group, so block row r takes scale row (offset + r) / group of the block's scales
 * (docs/kpu-top.md, "Quantized weights"). As a weight format (a compiler parameter) offset is 0.
 */
public record Dequant(int bits, int group, int offset) {
    /** Bytes of one scale (fp16, little-endian). */
    public static final int SCALE_BYTES = 2;

    public Dequant {
        if (bits != 4 && bits != 8) {
            throw new ConfigException("bits", "value " + bits + " is not allowed, allowed 4, 8");
        }
        Check.range("group", group, 1, Integer.MAX_VALUE);
        Check.range("offset", offset, 0, group - 1);
    }

    /** A weight format: codes of {@code bits}, a scale per {@code group} rows, starting a group. */
    public Dequant(int bits, int group) {
        this(bits, group, 0);
    }

    /** The block of this format whose first row is row {@code k0} of the whole matrix. */
    public Dequant startingAt(long k0) {
        return new Dequant(bits, group, (int) (k0 % group));
    }

    /** Bytes one row of {@code cols} codes takes: cols for int8, ceil(cols / 2) for int4. */
    public long rowBytes(int cols) {
        return ((long) cols * bits + 7) / 8;
    }

    /** Bytes of a rows x cols code block. */
    public long codeBytes(int rows, int cols) {
        return rows * rowBytes(cols);
    }

    /** Scale rows a block of {@code rows} rows touches: ceil((offset + rows) / group). */
    public long scaleRows(int rows) {
        return ((long) offset + rows + group - 1) / group;
    }

    /** Bytes of the block's scales: {@link #scaleRows} x cols fp16. */
    public long scaleBytes(int rows, int cols) {
        return scaleRows(rows) * cols * SCALE_BYTES;
    }
}

package dev.lockstep.kpu.isa;

import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;

/**
 * What a {@link Op#BM_DEQUANT} expands: symmetric weight codes of {@code bits} (8, or 4 packed two per
 * byte, element 2i of a row in the low nibble, each row padded to a whole byte) with one fp16 scale
 * per {@code group} consecutive rows in each column (docs/kpu-top.md, "Quantized weights").
 */
public record Dequant(int bits, int group) {
    /** Bytes of one scale (fp16, little-endian). */
    public static final int SCALE_BYTES = 2;

    public Dequant {
        if (bits != 4 && bits != 8) {
            throw new ConfigException("bits", "value " + bits + " is not allowed, allowed 4, 8");
        }
        Check.range("group", group, 1, Integer.MAX_VALUE);
    }

    /** Bytes one row of {@code cols} codes takes: cols for int8, ceil(cols / 2) for int4. */
    public long rowBytes(int cols) {
        return ((long) cols * bits + 7) / 8;
    }

    /** Bytes of a rows x cols code block. */
    public long codeBytes(int rows, int cols) {
        return rows * rowBytes(cols);
    }

    /** Bytes of the block's scales: ceil(rows / group) x cols fp16. */
    public long scaleBytes(int rows, int cols) {
        return ((long) rows + group - 1) / group * cols * SCALE_BYTES;
    }
}

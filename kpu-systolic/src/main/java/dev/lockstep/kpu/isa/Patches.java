package dev.lockstep.kpu.isa;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;

/**
 * The convolution geometry a {@link Op#FEED_PATCHES} Streamer walks to form patch rows from an input
 * band held in L2, so the patch matrix never exists in memory.
 *
 * <p>The image is {@code h x w x channels} (one batch image, channels fastest). The band in L2 holds
 * image rows {@code row0 .. row0 + band_rows - 1}, each {@code src_pitch} elements after the one
 * before. Patch row {@code r} of the instruction is output pixel {@code pixel + r} of the image's
 * {@code oh x ow} outputs (row-major); its element {@code j} is patch element {@code kk = k0 + j},
 * ordered (dy, dx, channel) like a kh x kw x channels weight row: channel {@code kk mod channels},
 * dx {@code (kk / channels) mod kw}, dy {@code kk / (channels kw)}. It reads image row
 * {@code oy stride - pad + dy}, column {@code ox stride - pad + dx}; outside the image the element is
 * zero (padding, generated, not read).
 */
public record Patches(
        int h,
        int w,
        int channels,
        int kh,
        int kw,
        int stride,
        int pad,
        int row0,
        @JsonProperty("band_rows") int bandRows,
        int pixel,
        int k0) {

    public Patches {
        Check.range("h", h, 1, Integer.MAX_VALUE);
        Check.range("w", w, 1, Integer.MAX_VALUE);
        Check.range("channels", channels, 1, Integer.MAX_VALUE);
        Check.range("kh", kh, 1, Integer.MAX_VALUE);
        Check.range("kw", kw, 1, Integer.MAX_VALUE);
        Check.range("stride", stride, 1, Integer.MAX_VALUE);
        // a pad of kh or more would make whole patch rows padding: no convolution asks for it
        Check.range("pad", pad, 0, Math.min(kh, kw) - 1);
        if (h + 2L * pad < kh || w + 2L * pad < kw) {
            throw new ConfigException("kh", "kernel " + kh + "x" + kw + " is larger than the padded image "
                    + (h + 2L * pad) + "x" + (w + 2L * pad));
        }
        Check.range("row0", row0, 0, h - 1);
        Check.range("band_rows", bandRows, 1, h - row0);
        Check.range("pixel", pixel, 0, Integer.MAX_VALUE);
        Check.range("k0", k0, 0, Integer.MAX_VALUE);
    }

    public int oh() {
        return (h + 2 * pad - kh) / stride + 1;
    }

    public int ow() {
        return (w + 2 * pad - kw) / stride + 1;
    }

    /** Elements of one patch row in full: kh kw channels. */
    public long patchLength() {
        return (long) kh * kw * channels;
    }

    /**
     * Checks that {@code rows} patch rows of {@code cols} elements are inside the image's outputs and
     * the patch, and that every image row they read is in the band; {@code srcPitch} must hold an image
     * row. Fields are named as the instruction's ({@code rows}, {@code patches.band_rows}, ...).
     */
    void check(int rows, int cols, int srcPitch) {
        long pixels = (long) oh() * ow();
        if (pixel + (long) rows > pixels) {
            throw new ConfigException("rows", "value " + rows + " from patches.pixel " + pixel + " passes the image's "
                    + pixels + " output pixels (" + oh() + "x" + ow() + ")");
        }
        if (k0 + (long) cols > patchLength()) {
            throw new ConfigException("cols", "value " + cols + " from patches.k0 " + k0 + " passes the patch length "
                    + patchLength() + " (" + kh + "x" + kw + "x" + channels + ")");
        }
        if (srcPitch < (long) w * channels) {
            throw new ConfigException("src_pitch", "value " + srcPitch + " is shorter than an image row, allowed "
                    + (long) w * channels + ".." + Integer.MAX_VALUE);
        }
        int firstDy = (int) (k0 / ((long) channels * kw));
        int lastDy = (int) ((k0 + (long) cols - 1) / ((long) channels * kw));
        long top = Math.max(0, (long) (pixel / ow()) * stride - pad + firstDy);
        long bottom = Math.min(h - 1, (long) ((pixel + rows - 1) / ow()) * stride - pad + lastDy);
        if (top <= bottom && (top < row0 || bottom >= (long) row0 + bandRows)) {
            throw new ConfigException("patches.band_rows", "the band holds image rows " + row0 + ".." + (row0 + bandRows - 1)
                    + " but the patch rows read rows " + top + ".." + bottom);
        }
    }

    /**
     * L2 beats of {@code rows} patch rows of {@code cols} elements: the walk visits each contiguous run
     * (the channels of one input pixel inside the K slice); a run of {@code b} bytes read is one access
     * of {@code ceil(b / beatBytes)} beats, a padding run reads nothing.
     */
    public long l2Beats(int rows, int cols, int elem, long beatBytes) {
        long beats = 0;
        int ow = ow();
        long end = (long) k0 + cols;
        for (int r = 0; r < rows; r++) {
            int p = pixel + r;
            int oy = p / ow;
            int ox = p % ow;
            for (long kk = k0; kk < end; ) {
                long position = kk / channels;
                long runEnd = Math.min(end, (position + 1) * channels);
                if (inside(oy, ox, (int) (position / kw), (int) (position % kw))) {
                    beats += ((runEnd - kk) * elem + beatBytes - 1) / beatBytes;
                }
                kk = runEnd;
            }
        }
        return beats;
    }

    /** Elements really read from L2 (padding is generated): one-element beats of one-byte elements. */
    public long readElements(int rows, int cols) {
        return l2Beats(rows, cols, 1, 1);
    }

    /** Whether output pixel (oy, ox)'s tap (dy, dx) falls inside the image (else it is padding). */
    public boolean inside(int oy, int ox, int dy, int dx) {
        int iy = oy * stride - pad + dy;
        int ix = ox * stride - pad + dx;
        return iy >= 0 && iy < h && ix >= 0 && ix < w;
    }
}

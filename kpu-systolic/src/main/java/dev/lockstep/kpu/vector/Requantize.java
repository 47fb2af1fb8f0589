package dev.lockstep.kpu.vector;

/**
 * The drain path's requantizing stage for int8 programs: an fp32 result (act(acc + bias)) becomes the
 * next layer's int8 operand, q = saturate(round_half_even(v x scale)), one fp32 scale per layer. The
 * product is one fp32 multiply (one rounding), then rounded to the nearest integer, ties to even, and
 * clamped to [-128, 127]; NaN becomes 0. One more pipeline stage after the activation, one element a
 * lane a beat, so it adds a cycle of fill and no beats.
 */
public final class Requantize {
    /** Pipeline stages the multiply-round-saturate adds to the drain path's vector engine. */
    public static final int STAGES = 1;

    private Requantize() {
    }

    public static byte toInt8(float v, float scale) {
        float scaled = v * scale;
        if (Float.isNaN(scaled)) {
            return 0;
        }
        double rounded = Math.rint(scaled);
        return (byte) Math.max(-128, Math.min(127, rounded));
    }
}

package dev.lockstep.kpu.vector;

/**
 * Row-wise softmax, numerically stable: y = exp(x - max) / sum exp(x - max), so no exp overflows and
 * the largest term is exactly 1. Per row: a max pass, an exp-and-sum pass, one reciprocal, a scale
 * pass. exp and the reciprocal are modelled as fp32-accurate function units (java.lang.StrictMath
 * rounded to fp32, identical on every JVM) with the SFU's latency; the sums follow the engine's lane order.
 *
 * <p>Cycles per row of n: (B + depth + combine) + (B + depth + sfu + combine) + sfu + (B + depth)
 * = 3B + 3 depth + 2 combine + 2 sfu, B = ceil(n / W); rows run one after the other because each
 * pass needs the previous pass's reduction.
 */
public record Softmax() implements DrainOp {
    @Override
    public float[] apply(VectorEngine ve, float[] tile, int rows, int cols) {
        float[] out = new float[tile.length];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float m = ve.max(tile, off, cols);
            for (int c = 0; c < cols; c++) {
                out[off + c] = (float) StrictMath.exp(tile[off + c] - m);
            }
            float inv = 1f / ve.sum(out, off, cols);
            for (int c = 0; c < cols; c++) {
                out[off + c] *= inv;
            }
        }
        return out;
    }

    @Override
    public long cycles(VectorEngine ve, int rows, int cols) {
        long b = ve.beats(cols);
        long combine = ve.reduction().combineCycles(ve.width());
        return rows * (3 * b + 3L * ve.depth() + 2 * combine + 2L * ve.sfuDepth());
    }

    @Override
    public String name() {
        return "softmax";
    }
}

package dev.lockstep.kpu.vector;

/**
 * Row-wise RMS normalization, y = x / sqrt(mean(x^2) + eps) * gamma[col]; gamma may be null (1).
 *
 * <p>Cycles per row of n: sum-of-squares pass (B + depth + combine), rsqrt (sfu), scale pass
 * (B + depth) = 2B + 2 depth + combine + sfu.
 */
public record RmsNorm(float[] gamma, float eps) implements DrainOp {
    @Override
    public float[] apply(VectorEngine ve, float[] tile, int rows, int cols) {
        Norms.checkAffine(gamma, null, cols);
        float[] out = new float[tile.length];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float ms = ve.sumOfSquares(tile, off, cols) / cols;
            float rinv = (float) (1 / Math.sqrt(ms + eps));
            for (int c = 0; c < cols; c++) {
                float v = tile[off + c] * rinv;
                out[off + c] = gamma == null ? v : v * gamma[c];
            }
        }
        return out;
    }

    @Override
    public long cycles(VectorEngine ve, int rows, int cols) {
        long b = ve.beats(cols);
        return rows * (2 * b + 2L * ve.depth() + ve.reduction().combineCycles(ve.width()) + ve.sfuDepth());
    }

    @Override
    public String name() {
        return "rmsnorm";
    }
}

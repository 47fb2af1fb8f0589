package dev.lockstep.kpu.vector;

/**
 * Row-wise layer normalization, y = (x - mean) / sqrt(var + eps) * gamma[col] + beta[col], with the
 * variance taken in a second pass over (x - mean) rather than as E[x^2] - mean^2, which cancels
 * catastrophically in fp32 when the mean is large against the spread. gamma and beta may be null
 * (1 and 0). 1/sqrt is an fp32-accurate SFU operation.
 *
 * <p>Cycles per row of n: mean pass (B + depth + combine), variance pass (B + depth + combine),
 * rsqrt (sfu), normalize pass (B + depth) = 3B + 3 depth + 2 combine + sfu.
 */
public record LayerNorm(float[] gamma, float[] beta, float eps) implements DrainOp {
    @Override
    public float[] apply(VectorEngine ve, float[] tile, int rows, int cols) {
        Norms.checkAffine(gamma, beta, cols);
        float[] out = new float[tile.length];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float mean = ve.sum(tile, off, cols) / cols;
            for (int c = 0; c < cols; c++) {
                out[off + c] = tile[off + c] - mean;
            }
            float var = ve.sumOfSquares(out, off, cols) / cols;
            float rstd = (float) (1 / Math.sqrt(var + eps));
            for (int c = 0; c < cols; c++) {
                float v = out[off + c] * rstd;
                if (gamma != null) {
                    v *= gamma[c];
                }
                if (beta != null) {
                    v += beta[c];
                }
                out[off + c] = v;
            }
        }
        return out;
    }

    @Override
    public long cycles(VectorEngine ve, int rows, int cols) {
        long b = ve.beats(cols);
        long combine = ve.reduction().combineCycles(ve.width());
        return rows * (3 * b + 3L * ve.depth() + 2 * combine + ve.sfuDepth());
    }

    @Override
    public String name() {
        return "layernorm";
    }
}

package dev.lockstep.kpu.vector;

/**
 * y = act(scale * x + bias[col]) in one streaming pass: the MLP epilogue fused into the drain. scale
 * dequantizes an integer accumulator (1 for fp32 tiles); bias may be null (no bias). Cycles: one
 * elementwise pass, plus the SFU latency when the activation uses the table.
 */
public record BiasActivation(float scale, float[] bias, Lut lut) implements DrainOp {

    /** act(x + bias) with the reference table for act; bias may be null. */
    public static BiasActivation of(float[] bias, Activation act) {
        return new BiasActivation(1f, bias, Lut.of(act));
    }

    @Override
    public float[] apply(VectorEngine ve, float[] tile, int rows, int cols) {
        if (bias != null && bias.length != cols) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries for " + cols + " columns");
        }
        float[] out = new float[tile.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                float v = scale * tile[i];
                if (bias != null) {
                    v += bias[c];
                }
                out[i] = lut.eval(v);
            }
        }
        return out;
    }

    @Override
    public long cycles(VectorEngine ve, int rows, int cols) {
        return ve.elementwiseCycles(rows, cols, lut.activation().usesTable());
    }

    @Override
    public String name() {
        String act = lut.activation().lowerName();
        return bias == null ? act : "bias+" + act;
    }
}

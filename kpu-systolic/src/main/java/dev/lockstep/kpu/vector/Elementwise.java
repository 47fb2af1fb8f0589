package dev.lockstep.kpu.vector;

/**
 * Tile-by-tile ADD or MUL with another rows x cols tile (a residual add, a gate): one elementwise
 * pass, the second operand streaming in beside the first.
 */
public record Elementwise(Kind kind, float[] other) implements DrainOp {
    public enum Kind { ADD, MUL }

    @Override
    public float[] apply(VectorEngine ve, float[] tile, int rows, int cols) {
        if (other.length != tile.length) {
            throw new IllegalArgumentException("second operand has " + other.length + " elements for a " + rows + " x " + cols + " tile");
        }
        float[] out = new float[tile.length];
        for (int i = 0; i < tile.length; i++) {
            out[i] = kind == Kind.ADD ? tile[i] + other[i] : tile[i] * other[i];
        }
        return out;
    }

    @Override
    public long cycles(VectorEngine ve, int rows, int cols) {
        return ve.elementwiseCycles(rows, cols, false);
    }

    @Override
    public String name() {
        return kind == Kind.ADD ? "add" : "mul";
    }
}

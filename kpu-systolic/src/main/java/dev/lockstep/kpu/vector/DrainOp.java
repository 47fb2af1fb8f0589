package dev.lockstep.kpu.vector;

/**
 * One operation of the vector engine on a tile leaving the array: the tile is rows x cols, row-major,
 * fp32 (an int32 tile from an integer array is converted in the lanes' first stage, at no extra cycle).
 * Operations are immutable and never modify their input; rows are independent (softmax and the
 * norms work along a row).
 */
public sealed interface DrainOp permits BiasActivation, Elementwise, Softmax, LayerNorm, RmsNorm {

    /** The transformed tile, a new array. */
    float[] apply(VectorEngine ve, float[] tile, int rows, int cols);

    /** Vector-engine cycles for a rows x cols tile, from the first beat in to the last result out. */
    long cycles(VectorEngine ve, int rows, int cols);

    /** Short name for reports, e.g. "bias+gelu", "softmax". */
    String name();

    default DrainResult run(VectorEngine ve, float[] tile, int rows, int cols) {
        checkShape(tile.length, rows, cols);
        return new DrainResult(apply(ve, tile, rows, cols), cycles(ve, rows, cols));
    }

    /** The same on an int32 accumulator tile (int8 array output): converted to fp32, then as above. */
    default DrainResult runInt32(VectorEngine ve, int[] acc, int rows, int cols) {
        checkShape(acc.length, rows, cols);
        float[] f = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            f[i] = acc[i];
        }
        return new DrainResult(apply(ve, f, rows, cols), cycles(ve, rows, cols));
    }

    private static void checkShape(int length, int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols != length) {
            throw new IllegalArgumentException("tile of " + length + " elements is not " + rows + " x " + cols);
        }
    }
}

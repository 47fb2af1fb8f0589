package dev.lockstep.kpu.vector;

/** Shape checks shared by the norms' per-column affine parameters. */
final class Norms {
    private Norms() {}

    static void checkAffine(float[] gamma, float[] beta, int cols) {
        if ((gamma != null && gamma.length != cols) || (beta != null && beta.length != cols)) {
            throw new IllegalArgumentException("gamma/beta must have one entry per column (" + cols + ")");
        }
    }
}

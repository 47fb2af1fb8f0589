package dev.lockstep.kpu.vector;

/**
 * The vector engine on the array's drain path: {@code width} fp32 lanes, a {@code depth}-cycle
 * pipeline, an SFU whose table lookup adds {@code sfuDepth} cycles, and a lane {@link Reduction}.
 * It holds the cycle formulas every {@link DrainOp} is built from and the reductions in hardware
 * order; it has no state, so one instance serves any number of tiles.
 *
 * <p>Cycle model (docs/kpu-vector.md): a row of n elements takes B(n) = ceil(n / W) beats, one per
 * cycle. A pass with no dependence between rows streams rows back to back: rows B(n) + depth
 * (+ sfuDepth when it uses the table). A pass whose result feeds the next pass of the same row (a
 * reduction) must drain first: B(n) + depth + combine.
 */
public record VectorEngine(int width, int depth, int sfuDepth, Reduction reduction) {
    public VectorEngine {
        if (width < 1 || depth < 0 || sfuDepth < 0 || reduction == null) {
            throw new IllegalArgumentException("vector engine needs width >= 1, depth >= 0, sfuDepth >= 0 and a reduction, got "
                    + width + ", " + depth + ", " + sfuDepth + ", " + reduction);
        }
    }

    /** The reference's figures: 8 lanes, pipeline depth 3, SFU depth 2; tree reduction (ours). */
    public static VectorEngine reference() {
        return new VectorEngine(8, 3, 2, Reduction.TREE);
    }

    /** ceil(n / width): cycles to stream n elements through the lanes. */
    public long beats(int n) {
        return (n + (long) width - 1) / width;
    }

    /** One elementwise pass over a rows x cols tile: rows ceil(cols/W) + depth (+ sfuDepth). */
    public long elementwiseCycles(int rows, int cols, boolean usesTable) {
        return rows * beats(cols) + depth + (usesTable ? sfuDepth : 0);
    }

    /** One reduction pass over a row of n: beats, pipeline drain, lane combine. */
    public long reductionPassCycles(int n) {
        return beats(n) + depth + reduction.combineCycles(width);
    }

    /** Sum of a[off .. off+n) in this engine's order: lane l takes elements l, l+W, ...; then combine. */
    public float sum(float[] a, int off, int n) {
        float[] lanes = new float[Math.min(width, Math.max(n, 1))];
        for (int e = 0; e < n; e++) {
            lanes[e % width] += a[off + e];
        }
        return combine(lanes, false);
    }

    /** Sum of squares, same order as {@link #sum}: each square rounded to fp32, then added. */
    public float sumOfSquares(float[] a, int off, int n) {
        float[] lanes = new float[Math.min(width, Math.max(n, 1))];
        for (int e = 0; e < n; e++) {
            float v = a[off + e];
            lanes[e % width] += v * v;
        }
        return combine(lanes, false);
    }

    /** Maximum of a[off .. off+n), n >= 1. */
    public float max(float[] a, int off, int n) {
        float[] lanes = new float[Math.min(width, n)];
        java.util.Arrays.fill(lanes, Float.NEGATIVE_INFINITY);
        for (int e = 0; e < n; e++) {
            lanes[e % width] = Math.max(lanes[e % width], a[off + e]);
        }
        return combine(lanes, true);
    }

    private float combine(float[] lanes, boolean max) {
        int live = lanes.length;
        if (reduction == Reduction.SERIAL) {
            float acc = lanes[0];
            for (int l = 1; l < live; l++) {
                acc = max ? Math.max(acc, lanes[l]) : acc + lanes[l];
            }
            return acc;
        }
        // Tree level: lane i takes lanes 2i and 2i+1; an odd last lane passes through.
        while (live > 1) {
            int next = (live + 1) / 2;
            for (int i = 0; i < live / 2; i++) {
                lanes[i] = max ? Math.max(lanes[2 * i], lanes[2 * i + 1]) : lanes[2 * i] + lanes[2 * i + 1];
            }
            if ((live & 1) == 1) {
                lanes[next - 1] = lanes[live - 1];
            }
            live = next;
        }
        return lanes[0];
    }
}

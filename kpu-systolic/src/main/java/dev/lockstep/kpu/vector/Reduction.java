package dev.lockstep.kpu.vector;

/**
 * How the vector engine combines its lanes' partial results at the end of a row reduction (sum or
 * max): each lane first accumulates every W-th element of the row, one beat per cycle; then
 * TREE adds lane pairs level by level (ceil(log2 W) cycles, one adder level per cycle) and SERIAL
 * folds lanes 1..W-1 into lane 0 one per cycle (W - 1 cycles, one adder). The order also fixes the
 * fp32 result bit for bit.
 */
public enum Reduction {
    TREE,
    SERIAL;

    /** Cycles to combine {@code width} lane partials into one value. */
    public int combineCycles(int width) {
        return switch (this) {
            case TREE -> 32 - Integer.numberOfLeadingZeros(width - 1);
            case SERIAL -> width - 1;
        };
    }
}

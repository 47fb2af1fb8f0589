package dev.lockstep.memory.engine;

import dev.lockstep.memory.MemoryAccessException;

/**
 * A 2-D block move: a {@code rows x cols} block of {@code elementBytes}-byte elements at {@code
 * source} (rows {@code sourcePitch} elements apart) is written at {@code destination} (rows {@code
 * destinationPitch} elements apart) after the transform. The output shape is rows x cols (identity),
 * cols x rows (transpose) or {@code outRows x outCols} (reshape; other transforms ignore those two).
 */
public record BlockMove(long source, int rows, int cols, int elementBytes, int sourcePitch,
                        long destination, int destinationPitch, BlockTransform transform,
                        int outRows, int outCols) {

    public BlockMove {
        if (rows < 1 || cols < 1 || elementBytes < 1 || elementBytes > 8) {
            throw new MemoryAccessException("block move: shape " + rows + "x" + cols + " of " + elementBytes
                    + "-byte elements, allowed rows, cols >= 1 and elements of 1..8 bytes");
        }
        if (transform == null) {
            throw new MemoryAccessException("block move: transform missing");
        }
        if (transform == BlockTransform.IDENTITY) {
            outRows = rows;
            outCols = cols;
        } else if (transform == BlockTransform.TRANSPOSE) {
            outRows = cols;
            outCols = rows;
        } else if (outRows < 1 || outCols < 1 || (long) outRows * outCols != (long) rows * cols) {
            throw new MemoryAccessException("block move: reshape " + rows + "x" + cols + " to " + outRows + "x" + outCols
                    + " changes the element count " + (long) rows * cols);
        }
        if (sourcePitch < cols) {
            throw new MemoryAccessException("block move: source pitch " + sourcePitch + " is less than the " + cols + " columns");
        }
        if (destinationPitch < outCols) {
            throw new MemoryAccessException("block move: destination pitch " + destinationPitch
                    + " is less than the " + outCols + " output columns");
        }
    }

    /** A move with no reshape. */
    public static BlockMove of(long source, int rows, int cols, int elementBytes, int sourcePitch,
                               long destination, int destinationPitch, BlockTransform transform) {
        return new BlockMove(source, rows, cols, elementBytes, sourcePitch, destination, destinationPitch, transform, 0, 0);
    }

    public long bytes() {
        return (long) rows * cols * elementBytes;
    }

    /** Bytes from the source address to one past the last source element. */
    public long sourceSpan() {
        return ((long) (rows - 1) * sourcePitch + cols) * elementBytes;
    }

    /** Bytes from the destination address to one past the last destination element. */
    public long destinationSpan() {
        return ((long) (outRows - 1) * destinationPitch + outCols) * elementBytes;
    }
}

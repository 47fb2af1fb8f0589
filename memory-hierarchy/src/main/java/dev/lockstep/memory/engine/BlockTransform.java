package dev.lockstep.memory.engine;

/** What a BlockMover does to a block's layout on the way from L3 to L2. */
public enum BlockTransform {
    /** Element (r, c) lands at (r, c). */
    IDENTITY,
    /** Element (r, c) lands at (c, r): a rows x cols block becomes cols x rows. */
    TRANSPOSE,
    /** Row-major order is kept and the block is re-cut into the move's output rows x output cols. */
    RESHAPE
}

package dev.lockstep.kpu.isa;

/**
 * The data-movement and compute operations of a KPU program (docs/kpu-top.md, "ISA"). Each names the
 * unit whose in-order queue it waits in: DMA engine, BlockMover, Streamer, compute tile, the tile's
 * drain path, or the control unit.
 */
public enum Op {
    /** external/host -> L3, a 2-D block row by row (DMA engine {@code engine}). */
    DMA_LOAD(Unit.DMA),
    /** L3 -> external/host. */
    DMA_STORE(Unit.DMA),
    /** L3 -> L2 block move (BlockMover {@code engine}). */
    BM_MOVE(Unit.BM),
    /** L3 -> L2 block move that transposes. */
    BM_TRANSPOSE(Unit.BM),
    /**
     * L3 -> L2 block move that expands packed weight codes ({@code src}) and their group scales
     * ({@code src2}) into the operand-width tile the array multiplies ({@link Dequant}).
     */
    BM_DEQUANT(Unit.BM),
    /** L2 -> L1 staging buffer at the array's west edge: one lane per row (Streamer {@code engine}). */
    FEED_ROWS(Unit.STR),
    /** L2 -> L1 staging buffer at the north edge: one lane per column. */
    FEED_COLS(Unit.STR),
    /**
     * L2 -> L1 west staging buffer like FEED_ROWS, but the Streamer generates the addresses: each row
     * is one conv patch gathered from an input band in L2 ({@link Patches}), padding as zeros.
     */
    FEED_PATCHES(Unit.STR),
    /** C (+)= A x B on compute tile {@code engine}, operands and accumulators in L1. */
    COMPUTE(Unit.TILE),
    /** Accumulators (L1) -> L3 through the tile's drain path, with an optional epilogue. */
    DRAIN(Unit.DRAIN),
    /** Waits until every earlier instruction has completed; later ones wait for it. */
    BARRIER(Unit.CTRL),
    /** Completes when every earlier instruction of queue {@code unit}.{@code engine} has completed. */
    SIGNAL(Unit.CTRL),
    /** Holds queue {@code unit}.{@code engine} until the latest earlier SIGNAL with the same flag has completed. */
    WAIT(Unit.CTRL);

    /** The kinds of queue. */
    public enum Unit { DMA, BM, STR, TILE, DRAIN, CTRL }

    private final Unit unit;

    Op(Unit unit) {
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }
}

package dev.lockstep.kpu.graph;

/**
 * How a conv2d reaches the array. Both compute the same M x N x K product (M = n oh ow, N = cout,
 * K = kh kw cin); they differ in what crosses the chip boundary and in the program that runs.
 * <ul>
 * <li>IM2COL: a lowering pass reads the input and writes the (n oh ow) x (kh kw cin) patch matrix to
 *     external memory, the matmul reads it back: kh kw / stride^2 times the input's bytes, twice, for
 *     a plain matmul program.</li>
 * <li>DIRECT: its own program ({@code ConvCompiler.compileDirect}): bands of input rows with their
 *     (kh - stride)-row halo go once through DMA and BlockMover into L2, and the Streamer forms the
 *     patch rows there ({@code FEED_PATCHES}), so the patch matrix never exists in memory and the
 *     input crosses the chip boundary once plus the halo re-reads. Its cycles and bytes come from
 *     running that program.</li>
 * </ul>
 */
public enum ConvLowering {
    IM2COL, DIRECT
}

package dev.lockstep.kpu.graph;

/**
 * How a conv2d reaches the array. Both run the same M x N x K matmul on the array; they differ in
 * what crosses the chip boundary.
 * <ul>
 * <li>IM2COL: a lowering pass reads the input and writes the (n oh ow) x (kh kw cin) patch matrix to
 *     external memory, the matmul reads it back: kh kw / stride^2 times the input's bytes, twice, for
 *     a plain matmul program.</li>
 * <li>DIRECT: the Streamers form the patches from an input tile held on chip, so the input crosses
 *     once; the price is address generation in the Streamer and a halo of (kh - 1) rows kept per
 *     tile. Timed here with the same matmul program, whose A loads are the patch matrix's: the
 *     cycles are an upper bound for the direct variant.</li>
 * </ul>
 */
public enum ConvLowering {
    IM2COL, DIRECT
}

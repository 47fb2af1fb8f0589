package dev.lockstep.kpu.scalesim;

/**
 * One layer of a SCALE-Sim topology, as a convolution (a GEMM layer is held as the 1 x K convolution
 * SCALE-Sim turns it into). Dimensions are validated by {@link TopologyReader}.
 */
public record TopologyLayer(
        String name,
        long ifmapHeight,
        long ifmapWidth,
        long filterHeight,
        long filterWidth,
        long channels,
        long numFilters,
        long strideHeight,
        long strideWidth) {

    /**
     * A GEMM layer {@code M, N, K}: SCALE-Sim v2 reads it as an M x K ifmap, a 1 x K filter with one channel,
     * N filters and stride 1, whose lowering gives back M output pixels, N filters and a K-wide window.
     */
    public static TopologyLayer gemm(String name, long m, long n, long k) {
        return new TopologyLayer(name, m, k, 1, k, 1, n, 1, 1);
    }

    /** ceil((H - R + stride) / stride): the valid-convolution output height, no padding. */
    public long ofmapHeight() {
        return ceilDiv(ifmapHeight - filterHeight + strideHeight, strideHeight);
    }

    /** ceil((W - S + stride) / stride). */
    public long ofmapWidth() {
        return ceilDiv(ifmapWidth - filterWidth + strideWidth, strideWidth);
    }

    /** GEMM rows: output pixels of one filter. */
    public long m() {
        return Math.multiplyExact(ofmapHeight(), ofmapWidth());
    }

    /** GEMM columns: number of filters. */
    public long n() {
        return numFilters;
    }

    /** GEMM reduction: the filter window R * S * C. */
    public long k() {
        return Math.multiplyExact(Math.multiplyExact(filterHeight, filterWidth), channels);
    }

    /** Multiply-accumulates of the layer, M * N * K. */
    public long macs() {
        return Math.multiplyExact(Math.multiplyExact(m(), n()), k());
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}

package dev.lockstep.kpu.compiler;

import dev.lockstep.kpu.graph.ConvShape;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Patches;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.sim.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compiles a direct convolution: the im2col matmul (M = n oh ow output pixels, N = cout, K = kh kw
 * cin) without the patch matrix. Layout in external memory, each 64-byte aligned from the external
 * base: the input (n x h x w x cin, channels fastest), the weights (K x cout, rows ordered dy, dx,
 * channel), the output (M x cout accumulators), then the bias (cout accumulators) when an epilogue
 * is fused.
 *
 * <p>The input goes in bands of {@code bandOutputRows} output rows of one image: the image rows they
 * read, {@code (bandOutputRows - 1) stride + kh} with the top and bottom padding clipped, are loaded
 * by one DMA into L3 and moved by a BlockMover to L2; consecutive bands re-read the {@code kh - stride}
 * rows they share (the halo). Inside a band, M tiles of {@code ti} pixels run like the matmul
 * program (loop order ti, tj, tk, two buffers at every level when they fit), except that the A tile
 * is a {@code FEED_PATCHES} straight from the band in L2 into L1. B tiles are reloaded for every M
 * tile unless one B tile is all of B (kt = nt = 1), which then stays in L1 for the whole program.
 * The tiling (band rows, ti, tj, tk) is the fastest the cost model predicts among those that fit,
 * ties to fewer external bytes. One compute tile (tile 0, Streamers 0 and 1).
 */
public final class ConvCompiler {
    private final KpuConfig config;
    private final HierarchyConfig h;
    private final CostRates rates;
    private final ConvShape s;
    private final DType dtype;
    private final Activation activation;
    private final int e;
    private final int acc;
    private final int oh;
    private final int ow;
    private final int rowElems;
    private final int k;
    private final int n;

    /** The program, its tiling (ti, tj, tk and the cost model's figures) and the band height in output rows. */
    public record Compiled(Program program, Tiling tiling, int bandOutputRows) {
    }

    private ConvCompiler(KpuConfig config, ConvShape shape, DType dtype, Activation activation) {
        if (shape.pad() >= Math.min(shape.kh(), shape.kw())) {
            // with pad >= kh some output rows would read only padding: no band to load for them
            throw new ConfigException("pad", "a direct conv2d needs pad < kh and kw, got pad " + shape.pad() + " for a "
                    + shape.kh() + "x" + shape.kw() + " kernel (use im2col)");
        }
        this.config = config;
        this.h = config.hierarchy();
        this.rates = new CostRates(h);
        this.s = shape;
        this.dtype = dtype;
        this.activation = activation;
        this.e = (dtype.operandBits() + 7) / 8;
        this.acc = dtype.accBits() / 8;
        this.oh = shape.oh();
        this.ow = shape.ow();
        this.rowElems = Math.multiplyExact(shape.w(), shape.cin());
        this.k = Math.toIntExact(shape.k());
        this.n = shape.cout();
    }

    /** A direct conv with no epilogue (raw accumulators out). */
    public static Compiled compileDirect(KpuConfig config, ConvShape shape, DType dtype) {
        return compileDirect(config, shape, dtype, null);
    }

    /** With bias add and {@code act} fused into every drain ({@code act} null: no epilogue, no bias). */
    public static Compiled compileDirect(KpuConfig config, ConvShape shape, DType dtype, Activation act) {
        ConvCompiler c = new ConvCompiler(config, shape, dtype, act);
        Choice best = c.choose();
        return new Compiled(c.generate(best.bandOutputRows, best.tiling), best.tiling, best.bandOutputRows);
    }

    /** With a fixed band height and tile sizes; an error if they do not fit L3, L2 and L1. */
    public static Compiled compileDirect(KpuConfig config, ConvShape shape, DType dtype, Activation act,
            int bandOutputRows, int ti, int tj, int tk) {
        ConvCompiler c = new ConvCompiler(config, shape, dtype, act);
        if (bandOutputRows < 1 || bandOutputRows > c.oh || ti < 1 || tj < 1 || tk < 1) {
            throw new ConfigException("tiling", "band of " + bandOutputRows + " output rows (1.." + c.oh + ") and tiles "
                    + ti + "x" + tj + "x" + tk + " (each >= 1)");
        }
        Tiling t = c.cost(bandOutputRows, ti, tj, tk);
        if (t == null) {
            throw new ConfigException("tiling", "band of " + bandOutputRows + " output rows and tiles " + ti + "x" + tj + "x" + tk
                    + " do not fit L3, L2 and L1");
        }
        return new Compiled(c.generate(bandOutputRows, t), t, bandOutputRows);
    }

    /** Where the input, the weights, the output and the bias start in external memory. */
    public static long[] operandAddresses(KpuConfig config, ConvShape shape, DType dtype) {
        int e = (dtype.operandBits() + 7) / 8;
        int acc = dtype.accBits() / 8;
        long in = config.hierarchy().external().base();
        long w = MatmulCompiler.align(in + (long) shape.n() * shape.h() * shape.w() * shape.cin() * e);
        long out = MatmulCompiler.align(w + shape.k() * shape.cout() * e);
        long bias = MatmulCompiler.align(out + shape.m() * shape.cout() * acc);
        return new long[] {in, w, out, bias};
    }

    private record Choice(int bandOutputRows, Tiling tiling) {
    }

    private Choice choose() {
        Choice best = null;
        for (int bo : bandCandidates()) {
            for (int ti : tileCandidates(bo)) {
                for (int tj : MatmulCompiler.candidates(n, config.cols())) {
                    for (int tk : MatmulCompiler.candidates(k, config.rows())) {
                        Tiling t = cost(bo, ti, tj, tk);
                        if (t != null && (best == null || better(t, best.tiling))) {
                            best = new Choice(bo, t);
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new ConfigException("l2", "not even a band of one output row (" + bandRows(0, 1) + " image rows of "
                    + (long) rowElems * e + " bytes) with one " + config.rows() + "x" + config.cols() + " tile fits L3, L2 and L1 of "
                    + config.name());
        }
        return best;
    }

    private static boolean better(Tiling a, Tiling b) {
        if (a.estimatedCycles() != b.estimatedCycles()) {
            return a.estimatedCycles() < b.estimatedCycles();
        }
        return a.externalBytes() < b.externalBytes();
    }

    /**
     * The matmul's M tile candidates over a band's pixels, plus whole output rows (r ow rounded up to
     * the array, r = 1, 2, 4, .. < bo): a tile of whole rows leaves no partial tile in a band, so a
     * taller band (less halo) need not cost compute.
     */
    private List<Integer> tileCandidates(int bo) {
        TreeSet<Integer> out = new TreeSet<>(MatmulCompiler.candidates(bo * ow, config.rows()));
        for (int r = 1; r < bo; r *= 2) {
            out.add((int) MatmulCompiler.ceilDiv((long) r * ow, config.rows()) * config.rows());
        }
        return List.copyOf(out);
    }

    /** 1, 2, 4, ... output rows per band, and all of them. */
    private List<Integer> bandCandidates() {
        List<Integer> out = new ArrayList<>();
        for (int bo = 1; bo < oh; bo *= 2) {
            out.add(bo);
        }
        out.add(oh);
        return out;
    }

    /** The first image row a band starting at output row {@code oy0} reads (its top padding clipped). */
    private int firstRow(int oy0) {
        return Math.max(0, oy0 * s.stride() - s.pad());
    }

    /** Image rows of the band of {@code rowsOut} output rows from {@code oy0}, padding clipped. */
    private int bandRows(int oy0, int rowsOut) {
        int last = Math.min(s.h() - 1, (oy0 + rowsOut - 1) * s.stride() - s.pad() + s.kh() - 1);
        return last - firstRow(oy0) + 1;
    }

    /** The most image rows any band of {@code bo} output rows holds. */
    private int maxBandRows(int bo) {
        int most = 0;
        for (int oy0 = 0; oy0 < oh; oy0 += bo) {
            most = Math.max(most, bandRows(oy0, Math.min(bo, oh - oy0)));
        }
        return most;
    }

    private record Layout(long[] l3band, long[] l2band, long[] l3b, long[] l2b, long[] l3c, long[] l1a, long[] l1b, long[] l1c,
            long l3bias) {
    }

    private Layout layout(int bo, int ti, int tj, int tk, int buffers) {
        long band = (long) maxBandRows(bo) * rowElems * e;
        long aBytes = (long) ti * tk * e;
        long bBytes = (long) tk * tj * e;
        long cBytes = (long) ti * tj * acc;
        BufferAllocator l3 = new BufferAllocator(h.l3());
        BufferAllocator l2 = new BufferAllocator(h.l2());
        BufferAllocator l1 = new BufferAllocator(h.l1());
        long[][] slots = new long[8][buffers];
        for (int b = 0; b < buffers; b++) {
            slots[0][b] = l3.place(band);
            slots[1][b] = l2.place(band);
            slots[2][b] = l3.place(bBytes);
            slots[3][b] = l2.place(bBytes);
            slots[4][b] = l3.place(cBytes);
            slots[5][b] = l1.place(aBytes);
            slots[6][b] = l1.place(bBytes);
            slots[7][b] = l1.place(cBytes);
        }
        if (!BufferAllocator.allPlaced(slots)) {
            return null;
        }
        long bias = activation != null ? l3.place((long) n * acc) : 0;
        return bias < 0 ? null
                : new Layout(slots[0], slots[1], slots[2], slots[3], slots[4], slots[5], slots[6], slots[7], bias);
    }

    /**
     * The cost model (array cycles), the matmul compiler's with the band loads in place of the A
     * loads and the patch feed in place of the A feed: external bytes = the bands (input + halo) + B
     * (once, or per M tile) + output (+ bias); compute, feed and drain summed over the steps; the
     * estimate is the largest term with two buffers, their sum with one. Null when nothing fits.
     */
    Tiling cost(int bo, int ti, int tj, int tk) {
        int buffers = layout(bo, ti, tj, tk, 2) != null ? 2 : layout(bo, ti, tj, tk, 1) != null ? 1 : 0;
        if (buffers == 0) {
            return null;
        }
        long nt = MatmulCompiler.ceilDiv(n, tj);
        long kt = MatmulCompiler.ceilDiv(k, tk);
        boolean bResident = kt == 1 && nt == 1;
        int lanes = h.streamer().lanes();
        long[][] ns = MatmulCompiler.sizes(n, tj);
        long[][] ks = MatmulCompiler.sizes(k, tk);
        long bandBytes = 0;
        long bands = 0;
        long mTiles = 0;
        long compute = 0;
        long feedA = 0;
        long feedB = 0;
        long drain = 0;
        long stores = 0;
        // bands of the same output-row count differ only in their padding clipping, which changes
        // the bytes loaded, not the steps: the steps are costed once per band size
        long fullBands = oh / bo;
        int[] bandSizes = oh % bo == 0 ? new int[] {bo} : new int[] {bo, oh % bo};
        for (int oy0 = 0; oy0 < oh; oy0 += bo) {
            bandBytes += (long) bandRows(oy0, Math.min(bo, oh - oy0)) * rowElems * e;
            bands++;
        }
        for (int rowsOut : bandSizes) {
            long count = (long) s.n() * (rowsOut == bo ? fullBands : 1);
            for (long[] mi : MatmulCompiler.sizes(rowsOut * ow, ti)) {
                long tiles = count * mi[1];
                mTiles += tiles;
                for (long[] kq : ks) {
                    long patch = patchFeed(mi[0], kq[0], lanes);
                    // A is fed once per M tile and k-step when kt = 1 (it stays across tj), else every step
                    feedA += tiles * kq[1] * (kt == 1 ? 1 : nt) * patch;
                    for (long[] nj : ns) {
                        long steps = tiles * nj[1] * kq[1];
                        compute += steps * new FoldPlan(config.rows(), config.cols(), Dataflow.OS, Overlap.NATIVE,
                                (int) mi[0], (int) nj[0], (int) kq[0]).cycles();
                        feedB += bResident ? 0 : steps * MatmulCompiler.wavefront(nj[0], kq[0], lanes);
                    }
                }
                for (long[] nj : ns) {
                    drain += tiles * nj[1] * (MatmulCompiler.wavefront(mi[0], nj[0], lanes)
                            + (activation != null ? Instruction.epilogueCycles((int) mi[0], (int) nj[0], activation) : 0));
                    stores += tiles * nj[1];
                }
            }
        }
        bandBytes *= s.n();
        bands *= s.n();
        if (bResident) {
            feedB = MatmulCompiler.wavefront(n, k, lanes);
        }
        long input = (long) s.n() * s.h() * rowElems * e;
        long weights = (long) k * n * e;
        long output = s.m() * n * acc;
        long bias = activation != null ? (long) n * acc : 0;
        long bMoved = bResident ? weights : weights * mTiles;
        long bTransfers = bResident ? 1 : mTiles * nt * kt;
        long external = bandBytes + bMoved + output + bias;
        long externalCycles = rates.externalCycles(external, rates.chainedTransfers(bands, bTransfers, stores));
        long moverCycles = rates.moverCycles(bandBytes + bMoved);
        long feed = Math.max(feedA, feedB);
        long estimate = CostRates.estimate(buffers, compute, feed, externalCycles, moverCycles, drain);
        return new Tiling(ti, tj, tk, buffers, external, input + weights + output + bias, compute, externalCycles, moverCycles,
                feed, drain, estimate);
    }

    /**
     * A patch feed of {@code rows} x {@code cols} in array cycles, as TileTiming times it without the
     * latency and the padding: the wavefront, or the L2 beats of ceil(cols / cin) channel runs a row.
     */
    private long patchFeed(long rows, long cols, int lanes) {
        long run = Math.min(s.cin(), cols);
        long beatsPerRun = MatmulCompiler.ceilDiv(run * e, h.l2().bytesPerCycle());
        long beats = rows * MatmulCompiler.ceilDiv(cols, s.cin()) * beatsPerRun;
        long portPs = MatmulCompiler.ceilDiv(beats, h.l2().ports()) * rates.period(h.l2().clock());
        return Math.max(MatmulCompiler.wavefront(rows, cols, lanes), MatmulCompiler.ceilDiv(portPs, rates.arrayPs));
    }

    /** DMA of band {@code band}'s image rows (contiguous in the input) into its L3 slot. */
    private Instruction loadBand(int band, int bo, Layout l, long[] at, int dma) {
        int perImage = (int) MatmulCompiler.ceilDiv(oh, bo);
        int img = band / perImage;
        int oy0 = band % perImage * bo;
        int rows = bandRows(oy0, Math.min(bo, oh - oy0));
        long src = at[0] + ((long) img * s.h() + firstRow(oy0)) * rowElems * e;
        return Instruction.block(Op.DMA_LOAD, dma, src, l.l3band()[band % l.l3band().length], rows, rowElems, e, rowElems, rowElems);
    }

    /** BlockMover 0 moves band {@code band} from its L3 slot to its L2 slot. */
    private Instruction moveBand(int band, int bo, Layout l) {
        int perImage = (int) MatmulCompiler.ceilDiv(oh, bo);
        int oy0 = band % perImage * bo;
        int rows = bandRows(oy0, Math.min(bo, oh - oy0));
        int slot = band % l.l3band().length;
        return Instruction.block(Op.BM_MOVE, 0, l.l3band()[slot], l.l2band()[slot], rows, rowElems, e, rowElems, rowElems);
    }

    private Program generate(int bo, Tiling t) {
        Layout l = layout(bo, t.ti(), t.tj(), t.tk(), t.buffers());
        int nb = t.buffers();
        long[] at = operandAddresses(config, s, dtype);
        int dmas = h.dma().count();
        int bms = h.blockMover().count();
        int strs = h.streamer().count();
        long nt = MatmulCompiler.ceilDiv(n, t.tj());
        long kt = MatmulCompiler.ceilDiv(k, t.tk());
        List<Instruction> out = new ArrayList<>();
        List<Instruction> pendingStore = new ArrayList<>();
        if (activation != null) {
            out.add(Instruction.block(Op.DMA_LOAD, 0, at[3], l.l3bias(), 1, n, acc, n, n));
        }
        long dmaTurn = 0;
        long aCount = 0;
        long bCount = 0;
        long cCount = 0;
        long lastA = -1;
        long lastB = -1;
        long mTile = 0;
        int sA = 0;
        int sB = 0;
        int perImage = (int) MatmulCompiler.ceilDiv(oh, bo);
        int bands = s.n() * perImage;
        for (int band = 0; band < bands; band++) {
            int img = band / perImage;
            int oy0 = band % perImage * bo;
            int rowsOut = Math.min(bo, oh - oy0);
            int row0 = firstRow(oy0);
            int rows = bandRows(oy0, rowsOut);
            int sBand = band % nb;
            if (band == 0 || nb == 1) {
                out.add(loadBand(band, bo, l, at, (int) (dmaTurn++ % dmas)));
                out.add(moveBand(band, bo, l));
            }
            int pixels = rowsOut * ow;
            for (int start = 0; start < pixels; start += t.ti(), mTile++) {
                int mi = Math.min(t.ti(), pixels - start);
                int pixel = oy0 * ow + start;
                for (long j = 0; j < nt; j++) {
                    int nj = (int) Math.min(t.tj(), n - j * t.tj());
                    int sC = (int) (cCount++ % nb);
                    for (long q = 0; q < kt; q++) {
                        int kq = (int) Math.min(t.tk(), k - q * t.tk());
                        long keyA = mTile * kt + q;
                        if (keyA != lastA) {
                            sA = (int) (aCount++ % nb);
                            Patches p = new Patches(s.h(), s.w(), s.cin(), s.kh(), s.kw(), s.stride(), s.pad(), row0, rows,
                                    pixel, (int) (q * t.tk()));
                            out.add(Instruction.feedPatches(0, l.l2band()[sBand], l.l1a()[sA], mi, kq, e, rowElems, p));
                            lastA = keyA;
                        }
                        long keyB = q * nt + j;
                        if (keyB != lastB) {
                            sB = (int) (bCount++ % nb);
                            long w = at[1] + (q * t.tk() * n + j * t.tj()) * e;
                            out.add(Instruction.block(Op.DMA_LOAD, (int) (dmaTurn++ % dmas), w, l.l3b()[sB], kq, nj, e, n, nj));
                            out.add(Instruction.block(Op.BM_MOVE, 1 % bms, l.l3b()[sB], l.l2b()[sB], kq, nj, e, nj, nj));
                            out.add(Instruction.block(Op.FEED_COLS, 1 % strs, l.l2b()[sB], l.l1b()[sB], kq, nj, e, nj, nj));
                            lastB = keyB;
                        }
                        if (q == 0) {
                            while (pendingStore.size() > 1) {
                                out.add(pendingStore.remove(0));
                            }
                        }
                        out.add(Instruction.compute(0, l.l1a()[sA], l.l1b()[sB], l.l1c()[sC], mi, nj, kq, e, q > 0));
                    }
                    out.add(activation != null
                            ? Instruction.drainWithBias(0, l.l1c()[sC], l.l3c()[sC], mi, nj, acc, l.l3bias() + j * t.tj() * acc, activation)
                            : Instruction.block(Op.DRAIN, 0, l.l1c()[sC], l.l3c()[sC], mi, nj, acc, nj, nj));
                    long dst = at[2] + (((long) img * oh * ow + pixel) * n + j * t.tj()) * acc;
                    pendingStore.add(Instruction.block(Op.DMA_STORE, (int) (dmaTurn++ % dmas), l.l3c()[sC], dst, mi, nj, acc, nj, n));
                }
                if (start == 0 && nb == 2 && band + 1 < bands) {
                    // the next band into the other slot while this one computes: emitted before the next
                    // band's tiles, the in-order DMA queue would reach it only behind this band's stores,
                    // which wait for its drains, so a band whose last tile computes quickly would stall
                    out.add(loadBand(band + 1, bo, l, at, (int) (dmaTurn++ % dmas)));
                    out.add(moveBand(band + 1, bo, l));
                }
            }
        }
        out.addAll(pendingStore);
        String name = "conv_direct_" + s.n() + "x" + s.h() + "x" + s.w() + "x" + s.cin() + "_" + n + "_" + s.kh() + "x" + s.kw()
                + "s" + s.stride() + "p" + s.pad() + (activation != null ? "_bias_" + activation.lowerName() : "") + "_" + dtype.lowerName();
        return Program.of(name, dtype.lowerName(), Math.toIntExact(s.m()), n, k, out);
    }
}

package dev.lockstep.kpu.compiler;

import dev.lockstep.kpu.isa.Dequant;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.sim.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles C = A x B (A M x K, B K x N, row-major in external memory: A, then B, then C) into a
 * program for the configured compute tiles (C tiles round robin, each compute tile with its own
 * buffers at every level), output-stationary. The tiling (Ti, Tj, Tk) is the one the cost model
 * (docs/kpu-top.md, "Compiler") predicts fastest among those whose buffers fit L3, L2 and L1; with
 * two buffers per tile at every level loads overlap compute, with one they cannot.
 *
 * <p>Loop order ti, tj, tk. A tile is loaded again unless it is the tile its slot already holds: A
 * stays when kt = 1 (one A tile per ti), B when kt = nt = 1. The store of a C tile is emitted after
 * the first loads of the C tile after next, so a DMA engine shared by loads and stores does not
 * wait for a drain while it could be loading (its C buffer is reused only by that tile's drain).
 */
public final class MatmulCompiler {
    private final KpuConfig config;
    private final HierarchyConfig h;
    private final CostRates rates;
    private final int m;
    private final int n;
    private final int k;
    private final DType dtype;
    private final int e;
    private final int acc;
    private final boolean mlp;
    private final Activation activation;
    /** A already in L3 (row-major, pitch K: no A loads) / C kept in L3 (pitch N: no C stores). */
    private final boolean aInL3;
    private final boolean cInL3;
    /** Weight (B) format: null for operand-width B; else packed codes + scales, expanded by BM_DEQUANT. */
    private final Dequant weights;
    /**
     * Quantized weights on the int8 array: the codes are the operands, and every weight group's int32
     * partial sums are drained through scale_acc into the fp32 C tile in L3 (so no k-step straddles a
     * group, and C's accumulators restart at each group).
     */
    private final boolean groupDrains;
    /**
     * Requantizing drains (int8, resident C with a bias epilogue): the layer's fp32 scale, and C is kept
     * in L3 as int8 operands, one byte an element, the width the next matmul reads it at; null: C at
     * the accumulator width.
     */
    private final Float requant;

    public record Compiled(Program program, Tiling tiling) {
    }

    private MatmulCompiler(KpuConfig config, int m, int n, int k, DType dtype, boolean mlp) {
        this(config, m, n, k, dtype, mlp, Activation.RELU, false, false);
    }

    private MatmulCompiler(KpuConfig config, int m, int n, int k, DType dtype, boolean mlp, Activation activation,
            boolean aInL3, boolean cInL3) {
        this(config, m, n, k, dtype, mlp, activation, aInL3, cInL3, null);
    }

    private MatmulCompiler(KpuConfig config, int m, int n, int k, DType dtype, boolean mlp, Activation activation,
            boolean aInL3, boolean cInL3, Dequant weights) {
        this(config, m, n, k, dtype, mlp, activation, aInL3, cInL3, weights, null);
    }

    private MatmulCompiler(KpuConfig config, int m, int n, int k, DType dtype, boolean mlp, Activation activation,
            boolean aInL3, boolean cInL3, Dequant weights, Float requant) {
        if (requant != null && (dtype != DType.INT8 || !mlp || !cInL3 || weights != null)) {
            // the int8 array's drain path writes the next layer's operands; group drains keep fp32 partial sums in L3
            throw new ConfigException("epilogue", "a requantizing drain needs an int8 program with a bias epilogue, C resident"
                    + " in L3 and operand-width weights, got " + dtype.lowerName() + (mlp ? "" : ", no epilogue")
                    + (cInL3 ? "" : ", C not resident") + (weights == null ? "" : ", int" + weights.bits() + " weights"));
        }
        this.requant = requant;
        if (m < 1 || n < 1 || k < 1) {
            throw new ConfigException("workload", "matmul dimensions must be >= 1, got " + m + ", " + n + ", " + k);
        }
        if (weights != null && !dtype.floating() && dtype != DType.INT8) {
            throw new ConfigException("weights", "int" + weights.bits() + " weights run on int8, fp32 or bf16 arrays, not on "
                    + dtype.lowerName());
        }
        if (weights != null && weights.offset() != 0) {
            throw new ConfigException("weights", "a weight format starts a scale group (offset 0), got offset " + weights.offset());
        }
        this.weights = weights;
        this.groupDrains = weights != null && dtype == DType.INT8;
        this.config = config;
        this.h = config.hierarchy();
        this.rates = new CostRates(h);
        this.m = m;
        this.n = n;
        this.k = k;
        this.dtype = dtype;
        this.e = (dtype.operandBits() + 7) / 8;
        this.acc = dtype.accBits() / 8;
        this.mlp = mlp;
        this.activation = activation;
        this.aInL3 = aInL3;
        this.cInL3 = cInL3;
    }

    public static Compiled compile(KpuConfig config, int m, int n, int k, DType dtype) {
        return compile(config, m, n, k, dtype, (Dequant) null);
    }

    /**
     * The same with B stored as {@code weights} says (null: operand width): its DMA loads move the
     * packed codes and the group scales into L3, a BM_DEQUANT expands each B tile into L2.
     */
    public static Compiled compile(KpuConfig config, int m, int n, int k, DType dtype, Dequant weights) {
        MatmulCompiler c = new MatmulCompiler(config, m, n, k, dtype, false, Activation.RELU, false, false, weights);
        Tiling t = c.choose();
        return new Compiled(c.generate(t), t);
    }

    /** The tiling the cost model picks; fixed tile sizes can be costed with {@link #cost}. */
    public static Tiling choose(KpuConfig config, int m, int n, int k, DType dtype) {
        return new MatmulCompiler(config, m, n, k, dtype, false).choose();
    }

    /**
     * An MLP layer: the matmul with bias add and ReLU fused into every drain (the {@code bias_act}
     * epilogue, run by the drain path's vector engine). The bias (N accumulators, in external memory
     * after C) is loaded into L3 once.
     */
    public static Compiled compileMlp(KpuConfig config, int m, int n, int k, DType dtype) {
        return compileMlp(config, m, n, k, dtype, Activation.RELU);
    }

    /** The same with {@code act} after the bias add. */
    public static Compiled compileMlp(KpuConfig config, int m, int n, int k, DType dtype, Activation act) {
        return compileMlp(config, m, n, k, dtype, act, null);
    }

    /** The same with B in {@code weights}' format (null: operand width). */
    public static Compiled compileMlp(KpuConfig config, int m, int n, int k, DType dtype, Activation act, Dequant weights) {
        MatmulCompiler c = new MatmulCompiler(config, m, n, k, dtype, true, act, false, false, weights);
        Tiling t = c.choose();
        return new Compiled(c.generate(t), t);
    }

    /**
     * A matmul with an operand on chip, as a fused attention group runs it: {@code aInL3}, A is
     * already in L3 (the BlockMovers read it there, no DMA load); {@code cInL3}, C stays in L3 (the
     * drains write it there, no DMA store). A resident matrix is one row-major buffer when it fits one
     * L3 region, else a grid of square row-major blocks ({@code Resident}), reserved in L3 before the
     * tiles' buffers; {@link #residentAddresses} says where it starts.
     */
    public static Compiled compileResident(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3) {
        return compileResident(config, m, n, k, dtype, aInL3, cInL3, null);
    }

    /**
     * The same with the bias epilogue on every drain when {@code epilogue} is not null (bias after C in
     * external memory, loaded into L3 once, as {@link #compileMlp}): a fused FFN's fc1 drains
     * act(H + b1) into its resident C, its fc2 reads that as a resident A.
     */
    public static Compiled compileResident(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3,
            Activation epilogue) {
        return compileResident(config, m, n, k, dtype, aInL3, cInL3, epilogue, null);
    }

    /** The same with B in {@code weights}' format (null: operand width). */
    public static Compiled compileResident(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3,
            Activation epilogue, Dequant weights) {
        MatmulCompiler c = new MatmulCompiler(config, m, n, k, dtype, epilogue != null, epilogue != null ? epilogue : Activation.RELU,
                aInL3, cInL3, weights);
        Tiling t = c.choose();
        return new Compiled(c.generate(t), t);
    }

    /**
     * The same on int8 with requantizing drains ({@code requantScale} not null): every drain runs bias +
     * {@code epilogue}, times the scale, rounded and saturated to int8 ({@code bias_<act>_q}), into a
     * resident C of int8 operands, one byte an element: a fused FFN's fc1 writes H' as fc2 reads it.
     */
    public static Compiled compileResident(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3,
            Activation epilogue, Dequant weights, Float requantScale) {
        MatmulCompiler c = new MatmulCompiler(config, m, n, k, dtype, epilogue != null, epilogue != null ? epilogue : Activation.RELU,
                aInL3, cInL3, weights, requantScale);
        Tiling t = c.choose();
        return new Compiled(c.generate(t), t);
    }

    /** Whether the resident matrices (and the bias) leave room in L3 for at least one array-sized tile of each operand. */
    public static boolean residentFits(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3,
            Activation epilogue) {
        return residentFits(config, m, n, k, dtype, aInL3, cInL3, epilogue, null);
    }

    /** The same with requantizing drains when {@code requantScale} is not null (C resident at one byte an element). */
    public static boolean residentFits(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3,
            Activation epilogue, Float requantScale) {
        return new MatmulCompiler(config, m, n, k, dtype, epilogue != null, epilogue != null ? epilogue : Activation.RELU, aInL3, cInL3,
                null, requantScale).layout(config.rows(), config.cols(), config.rows(), 1) != null;
    }

    /** The same with fixed tile sizes. */
    public static Compiled compileResident(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3,
            int ti, int tj, int tk) {
        MatmulCompiler c = new MatmulCompiler(config, m, n, k, dtype, false, Activation.RELU, aInL3, cInL3);
        Tiling t = c.cost(ti, tj, tk);
        if (t == null) {
            throw new ConfigException("tiling", "tiles " + ti + "x" + tj + "x" + tk + " do not fit L3, L2 and L1");
        }
        return new Compiled(c.generate(t), t);
    }

    /** L3 addresses of a resident A and C ({@code -1} when not resident): the first buffers of L3. */
    public static long[] residentAddresses(KpuConfig config, int m, int n, int k, DType dtype, boolean aInL3, boolean cInL3) {
        Plan p = new MatmulCompiler(config, m, n, k, dtype, false, Activation.RELU, aInL3, cInL3)
                .layout(config.rows(), config.cols(), config.rows(), 1);
        if (p == null) {
            throw new ConfigException("l3", "the resident operands do not fit L3 of " + config.name());
        }
        return new long[] {p.a() == null ? -1 : p.a().blocks()[0], p.c() == null ? -1 : p.c().blocks()[0]};
    }

    public static Compiled compile(KpuConfig config, int m, int n, int k, DType dtype, int ti, int tj, int tk) {
        return compile(config, m, n, k, dtype, ti, tj, tk, null);
    }

    /** Fixed tile sizes with B in {@code weights}' format (null: operand width). */
    public static Compiled compile(KpuConfig config, int m, int n, int k, DType dtype, int ti, int tj, int tk, Dequant weights) {
        MatmulCompiler c = new MatmulCompiler(config, m, n, k, dtype, false, Activation.RELU, false, false, weights);
        if (c.groupDrains && !c.kStepsInGroups(tk)) {
            throw new ConfigException("tiling", "k-steps of " + tk + " rows straddle the weight groups of " + weights.group()
                    + " rows: on the int8 array tk must divide the group (or cover all of K within one group)");
        }
        Tiling t = c.cost(ti, tj, tk);
        if (t == null) {
            throw new ConfigException("tiling", "tiles " + ti + "x" + tj + "x" + tk + " do not fit L3, L2 and L1");
        }
        return new Compiled(c.generate(t), t);
    }

    private Tiling choose() {
        Tiling best = null;
        for (int ti : candidates(m, config.rows())) {
            for (int tj : candidates(n, config.cols())) {
                for (int tk : kCandidates()) {
                    Tiling t = cost(ti, tj, tk);
                    if (t != null && (best == null || better(t, best))) {
                        best = t;
                    }
                }
            }
        }
        if (best == null) {
            throw new ConfigException("l1", "not even one " + config.rows() + "x" + config.cols() + " tile fits L3, L2 and L1 of "
                    + config.name());
        }
        return best;
    }

    /**
     * The k-step candidates; with group drains also the group and its halvings (group / 2^i), since
     * the array's multiples need not divide the group (24 lanes, groups of 128) and a resident A's
     * blocks must hold whole k-steps; {@link #cost} drops those that straddle a group.
     */
    private List<Integer> kCandidates() {
        List<Integer> out = candidates(k, config.rows());
        if (groupDrains && weights.group() < k) {
            for (int d = weights.group(); ; d /= 2) {
                if (!out.contains(d)) {
                    out.add(d);
                }
                if (d % 2 != 0) {
                    break;
                }
            }
        }
        return out;
    }

    /** Whether k-steps of tk rows each lie in one weight group: tk divides the group, or one k-step is all of K inside a group. */
    private boolean kStepsInGroups(int tk) {
        return weights.group() % tk == 0 || tk >= k && k <= weights.group();
    }

    private static boolean better(Tiling a, Tiling b) {
        if (a.estimatedCycles() != b.estimatedCycles()) {
            return a.estimatedCycles() < b.estimatedCycles();
        }
        return a.externalBytes() < b.externalBytes();
    }

    /** Multiples of {@code base} doubling from base, and the dimension rounded up to base, never beyond it. */
    static List<Integer> candidates(int dim, int base) {
        List<Integer> out = new ArrayList<>();
        int top = (int) Math.min(Integer.MAX_VALUE, ((long) dim + base - 1) / base * base);
        for (long v = base; v < top; v *= 2) {
            out.add((int) v);
        }
        out.add(top);
        return out;
    }

    /** l3s: with group drains, the scale-row slots (one weight group's row of the C tile's columns each), else empty. */
    private record Layout(long[] l3a, long[] l3b, long[] l3c, long[] l2a, long[] l2b, long[] l1a, long[] l1b, long[] l1c, long[] l3s) {
    }

    /** Resident A and C (null when not), every compute tile's own buffers at every level, then the bias (shared, read by every drain). */
    private record Plan(Resident a, Resident c, Layout[] tiles, long l3bias) {
    }

    /**
     * A rows x cols matrix of elem-byte elements kept in L3 as a grid of row-major blocks of bi x bj
     * (the last row and column of blocks narrower), block by block in row-major order: one block when
     * the whole matrix fits one region, since an engine's block must lie in one region. The block shape
     * depends only on the matrix and the configuration, so the program that drains a matrix into L3 and
     * the one that reads it there as A lay it out alike (at one element width); a tiling whose tiles
     * would straddle blocks is not allowed ({@link #holds}).
     */
    private record Resident(long[] blocks, int bi, int bj, int rows, int cols, int elem) {
        /** Where element (r, c) is; a tile starting there runs on with {@link #pitch} elements per row. */
        long address(long r, long c) {
            long perRow = ceilDiv(cols, bj);
            return blocks[(int) (r / bi * perRow + c / bj)] + (r % bi * pitch(c) + c % bj) * elem;
        }

        int pitch(long c) {
            return (int) Math.min(bj, cols - c / bj * bj);
        }

        /** Whether every ti x tj tile of the matrix lies in one block. */
        boolean holds(int ti, int tj) {
            return (bi == rows || bi % ti == 0) && (bj == cols || bj % tj == 0);
        }

        /**
         * The matrix placed in {@code l3}; when it does not fit one region, in square blocks of side
         * {@code lanes} x 2^a, the largest whose bytes are at most half a region (the other half for
         * tiles' buffers), so tiles of lanes x 2^b up to that side never straddle. Null when L3 is full.
         */
        static Resident place(BufferAllocator l3, long regionBytes, int lanes, int rows, int cols, int elem) {
            long whole = l3.place((long) rows * cols * elem);
            if (whole >= 0) {
                return new Resident(new long[] {whole}, rows, cols, rows, cols, elem);
            }
            long side = lanes;
            while (4 * side * side * elem <= regionBytes / 2) {
                side *= 2;
            }
            int bi = (int) Math.min(rows, side);
            int bj = (int) Math.min(cols, side);
            int blockRows = (int) ceilDiv(rows, bi);
            int blockCols = (int) ceilDiv(cols, bj);
            long[] blocks = new long[Math.multiplyExact(blockRows, blockCols)];
            for (int br = 0; br < blockRows; br++) {
                for (int bc = 0; bc < blockCols; bc++) {
                    long bytes = (long) Math.min(bi, rows - br * bi) * Math.min(bj, cols - bc * bj) * elem;
                    long at = l3.place(bytes);
                    if (at < 0) {
                        return null;
                    }
                    blocks[br * blockCols + bc] = at;
                }
            }
            return new Resident(blocks, bi, bj, rows, cols, elem);
        }
    }

    /** Compute tiles the program uses: the configured ones, but never more than there are C tiles. */
    private int usedTiles(int ti, int tj) {
        return (int) Math.min(config.tiles(), ceilDiv(m, ti) * ceilDiv(n, tj));
    }

    private Plan layout(int ti, int tj, int tk, int buffers) {
        long aBytes = (long) ti * tk * e;
        long bBytes = (long) tk * tj * e;
        long cBytes = (long) ti * tj * acc;
        // room for the scales of a k-step starting anywhere in a group (with group drains the B buffer
        // holds codes only: the scale rows have their own slots)
        long l3bBytes = weights == null ? bBytes : groupDrains ? weights.codeBytes(tk, tj)
                : scaleOffset(tk, tj) + new Dequant(weights.bits(), weights.group(), weights.group() - 1).scaleBytes(tk, tj);
        BufferAllocator l3 = new BufferAllocator(h.l3());
        BufferAllocator l2 = new BufferAllocator(h.l2());
        BufferAllocator l1 = new BufferAllocator(h.l1());
        Resident residentA = aInL3 ? Resident.place(l3, h.l3().bytes(), config.rows(), m, k, e) : null;
        Resident residentC = cInL3 ? Resident.place(l3, h.l3().bytes(), config.rows(), m, n, requant != null ? e : acc) : null;
        if (aInL3 && (residentA == null || !residentA.holds(ti, tk)) || cInL3 && (residentC == null || !residentC.holds(ti, tj))) {
            return null;
        }
        Layout[] tiles = new Layout[usedTiles(ti, tj)];
        for (int t = 0; t < tiles.length; t++) {
            long[][] s = new long[9][buffers];
            s[8] = new long[groupDrains ? buffers : 0];
            for (int b = 0; b < buffers; b++) {
                s[0][b] = l3.place(aBytes);
                s[1][b] = l3.place(l3bBytes);
                s[2][b] = l3.place(cBytes);
                s[3][b] = l2.place(aBytes);
                s[4][b] = l2.place(bBytes);
                s[5][b] = l1.place(aBytes);
                s[6][b] = l1.place(bBytes);
                s[7][b] = l1.place(cBytes);
            }
            for (int b = 0; b < s[8].length; b++) {
                s[8][b] = l3.place((long) tj * Dequant.SCALE_BYTES);
            }
            if (!BufferAllocator.allPlaced(s)) {
                return null;
            }
            tiles[t] = new Layout(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
        }
        long bias = mlp ? l3.place((long) n * acc) : 0;
        return bias < 0 ? null : new Plan(residentA, residentC, tiles, bias);
    }

    /** The cost model; null when the tiles do not fit even single-buffered. */
    Tiling cost(int ti, int tj, int tk) {
        if (weights != null && !weightTilesAlign(tj) || groupDrains && !kStepsInGroups(tk)) {
            return null;
        }
        int buffers = layout(ti, tj, tk, 2) != null ? 2 : layout(ti, tj, tk, 1) != null ? 1 : 0;
        if (buffers == 0) {
            return null;
        }
        long mt = ceilDiv(m, ti);
        long nt = ceilDiv(n, tj);
        long kt = ceilDiv(k, tk);
        long aTotal = (long) m * k * e;
        // B as stored: operand width, or packed codes + scales (what L3 holds); one pass over its tiles
        // loads a scale row once per k-step that touches it
        long bTotal = weights == null ? (long) k * n * e : weights.codeBytes(k, n) + weights.scaleBytes(k, n);
        // with group drains B tiles are codes only, and each C tile loads each group's scale row once
        long bPass = weights == null ? bTotal : groupDrains ? weights.codeBytes(k, n) : packedPassBytes(tk);
        long groups = groupDrains ? ceilDiv(k, weights.group()) : 0;
        long scaleRowsMoved = groupDrains ? mt * weights.scaleBytes(k, n) : 0;
        long cTotal = (long) m * n * acc;
        // A is reloaded for every tj unless one A tile covers all of K; B for every ti unless one B tile is all of B.
        long aMoved = kt == 1 ? aTotal : aTotal * nt;
        long bMoved = (kt == 1 && nt == 1 ? bPass : bPass * mt) + scaleRowsMoved;
        // A resident in L3 is still moved to L2 by the BlockMovers, but never loaded from outside.
        long aExternal = aInL3 ? 0 : aTotal;
        long cExternal = cInL3 ? 0 : cTotal;
        long external = (aInL3 ? 0 : aMoved) + bMoved + cExternal + (mlp ? (long) n * acc : 0);
        long arrayPs = rates.arrayPs;
        // a BM_DEQUANT streams the larger of the packed bytes it reads and the operand tile it writes
        // (to int8 operands it reads the codes only, never more than the tile it writes)
        long bStreamed = weights == null ? bMoved
                : (kt == 1 && nt == 1 ? 1 : mt) * (groupDrains ? (long) k * n * e : Math.max(bPass, (long) k * n * e));
        long moverCycles = rates.moverCycles(aMoved + bStreamed);
        int lanes = h.streamer().lanes();
        long l3PortBytes = (long) h.l3().ports() * h.l3().bytesPerCycle();
        long l3Ps = rates.period(h.l3().clock());
        // Each dimension has at most two tile sizes (full, and the remainder), so the sums below run
        // over at most 2 x 2 x 2 size classes, each weighted by how many tiles it has.
        long[][] ms = sizes(m, ti);
        long[][] ns = sizes(n, tj);
        long[][] ks = sizes(k, tk);
        long compute = 0;
        long feed = 0;
        long drain = 0;
        long storeTransfers = 0;
        long aTransfers = 0;
        long bTransfers = 0;
        for (long[] mi : ms) {
            for (long[] nj : ns) {
                long tiles = mi[1] * nj[1];
                for (long[] kq : ks) {
                    long steps = tiles * kq[1];
                    compute += steps * new FoldPlan(config.rows(), config.cols(), Dataflow.OS, Overlap.NATIVE,
                            (int) mi[0], (int) nj[0], (int) kq[0]).cycles();
                    feed += steps * Math.max(wavefront(mi[0], kq[0], lanes), wavefront(nj[0], kq[0], lanes));
                }
                long steps = wavefront(mi[0], nj[0], lanes);
                if (groupDrains) {
                    // one scale_acc drain per weight group: the first writes the fp32 tile, the others add to
                    // it, the last also adds the bias and activates when the layer has one
                    Activation act = mlp ? activation : null;
                    long perTile = groups == 1 ? scaleDrain(steps, mi[0], nj[0], false, act, l3PortBytes, l3Ps, arrayPs)
                            : scaleDrain(steps, mi[0], nj[0], false, null, l3PortBytes, l3Ps, arrayPs)
                                    + (groups - 2) * scaleDrain(steps, mi[0], nj[0], true, null, l3PortBytes, l3Ps, arrayPs)
                                    + scaleDrain(steps, mi[0], nj[0], true, act, l3PortBytes, l3Ps, arrayPs);
                    drain += tiles * perTile;
                } else {
                    long port = ceilDiv(ceilDiv(mi[0] * nj[0] * (requant != null ? e : acc), l3PortBytes) * l3Ps, arrayPs);
                    drain += tiles * Instruction.drainStreamCycles(steps, port, (int) mi[0], (int) nj[0], mlp ? activation : null,
                            requant != null);
                }
                storeTransfers += cInL3 ? 0 : tiles;
            }
        }
        // A loads: every step when kt > 1, else once per ti; B loads: every step unless kt = nt = 1.
        for (long[] mi : ms) {
            for (long[] kq : ks) {
                aTransfers += aInL3 ? 0 : (kt > 1 ? nt : 1) * mi[1] * kq[1];
            }
        }
        for (long[] nj : ns) {
            for (long[] kq : ks) {
                // a quantized B tile is two transfers, its codes and its scales
                bTransfers += (kt == 1 && nt == 1 ? 1 : mt) * nj[1] * kq[1] * (weights == null || groupDrains ? 1 : 2);
            }
        }
        // with group drains every C tile loads each group's scale row: one more transfer per group
        bTransfers += mt * nt * groups;
        // Transfers pay their latency once each (CostRates); with two or more DMA engines a step's A and B
        // chains run side by side (DMA instructions take the engines in turn), but the next tile's chain
        // of the same operand waits for a free buffer, so chains of one operand follow each other.
        // C tiles go round robin to the compute tiles, which compute and drain side by side; feeds
        // spread over the Streamers, two per tile (A and B), so they parallelize only that far.
        int tiles = usedTiles(ti, tj);
        compute = ceilDiv(compute, tiles);
        drain = ceilDiv(drain, tiles);
        feed = ceilDiv(feed, Math.min(tiles, Math.max(1, h.streamer().count() / 2)));
        long externalCycles = rates.externalCycles(external, rates.chainedTransfers(aTransfers, bTransfers, storeTransfers));
        long estimate = CostRates.estimate(buffers, compute, feed, externalCycles, moverCycles, drain);
        return new Tiling(ti, tj, tk, buffers, external, aExternal + bTotal + cExternal + (mlp ? (long) n * acc : 0), compute, externalCycles, moverCycles, feed,
                drain, estimate);
    }

    /** A scale_acc drain's pipeline without its L3 latency (TileTiming's rule, Instruction.scaleDrainStreamCycles). */
    private static long scaleDrain(long steps, long rows, long cols, boolean accumulate, Activation act, long l3PortBytes, long l3Ps,
            long arrayPs) {
        long port = ceilDiv(ceilDiv(Instruction.scaleDrainL3Bytes(rows, cols, accumulate), l3PortBytes) * l3Ps, arrayPs);
        return Instruction.scaleDrainStreamCycles(steps, port, (int) rows, (int) cols, act);
    }

    /** Whether B tiles tj wide can be cut from packed weights: an int4 tile starts on a whole byte (tj even, or one tile across N). */
    private boolean weightTilesAlign(int tj) {
        return weights.bits() == 8 || tj % 2 == 0 || tj >= n;
    }

    /** Bytes of one pass over packed B in k-steps of tk: all codes, and each k-step's scale rows. */
    private long packedPassBytes(int tk) {
        long scales = 0;
        for (long k0 = 0; k0 < k; k0 += tk) {
            scales += weights.startingAt(k0).scaleBytes((int) Math.min(tk, k - k0), n);
        }
        return weights.codeBytes(k, n) + scales;
    }

    /** Where a B tile's scales start in its L3 buffer: after room for a full tile's codes, 64-byte aligned. */
    private long scaleOffset(int tk, int tj) {
        return align(weights.codeBytes(tk, tj));
    }

    /** {size, count} of the tiles along a dimension: the full ones, then the remainder if any. */
    static long[][] sizes(int dim, int tile) {
        long full = dim / tile;
        int rest = dim % tile;
        if (full == 0) {
            return new long[][] {{rest, 1}};
        }
        return rest == 0 ? new long[][] {{tile, full}} : new long[][] {{tile, full}, {rest, 1}};
    }

    static long wavefront(long laneCount, long perLane, int lanes) {
        long full = laneCount / lanes;
        long rest = laneCount % lanes;
        long steps = full * (perLane + lanes - 1);
        return rest == 0 ? steps : steps + perLane + rest - 1;
    }

    private Program generate(Tiling t) {
        Plan plan = layout(t.ti(), t.tj(), t.tk(), t.buffers());
        int nb = t.buffers();
        int tiles = plan.tiles().length;
        long aBase = h.external().base();
        long[] ext = operandAddresses(config, m, n, k, dtype, weights);
        long bBase = ext[1];
        long bScales = ext[3];
        long cBase = ext[2];
        int dmas = h.dma().count();
        int bms = h.blockMover().count();
        int strs = h.streamer().count();
        List<Instruction> out = new ArrayList<>();
        List<Instruction> pendingStore = new ArrayList<>();
        long biasBase = align(cBase + (long) m * n * acc);
        if (mlp) {
            out.add(Instruction.block(Op.DMA_LOAD, 0, biasBase, plan.l3bias(), 1, n, acc, n, n));
        }
        long mt = ceilDiv(m, t.ti());
        long nt = ceilDiv(n, t.tj());
        long kt = ceilDiv(k, t.tk());
        long blocks = mt * nt;
        // Per compute tile: how many A, B and C tiles it has taken (its slot rings), which A and B
        // tiles its slots hold, and the slots in use.
        long[] aCount = new long[tiles];
        long[] bCount = new long[tiles];
        long[] cCount = new long[tiles];
        long[] lastA = new long[tiles];
        long[] lastB = new long[tiles];
        Arrays.fill(lastA, -1);
        Arrays.fill(lastB, -1);
        int[] sA = new int[tiles];
        int[] sB = new int[tiles];
        int[] sC = new int[tiles];
        // with group drains each group's partial sums take the next L1 accumulator slot, so a group's
        // computes need not wait for the previous group's drain
        long[] groupCount = new long[tiles];
        int[] sG = new int[tiles];
        long dmaTurn = 0;
        // C tiles in (ti, tj) order go to the compute tiles round robin, a round of one C tile per
        // compute tile at a time; inside a round the k-steps of the tiles interleave, so the shared
        // in-order DMA and BlockMover queues feed every tile's next step before any tile's step after.
        for (long round = 0; round < blocks; round += tiles) {
            int inRound = (int) Math.min(tiles, blocks - round);
            for (int u = 0; u < inRound; u++) {
                sC[u] = (int) (cCount[u]++ % nb);
                sG[u] = sC[u];
            }
            for (long q = 0; q < kt; q++) {
                int kq = (int) Math.min(t.tk(), k - q * t.tk());
                for (int u = 0; u < inRound; u++) {
                    Layout l = plan.tiles()[u];
                    long i = (round + u) / nt;
                    long j = (round + u) % nt;
                    int mi = (int) Math.min(t.ti(), m - i * t.ti());
                    int nj = (int) Math.min(t.tj(), n - j * t.tj());
                    long keyA = i * kt + q;
                    if (keyA != lastA[u]) {
                        sA[u] = (int) (aCount[u]++ % nb);
                        long offset = (i * t.ti() * k + q * t.tk()) * e;
                        if (aInL3) {
                            Resident a = plan.a();
                            out.add(Instruction.block(Op.BM_MOVE, (2 * u) % bms, a.address(i * t.ti(), q * t.tk()), l.l2a()[sA[u]], mi, kq, e,
                                    a.pitch(q * t.tk()), kq));
                        } else {
                            out.add(Instruction.block(Op.DMA_LOAD, (int) (dmaTurn++ % dmas), aBase + offset, l.l3a()[sA[u]], mi, kq, e, k, kq));
                            out.add(Instruction.block(Op.BM_MOVE, (2 * u) % bms, l.l3a()[sA[u]], l.l2a()[sA[u]], mi, kq, e, kq, kq));
                        }
                        out.add(Instruction.block(Op.FEED_ROWS, (2 * u) % strs, l.l2a()[sA[u]], l.l1a()[sA[u]], mi, kq, e, kq, kq));
                        lastA[u] = keyA;
                    }
                    long keyB = q * nt + j;
                    if (keyB != lastB[u]) {
                        sB[u] = (int) (bCount[u]++ % nb);
                        if (weights == null) {
                            long src = bBase + (q * t.tk() * n + j * t.tj()) * e;
                            out.add(Instruction.block(Op.DMA_LOAD, (int) (dmaTurn++ % dmas), src, l.l3b()[sB[u]], kq, nj, e, n, nj));
                            out.add(Instruction.block(Op.BM_MOVE, (2 * u + 1) % bms, l.l3b()[sB[u]], l.l2b()[sB[u]], kq, nj, e, nj, nj));
                        } else {
                            loadPacked(out, (int) (dmaTurn++ % dmas), groupDrains ? -1 : (int) (dmaTurn++ % dmas), (2 * u + 1) % bms, bBase,
                                    bScales, l.l3b()[sB[u]], l.l3b()[sB[u]] + scaleOffset(t.tk(), t.tj()), l.l2b()[sB[u]], q * t.tk(),
                                    j * t.tj(), kq, nj);
                        }
                        out.add(Instruction.block(Op.FEED_COLS, (2 * u + 1) % strs, l.l2b()[sB[u]], l.l1b()[sB[u]], kq, nj, e, nj, nj));
                        lastB[u] = keyB;
                    }
                    if (q == 0) {
                        while (pendingStore.size() > tiles) {
                            out.add(pendingStore.remove(0));
                        }
                    }
                    long k0 = q * t.tk();
                    boolean groupStart = groupDrains && k0 % weights.group() == 0;
                    if (groupStart) {
                        sG[u] = (int) (groupCount[u]++ % nb);
                        // the group's scale row for this C tile's columns, into the slot its drain reads
                        out.add(Instruction.block(Op.DMA_LOAD, (int) (dmaTurn++ % dmas),
                                bScales + (k0 / weights.group() * n + j * t.tj()) * Dequant.SCALE_BYTES, l.l3s()[sG[u]], 1, nj,
                                Dequant.SCALE_BYTES, nj, nj));
                    }
                    out.add(Instruction.compute(u, l.l1a()[sA[u]], l.l1b()[sB[u]], l.l1c()[sG[u]], mi, nj, kq, e,
                            groupDrains ? !groupStart : q > 0));
                    if (groupDrains && ((k0 + kq) % weights.group() == 0 || k0 + kq == k)) {
                        // the last group's drain also adds the bias and activates, for a layer with one
                        long scales = l.l3s()[sG[u]];
                        long dst = cInL3 ? plan.c().address(i * t.ti(), j * t.tj()) : l.l3c()[sC[u]];
                        int pitch = cInL3 ? plan.c().pitch(j * t.tj()) : nj;
                        boolean last = k0 + kq == k;
                        out.add(Instruction.scaleDrain(u, l.l1c()[sG[u]], scales, dst, mi, nj, pitch, k0 >= weights.group(),
                                plan.l3bias() + j * t.tj() * acc, last && mlp ? activation : null));
                    }
                }
            }
            for (int u = 0; u < inRound; u++) {
                Layout l = plan.tiles()[u];
                long i = (round + u) / nt;
                long j = (round + u) % nt;
                int mi = (int) Math.min(t.ti(), m - i * t.ti());
                int nj = (int) Math.min(t.tj(), n - j * t.tj());
                if (cInL3) {
                    if (groupDrains) {
                        continue;
                    }
                    Resident c = plan.c();
                    if (requant != null) {
                        out.add(Instruction.drainRequantized(u, l.l1c()[sC[u]], c.address(i * t.ti(), j * t.tj()), mi, nj,
                                c.pitch(j * t.tj()), plan.l3bias() + j * t.tj() * acc, activation, requant));
                        continue;
                    }
                    out.add(new Instruction(Op.DRAIN, u, l.l1c()[sC[u]], mlp ? plan.l3bias() + j * t.tj() * acc : null,
                            c.address(i * t.ti(), j * t.tj()), mi, nj, null, acc, nj, c.pitch(j * t.tj()), null,
                            mlp ? Instruction.epilogueName(activation) : Instruction.NO_EPILOGUE, null, null, null, null, null, null));
                    continue;
                }
                if (!groupDrains) {
                    out.add(mlp
                            ? Instruction.drainWithBias(u, l.l1c()[sC[u]], l.l3c()[sC[u]], mi, nj, acc, plan.l3bias() + j * t.tj() * acc,
                                    activation)
                            : Instruction.block(Op.DRAIN, u, l.l1c()[sC[u]], l.l3c()[sC[u]], mi, nj, acc, nj, nj));
                }
                long dst = cBase + (i * t.ti() * n + j * t.tj()) * acc;
                pendingStore.add(Instruction.block(Op.DMA_STORE, (int) (dmaTurn++ % dmas), l.l3c()[sC[u]], dst, mi, nj, acc, nj, n));
            }
        }
        out.addAll(pendingStore);
        String kind = (mlp ? "mlp" : "matmul") + (aInL3 ? "_a" : "") + (cInL3 ? (requant != null ? "_cq" : "_c") : "") + (aInL3 || cInL3 ? "_l3_" : "_");
        String format = weights == null ? "" : "_w" + weights.bits() + "g" + weights.group();
        return Program.of(kind + m + "x" + n + "x" + k + "_" + dtype.lowerName() + format, dtype.lowerName(), m, n, k, out);
    }

    /**
     * A packed B tile (rows k0.. of kq, columns j0.. of nj): its code rows and its scale rows, each one
     * strided DMA into the tile's L3 buffer (codes, then scales), and the BM_DEQUANT that expands them
     * into the operand tile in L2. With group drains only the codes (written as int8 operands; the
     * scale rows go to their own slots, {@code scaleDma} unused).
     */
    private void loadPacked(List<Instruction> out, int codeDma, int scaleDma, int mover, long bBase, long bScales,
            long l3Codes, long l3Scales, long l2, long k0, long j0, int kq, int nj) {
        long pitch = weights.rowBytes(n);
        int rowBytes = (int) weights.rowBytes(nj);
        out.add(Instruction.block(Op.DMA_LOAD, codeDma, bBase + k0 * pitch + j0 * weights.bits() / 8, l3Codes, kq, rowBytes, 1,
                (int) pitch, rowBytes));
        Dequant block = weights.startingAt(k0);
        if (groupDrains) {
            out.add(Instruction.expandCodes(mover, l3Codes, l2, kq, nj, nj, block));
            return;
        }
        out.add(Instruction.block(Op.DMA_LOAD, scaleDma, bScales + (k0 / weights.group() * n + j0) * Dequant.SCALE_BYTES, l3Scales,
                (int) block.scaleRows(kq), nj, Dequant.SCALE_BYTES, n, nj));
        out.add(Instruction.dequant(mover, l3Codes, l3Scales, l2, kq, nj, e, nj, block));
    }

    /** Where A, B and C (and an MLP's bias, after C) start in external memory (A at its base; each 64-byte aligned). */
    public static long[] operandAddresses(KpuConfig config, int m, int n, int k, DType dtype) {
        long[] all = operandAddresses(config, m, n, k, dtype, null);
        return new long[] {all[0], all[1], all[2]};
    }

    /**
     * {A, B, C, B's scales} in external memory with B in {@code weights}' format: packed, B is its K code
     * rows of {@link Dequant#rowBytes} bytes each, then (64-byte aligned) its ceil(K / group) x N fp16
     * scales row-major, then C; at the operand width the scales entry is -1.
     */
    public static long[] operandAddresses(KpuConfig config, int m, int n, int k, DType dtype, Dequant weights) {
        int e = (dtype.operandBits() + 7) / 8;
        long a = config.hierarchy().external().base();
        long b = align(a + (long) m * k * e);
        if (weights == null) {
            return new long[] {a, b, align(b + (long) k * n * e), -1};
        }
        long scales = align(b + weights.codeBytes(k, n));
        return new long[] {a, b, align(scales + weights.scaleBytes(k, n)), scales};
    }

    static long align(long v) {
        return (v + 63) / 64 * 64;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

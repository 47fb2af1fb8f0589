package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.compiler.ConvCompiler;
import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.compiler.Tiling;
import dev.lockstep.kpu.isa.Dequant;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.quant.QuantFormat;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.EnergyConfig;
import dev.lockstep.kpu.top.Fidelity;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.kpu.top.EngineReport;
import dev.lockstep.kpu.top.KpuResult;
import dev.lockstep.kpu.top.KpuTop;
import dev.lockstep.kpu.top.MemoryTiming;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.BiasActivation;
import dev.lockstep.kpu.vector.Elementwise;
import dev.lockstep.kpu.vector.LayerNorm;
import dev.lockstep.kpu.vector.Softmax;
import dev.lockstep.kpu.vector.VectorEngine;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.config.ClockConfig;
import dev.lockstep.sim.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a planned graph on a KPU, kernel group by kernel group:
 * <ul>
 * <li>a matmul (or an im2col conv2d as its matmul, M = n oh ow, N = cout, K = kh kw cin) is compiled by
 *     {@link MatmulCompiler} (with the bias epilogue when fused) and run on {@link KpuTop} at
 *     {@code tile} fidelity with {@link MemoryTiming#FLOW}; a batch of b equal matmuls costs b runs
 *     (one run per distinct shape, reused); a direct conv2d runs its own program
 *     ({@link ConvCompiler#compileDirect}: input bands with halo, patches formed by the Streamer);</li>
 * <li>a vector kernel (bias+activation, softmax, layernorm, elementwise) alone streams its operands
 *     from and to external memory: the larger of its vector-engine cycles and its traffic time at
 *     the external rate (the slower of the channels and the DMA engines);</li>
 * <li>a fused attention group is its two matmul runs plus the softmax's vector cycles on the
 *     drain path; Q K^T's program keeps the scores in L3 and x V's reads the probabilities there
 *     (neither is stored nor loaded off chip);</li>
 * <li>a fused ffn group is its two matmul runs, each with its bias+activation on the drain path:
 *     fc1's program drains act(H + b1) into L3 and fc2's reads it there as its A;</li>
 * <li>an im2col conv2d adds the lowering pass: input read plus patch matrix written, at the external
 *     rate.</li>
 * </ul>
 * Traffic is counted per group from the tensors (see {@link KernelReport}); l3, l2 and l1 bytes are
 * the matmul programs' (a vector kernel's on-chip bytes are not counted). Energy = MACs x pJ/MAC +
 * bytes per level x pJ/byte ({@link EnergyConfig}).
 */
public final class GraphRunner {
    private final KpuConfig config;
    private final DType dtype;
    private final VectorEngine ve = Instruction.DRAIN_VECTOR_ENGINE;
    private final long arrayPs;
    private final long externalBytesPerSecond;
    private final QuantFormat weights;
    private final int groupSize;
    /** The matmul programs' B format when weights are quantized, else null. */
    private final Dequant packed;
    /**
     * fc1's requantization scale in a fused int8 ffn: the graph's int8 activations carry no scale in our
     * model (docs/kpu-top.md, Quantized weights), so 1; at tile fidelity only the widths matter.
     */
    private static final Float REQUANT_SCALE = 1f;
    private final EnergyConfig energy;
    private final Map<String, ProgramRun> matmulRuns = new HashMap<>();

    /** One program run's figures: {cycles, reload bytes beyond the compulsory ones, l3, l2, l1 bytes}, and its engines. */
    private record ProgramRun(long[] figures, List<EngineReport> engines) {
    }

    /** Weights at the operand width, the default energy figures. */
    public GraphRunner(KpuConfig config, DType dtype) {
        this(config, dtype, null, 0, EnergyConfig.defaults(dtype));
    }

    /**
     * {@code weights}: null keeps weight tensors at the operand width; INT8 / INT4 count them as
     * {@link QuantFormat#weightBytes} with per-group scales ({@code groupSize} rows per scale), and
     * the matmul programs load them packed and expand them on chip (BM_DEQUANT), so their cycles and
     * bytes follow the format: on fp32 and bf16 arrays weight-only (the tile is expanded to code x
     * scale), on the int8 array the codes are the operands and each weight group's int32 partial sums
     * are scaled on the drain path (scale_acc, the last group's drain with the bias epilogue).
     */
    public GraphRunner(KpuConfig config, DType dtype, QuantFormat weights, int groupSize, EnergyConfig energy) {
        if (weights != null && weights.quantized() && groupSize < 1) {
            throw new IllegalArgumentException("quantized weights need a group size >= 1, got " + groupSize);
        }
        if (weights != null && weights.quantized() && !dtype.floating() && dtype != DType.INT8) {
            throw new ConfigException("weights", weights.lowerName() + " weights run on int8, fp32 or bf16 arrays, not on "
                    + dtype.lowerName());
        }
        this.packed = weights != null && weights.quantized() ? new Dequant(weights.bits(), groupSize) : null;
        this.config = config;
        this.dtype = dtype;
        this.weights = weights;
        this.groupSize = groupSize;
        this.energy = energy;
        HierarchyConfig h = config.hierarchy();
        this.arrayPs = period(h, h.streamer().clock());
        this.externalBytesPerSecond = Math.min(
                (long) h.external().peakBytesPerSecond(h.external().count(), period(h, h.external().clock())),
                h.dma().count() * (long) h.dma().bytesPerCycle() * 1_000_000_000_000L / period(h, h.dma().clock()));
    }

    /** Plans (fused or not) and runs {@code g}. */
    public GraphResult run(KernelGraph g, boolean fuse) {
        if (g.dtype() != dtype) {
            throw new IllegalArgumentException("graph " + g.name() + " is " + g.dtype() + ", runner " + dtype);
        }
        List<KernelReport> reports = new ArrayList<>();
        long cycles = 0;
        long macs = 0;
        long compulsory = 0;
        long external = 0;
        long saved = 0;
        long[] onChip = new long[3];
        EngineTotals engines = new EngineTotals();
        for (FusedKernel f : GraphPlanner.plan(g, config, fuse, requantizes())) {
            KernelReport r = run(g, f, onChip, engines);
            reports.add(r);
            cycles += r.cycles();
            macs += r.macs();
            compulsory += r.compulsoryBytes();
            external += r.externalBytes();
            saved += r.savedBytes();
        }
        // Every compute tile can do rows x cols MACs a cycle: the peak is theirs together.
        double utilization = cycles == 0 ? 0 : (double) macs / ((double) cycles * config.rows() * config.cols() * config.tiles());
        Map<String, Long> levels = new LinkedHashMap<>();
        levels.put("external", external);
        levels.put("l3", onChip[0]);
        levels.put("l2", onChip[1]);
        levels.put("l1", onChip[2]);
        Map<String, Double> pj = energy.estimate(macs, levels);
        double ns = cycles * (double) arrayPs / 1000;
        // As a program run's KpuResult: 2 operations per MAC; bandwidth and intensity over external bytes.
        double gops = ns == 0 ? 0 : 2.0 * macs / ns;
        double gbs = ns == 0 ? 0 : external / ns;
        double intensity = external == 0 ? 0 : 2.0 * macs / external;
        HierarchyConfig h = config.hierarchy();
        return new GraphResult(g.name(), config.name(), dtype.name().toLowerCase(Locale.ROOT),
                weights == null ? "operand" : weights.lowerName(), fuse, arrayPs, cycles,
                ns, macs, utilization, gops, gbs, intensity, compulsory, external, saved, levels, pj,
                engines.reports(cycles * arrayPs, clock -> period(h, clock)), List.copyOf(reports));
    }

    private KernelReport run(KernelGraph g, FusedKernel f, long[] onChip, EngineTotals engines) {
        long compulsory = compulsoryBytes(g, f, weights, groupSize);
        long cycles = 0;
        long macs = 0;
        long reloads = 0;
        // Fused attention and ffn: the first matmul leaves its output in L3 (the scores; act(H + b1)), the
        // second reads its A there (the softmax's probabilities; H').
        boolean resident = f.fusion().equals("attention") || f.fusion().equals("ffn");
        for (Kernel k : f.kernels()) {
            switch (k) {
                case Kernel.Matmul mm -> {
                    Tensor a = g.tensor(mm.a());
                    Tensor c = g.tensor(mm.output());
                    boolean aInL3 = resident && k != f.kernels().getFirst();
                    boolean cInL3 = resident && k == f.kernels().getFirst();
                    Dequant b = g.isWeight(mm.b()) ? packed : null;
                    ProgramRun pr = matmul(a.rows(), c.cols(), a.cols(), epilogue(f, mm), aInL3, cInL3, b,
                            f.fusion().equals("ffn") && cInL3 && requantizes() ? REQUANT_SCALE : null);
                    long[] run = pr.figures();
                    engines.add(pr.engines(), c.batch());
                    cycles += run[0] * c.batch();
                    reloads += run[1] * c.batch();
                    addOnChip(onChip, run, c.batch());
                    macs += a.rows() * c.cols() * a.cols() * c.batch();
                }
                case Kernel.Conv2d cv -> {
                    ConvShape s = cv.shape();
                    ProgramRun pr = cv.lowering() == ConvLowering.DIRECT ? directConv(s, epilogue(f, cv))
                            : matmul(s.m(), s.cout(), s.k(), epilogue(f, cv), false, false, packed, null);
                    long[] run = pr.figures();
                    engines.add(pr.engines(), 1);
                    cycles += run[0];
                    reloads += run[1];
                    addOnChip(onChip, run, 1);
                    macs += s.m() * s.cout() * s.k();
                    if (cv.lowering() == ConvLowering.IM2COL) {
                        cycles += transferCycles(g.tensor(cv.input()).bytes() + im2colBytes(s, dtype));
                    }
                }
                case Kernel.BiasAct ba -> {
                    if (!onDrainPath(f, ba)) {
                        Tensor t = g.tensor(ba.input());
                        cycles += Math.max(t.batch() * BiasActivation.of(null, ba.activation()).cycles(ve, rows(t), cols(t)),
                                transferCycles(compulsory));
                    }
                }
                case Kernel.Softmax sm -> {
                    Tensor t = g.tensor(sm.input());
                    long vector = t.batch() * new Softmax().cycles(ve, rows(t), cols(t));
                    cycles += f.kernels().size() > 1 ? vector : Math.max(vector, transferCycles(compulsory));
                }
                case Kernel.LayerNorm ln -> {
                    Tensor t = g.tensor(ln.input());
                    cycles += Math.max(t.batch() * new LayerNorm(null, null, 1e-5f).cycles(ve, rows(t), cols(t)), transferCycles(compulsory));
                }
                case Kernel.Elementwise ew -> {
                    Tensor t = g.tensor(ew.a());
                    cycles += Math.max(t.batch() * new Elementwise(ew.op(), null).cycles(ve, rows(t), cols(t)), transferCycles(compulsory));
                }
            }
        }
        return new KernelReport(f.name(), f.fusion(), cycles, macs, compulsory, compulsory + reloads, f.savedBytes());
    }

    /**
     * Whether a fused ffn's fc1 requantizes H' on its drains (int8 operands straight into the buffer fc2
     * reads): on int8 with operand-width weights; with quantized weights the group drains keep fp32
     * partial sums in L3, so H' stays at the accumulator width there.
     */
    private boolean requantizes() {
        return dtype == DType.INT8 && packed == null;
    }

    /** The activation of the bias+activation in {@code f} that reads {@code producer}'s output on its drain path, else null. */
    private static Activation epilogue(FusedKernel f, Kernel producer) {
        for (Kernel k : f.kernels()) {
            if (k instanceof Kernel.BiasAct ba && ba.input().equals(producer.output())) {
                return ba.activation();
            }
        }
        return null;
    }

    /** Whether a matmul or conv2d of {@code f} writes {@code ba}'s input, so {@code ba} runs in its drains. */
    private static boolean onDrainPath(FusedKernel f, Kernel.BiasAct ba) {
        for (Kernel k : f.kernels()) {
            if ((k instanceof Kernel.Matmul || k instanceof Kernel.Conv2d) && k.output().equals(ba.input())) {
                return true;
            }
        }
        return false;
    }

    private static void addOnChip(long[] onChip, long[] run, int batch) {
        for (int i = 0; i < 3; i++) {
            onChip[i] += run[2 + i] * batch;
        }
    }

    /** The same with weights at the operand width. */
    static long compulsoryBytes(KernelGraph g, FusedKernel f) {
        return compulsoryBytes(g, f, null, 0);
    }

    /**
     * The group's inputs from outside it, each once (weights in {@code weights}' format when given),
     * its output, and an im2col patch matrix written and read.
     */
    static long compulsoryBytes(KernelGraph g, FusedKernel f, QuantFormat weights, int groupSize) {
        Set<String> inside = new HashSet<>();
        for (Kernel k : f.kernels()) {
            inside.add(k.output());
        }
        Set<String> read = new HashSet<>();
        long bytes = 0;
        for (Kernel k : f.kernels()) {
            for (String in : k.inputs()) {
                if (!inside.contains(g.base(in)) && read.add(g.base(in))) {
                    Tensor t = g.tensor(in);
                    bytes += weights != null && g.isWeight(in) ? t.batch() * weights.weightBytes(t.rows(), t.cols(), groupSize) : t.bytes();
                }
            }
            if (k instanceof Kernel.Conv2d cv && cv.lowering() == ConvLowering.IM2COL) {
                bytes += 2 * im2colBytes(cv.shape(), g.dtype());
            }
        }
        return bytes + g.tensor(f.last().output()).bytes();
    }

    /** The patch matrix: (n oh ow) x (kh kw cin) operands. */
    private static long im2colBytes(ConvShape s, DType d) {
        return s.m() * s.k() * ((d.operandBits() + 7) / 8);
    }

    /** One M x N x K matmul program run (memoized by shape and options). */
    private ProgramRun matmul(long m, long n, long k, Activation epilogue, boolean aInL3, boolean cInL3, Dequant weights, Float requant) {
        String key = m + "," + n + "," + k + "," + epilogue + "," + aInL3 + "," + cInL3 + "," + weights + "," + requant;
        return matmulRuns.computeIfAbsent(key, x -> {
            int mi = Math.toIntExact(m);
            int ni = Math.toIntExact(n);
            int ki = Math.toIntExact(k);
            var c = aInL3 || cInL3 ? MatmulCompiler.compileResident(config, mi, ni, ki, dtype, aInL3, cInL3, epilogue, weights, requant)
                    : epilogue != null ? MatmulCompiler.compileMlp(config, mi, ni, ki, dtype, epilogue, weights)
                    : MatmulCompiler.compile(config, mi, ni, ki, dtype, weights);
            KpuResult r = new KpuTop(config, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(c.program());
            Tiling t = c.tiling();
            return programRun(r, c.tiling());
        });
    }

    /** The same figures for a direct conv's own program ({@link ConvCompiler#compileDirect}). */
    private ProgramRun directConv(ConvShape s, Activation epilogue) {
        return matmulRuns.computeIfAbsent("direct " + s + "," + epilogue, x -> {
            var c = ConvCompiler.compileDirect(config, s, dtype, epilogue);
            KpuResult r = new KpuTop(config, Fidelity.TILE, MemoryTiming.FLOW, TransactionLog.none()).run(c.program());
            Tiling t = c.tiling();
            return programRun(r, c.tiling());
        });
    }

    private static ProgramRun programRun(KpuResult r, Tiling t) {
        return new ProgramRun(new long[] {r.cycles(), t.externalBytes() - t.compulsoryBytes(),
                r.bytesPerLevel().get("l3"), r.bytesPerLevel().get("l2"), r.bytesPerLevel().get("l1")}, r.engines());
    }

    private long transferCycles(long bytes) {
        long ps = (long) Math.ceil(bytes * 1e12 / externalBytesPerSecond);
        return (ps + arrayPs - 1) / arrayPs;
    }

    private static int rows(Tensor t) {
        return Math.toIntExact(t.rows());
    }

    private static int cols(Tensor t) {
        return Math.toIntExact(t.cols());
    }

    private static long period(HierarchyConfig h, String clock) {
        for (ClockConfig c : h.clocks()) {
            if (c.name().equals(clock)) {
                return c.periodPs();
            }
        }
        throw new IllegalStateException("no clock " + clock);
    }
}

package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Dequant;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.memory.MemoryHierarchy;
import dev.lockstep.memory.engine.BlockMove;
import dev.lockstep.memory.engine.BlockTransform;
import dev.lockstep.memory.engine.CompletionListener;
import dev.lockstep.memory.engine.DmaDescriptor;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.trace.Transaction;
import dev.lockstep.trace.TraceWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KPU top: the memory hierarchy and the compute tiles in one {@link Simulation}, running one
 * {@link Program}. Every unit has an in-order queue (DMA engine, BlockMover, Streamer, compute tile,
 * the tile's drain path, control); the head of a queue starts when its unit is free and every
 * instruction it depends on ({@link Dependencies}) has completed. DMA and BlockMover instructions run
 * on the hierarchy's engines (bursts through the memories' ports); feeds, computes and drains are
 * timed in closed form in the array clock (docs/kpu-top.md) and, at {@code pe} fidelity, move and
 * compute the real bytes.
 */
public final class KpuTop {
    private final KpuConfig config;
    private final Fidelity fidelity;
    private final Simulation sim = new Simulation();
    private final MemoryHierarchy mem;
    private final ClockDomain array;
    private final TileTiming timing;
    private final FlowMemory flow;
    private final int completeHandler;
    private final int releaseHandler;
    private final FoldStream[] folds;
    private final int dmaBase;
    private final int bmBase;
    private final int strBase;
    private final int tileBase;
    private final int drainBase;
    private final int ctrl;
    private final String[] queueNames;
    private final ClockDomain[] queueClocks;

    private Program program;
    private DType dtype;
    private Instruction[] ins;
    private int[][] deps;
    private int[] queueOf;
    private boolean[] done;
    private int[][] items;
    private int[] head;
    private int[] running;
    private long[] busyPs;
    /** Per queue: when its latest compute completes (computes overlap); and up to when busyPs has counted. */
    private long[] inFlightUntilPs;
    private long[] busyCountedToPs;
    private long[] waitPs;
    private long[] blockedSince;
    private int[] waitingOn;
    private boolean[] dirty;
    private int dirtyCount;
    private long[] issued;
    private long[] movedBytes;
    private long[] startPs;
    private long[] endTimes;
    private final Map<RegionKind, long[]> levelBytes = new LinkedHashMap<>();
    private TraceWriter instructionTrace;
    private long completed;
    private long endPs;
    private long macs;

    public KpuTop(KpuConfig config, Fidelity fidelity, TransactionLog log) {
        this(config, fidelity, MemoryTiming.BURST, log);
    }

    /** {@code FLOW} memory timing is for {@code TILE} fidelity only: it moves no bytes. */
    public KpuTop(KpuConfig config, Fidelity fidelity, MemoryTiming memoryTiming, TransactionLog log) {
        if (memoryTiming == MemoryTiming.FLOW && fidelity == Fidelity.PE) {
            throw new ConfigException("memory", "flow timing moves no bytes, so it needs tile fidelity");
        }
        this.config = config;
        this.fidelity = fidelity;
        this.mem = MemoryHierarchy.build(config.hierarchy(), sim, log);
        this.array = mem.clock(config.arrayClock());
        this.timing = new TileTiming(config, mem);
        this.flow = memoryTiming == MemoryTiming.FLOW ? new FlowMemory(config.hierarchy(), mem.map()) : null;
        this.completeHandler = sim.register(this::completeEvent);
        this.releaseHandler = sim.register(this::releaseEvent);
        this.folds = new FoldStream[config.tiles()];
        for (int t = 0; t < folds.length; t++) {
            folds[t] = new FoldStream();
        }
        var h = config.hierarchy();
        dmaBase = 0;
        bmBase = dmaBase + h.dma().count();
        strBase = bmBase + h.blockMover().count();
        tileBase = strBase + h.streamer().count();
        drainBase = tileBase + config.tiles();
        ctrl = drainBase + config.tiles();
        queueNames = new String[ctrl + 1];
        queueClocks = new ClockDomain[ctrl + 1];
        for (int q = 0; q <= ctrl; q++) {
            queueNames[q] = queueName(q);
            queueClocks[q] = q < bmBase ? mem.clock(h.dma().clock()) : q < strBase ? mem.clock(h.blockMover().clock()) : array;
        }
        for (RegionKind k : RegionKind.values()) {
            levelBytes.put(k, new long[1]);
        }
    }

    public AddressMap map() {
        return mem.map();
    }

    public MemoryHierarchy hierarchy() {
        return mem;
    }

    public KpuConfig config() {
        return config;
    }

    /**
     * Records every instruction, when it completes, as a transaction: id = its index in the program,
     * component = its queue ({@code dma.0}, {@code str.1}, {@code tile.0}, ...), kind = the op in lower
     * case, issue and completion as the first edge of the queue's clock at or after each. A queue
     * head that had to wait for its dependencies also gets a {@code stall} record for the wait.
     */
    public void traceInstructions(TraceWriter writer) {
        this.instructionTrace = writer;
    }

    /** Runs a program to completion; a KpuTop runs one program. */
    public KpuResult run(Program p) {
        if (program != null) {
            throw new IllegalStateException("a KpuTop runs one program");
        }
        program = p;
        try {
            dtype = DType.parse(p.dtype());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("dtype", e.getMessage());
        }
        ins = p.instructions().toArray(new Instruction[0]);
        int n = ins.length;
        queueOf = new int[n];
        for (int i = 0; i < n; i++) {
            queueOf[i] = queueFor(i);
            validate(i);
        }
        deps = Dependencies.of(p.instructions(), dtype.accBits() / 8);
        linkWaits();
        buildQueues();
        done = new boolean[n];
        startPs = new long[n];
        endTimes = new long[n];
        pump();
        sim.run();
        if (completed != n) {
            throw new ConfigException("instructions", "deadlock: " + (n - completed) + " of " + n
                    + " instructions never became ready (a WAIT without its SIGNAL completing, or a cycle of waits)");
        }
        return result();
    }

    private String queueName(int q) {
        if (q < bmBase) {
            return "dma." + q;
        } else if (q < strBase) {
            return "bm." + (q - bmBase);
        } else if (q < tileBase) {
            return "str." + (q - strBase);
        } else if (q < drainBase) {
            return "tile." + (q - tileBase);
        } else if (q < ctrl) {
            return "drain." + (q - drainBase);
        }
        return "ctrl";
    }

    private int queueFor(int i) {
        Instruction in = ins[i];
        Op.Unit unit = in.op() == Op.SIGNAL || in.op() == Op.WAIT
                ? Op.Unit.valueOf(in.unit().toUpperCase(Locale.ROOT)) : in.op().unit();
        var h = config.hierarchy();
        return switch (unit) {
            case DMA -> engine(i, dmaBase, h.dma().count());
            case BM -> engine(i, bmBase, h.blockMover().count());
            case STR -> engine(i, strBase, h.streamer().count());
            case TILE -> engine(i, tileBase, config.tiles());
            case DRAIN -> engine(i, drainBase, config.tiles());
            case CTRL -> ctrl;
        };
    }

    private int engine(int i, int base, int count) {
        int e = ins[i].engine();
        if (e >= count) {
            throw bad(i, "engine", "value " + e + " is out of range, allowed 0.." + (count - 1));
        }
        return base + e;
    }

    private static ConfigException bad(int i, String field, String problem) {
        return new ConfigException("instructions[" + i + "]." + field, problem);
    }

    /** Checks every address against the levels its operation connects, before anything runs. */
    private void validate(int i) {
        Instruction in = ins[i];
        switch (in.op()) {
            case DMA_LOAD, DMA_STORE -> {
                boolean load = in.op() == Op.DMA_LOAD;
                region(i, "src", in.src(), in.sourceSpan(), load ? OFF_CHIP : L3);
                region(i, "dst", in.dst(), in.destinationSpan(), load ? L3 : OFF_CHIP);
            }
            case BM_MOVE, BM_TRANSPOSE -> {
                region(i, "src", in.src(), in.sourceSpan(), L3);
                region(i, "dst", in.dst(), in.destinationSpan(), L2);
            }
            case BM_DEQUANT -> {
                if (!dtype.floating() && dtype != DType.INT8) {
                    // codes are int8 operands; an int16 array would need them widened and no program does that
                    throw bad(i, "op", "BM_DEQUANT writes int8, bf16 or fp32 operands, but the program is " + dtype.lowerName());
                }
                if (in.elem() != (dtype.operandBits() + 7) / 8) {
                    throw bad(i, "elem", "value " + in.elem() + " is not the " + dtype.lowerName() + " operand width, allowed "
                            + (dtype.operandBits() + 7) / 8);
                }
                region(i, "src", in.src(), in.sourceSpan(), L3);
                if (in.src2() != null) {
                    region(i, "src2", in.src2(), in.scaleBytesRead(), L3);
                }
                region(i, "dst", in.dst(), in.destinationSpan(), L2);
            }
            case FEED_ROWS, FEED_COLS, FEED_PATCHES -> {
                region(i, "src", in.src(), in.sourceSpan(), L2);
                region(i, "dst", in.dst(), in.destinationSpan(), L1);
            }
            case COMPUTE -> {
                long acc = dtype.accBits() / 8;
                if (in.elem() != (dtype.operandBits() + 7) / 8) {
                    throw bad(i, "elem", "value " + in.elem() + " is not the " + dtype.lowerName() + " operand width, allowed "
                            + (dtype.operandBits() + 7) / 8);
                }
                region(i, "src", in.src(), (long) in.rows() * in.depth() * in.elem(), L1);
                region(i, "src2", in.src2(), (long) in.depth() * in.cols() * in.elem(), L1);
                region(i, "dst", in.dst(), (long) in.rows() * in.cols() * acc, L1);
            }
            case DRAIN -> {
                if (in.scalesGroup() && dtype != DType.INT8) {
                    // scale_acc turns int32 partial sums into fp32: the int8 array's accumulators only
                    throw bad(i, "epilogue", "scale_acc scales int32 accumulators, but the program is " + dtype.lowerName()
                            + ": it is for int8 programs");
                }
                if (in.requantizes() && dtype != DType.INT8) {
                    // only the int8 array's next layer takes int8 operands
                    throw bad(i, "epilogue", in.epilogue() + " requantizes int32 accumulators to int8, but the program is "
                            + dtype.lowerName() + ": it is for int8 programs");
                }
                region(i, "src", in.src(), in.sourceSpan(), L1);
                region(i, "dst", in.dst(), in.destinationSpan(), L3);
                if (in.src2() != null) {
                    region(i, "src2", in.src2(), drainSideBytes(in), L3);
                }
                if (in.bias() != null) {
                    region(i, "bias", in.bias(), (long) in.cols() * 4, L3);
                }
            }
            case BARRIER, SIGNAL, WAIT -> { }
        }
    }

    /** What a drain reads at src2: the bias (cols accumulators) or a scale row (cols fp16). */
    private static long drainSideBytes(Instruction in) {
        return (long) in.cols() * (in.scalesGroup() ? Dequant.SCALE_BYTES : in.elem());
    }

    private static final List<RegionKind> OFF_CHIP = List.of(RegionKind.HOST, RegionKind.EXTERNAL);
    private static final List<RegionKind> L3 = List.of(RegionKind.L3);
    private static final List<RegionKind> L2 = List.of(RegionKind.L2);
    private static final List<RegionKind> L1 = List.of(RegionKind.L1);

    private void region(int i, String field, long address, long span, List<RegionKind> allowed) {
        RegionKind kind;
        try {
            kind = mem.map().regionOf(address, span).kind();
        } catch (MemoryAccessException e) {
            throw bad(i, field, String.format(Locale.ROOT, "0x%x: %s", address, e.getMessage()));
        }
        if (!allowed.contains(kind)) {
            throw bad(i, field, String.format(Locale.ROOT, "0x%x is in %s, %s needs %s", address, kind.label(),
                    ins[i].op(), allowed.stream().map(RegionKind::label).toList()));
        }
    }

    /** A WAIT depends on the latest earlier SIGNAL with its flag. */
    private void linkWaits() {
        Map<Integer, Integer> lastSignal = new HashMap<>();
        for (int i = 0; i < ins.length; i++) {
            Instruction in = ins[i];
            if (in.op() == Op.SIGNAL) {
                lastSignal.put(in.flag(), i);
            } else if (in.op() == Op.WAIT) {
                Integer s = lastSignal.get(in.flag());
                if (s == null) {
                    throw bad(i, "flag", "value " + in.flag() + " has no earlier SIGNAL");
                }
                int[] d = Arrays.copyOf(deps[i], deps[i].length + 1);
                d[d.length - 1] = s;
                deps[i] = d;
            }
        }
    }

    private void buildQueues() {
        int queues = ctrl + 1;
        int[] counts = new int[queues];
        for (int q : queueOf) {
            counts[q]++;
        }
        items = new int[queues][];
        for (int q = 0; q < queues; q++) {
            items[q] = new int[counts[q]];
            counts[q] = 0;
        }
        for (int i = 0; i < queueOf.length; i++) {
            items[queueOf[i]][counts[queueOf[i]]++] = i;
        }
        head = new int[queues];
        running = new int[queues];
        Arrays.fill(running, -1);
        busyPs = new long[queues];
        inFlightUntilPs = new long[queues];
        busyCountedToPs = new long[queues];
        waitPs = new long[queues];
        blockedSince = new long[queues];
        Arrays.fill(blockedSince, -1);
        waitingOn = new int[queues];
        Arrays.fill(waitingOn, -1);
        dirty = new boolean[queues];
        Arrays.fill(dirty, true);
        dirtyCount = queues;
        issued = new long[queues];
        movedBytes = new long[queues];
    }

    /**
     * Starts every queue head that can start; repeats while instant instructions complete. Passes go
     * over the queues in index order, as a sweep of all of them would, but look only at the queues
     * something happened to since they were last looked at (their unit freed, or the instruction
     * their head waits for completed): any other queue would stay as it is, so the issue order is
     * the same as sweeping every queue.
     */
    private void pump() {
        while (dirtyCount > 0) {
            for (int q = 0; q < items.length && dirtyCount > 0; q++) {
                if (!dirty[q]) {
                    continue;
                }
                dirty[q] = false;
                dirtyCount--;
                while (running[q] < 0 && head[q] < items[q].length) {
                    int i = items[q][head[q]];
                    int blocker = blocker(i);
                    if (blocker >= 0) {
                        waitingOn[q] = blocker;
                        if (blockedSince[q] < 0) {
                            // a tile still finishing its previous compute is busy, not waiting
                            blockedSince[q] = Math.max(sim.now(), inFlightUntilPs[q]);
                        }
                        break;
                    }
                    if (blockedSince[q] >= 0) {
                        waitPs[q] += Math.max(0, sim.now() - blockedSince[q]);
                        traceStall(q, i);
                        blockedSince[q] = -1;
                    }
                    head[q]++;
                    issue(q, i);
                }
            }
        }
    }

    /**
     * Records the wait of queue q's head i on its dependencies as a {@code stall} transaction (the
     * utilization timeline draws it as stalled time). Its id is the program length + i, so it never
     * collides with the instruction's own record.
     */
    private void traceStall(int q, int i) {
        if (instructionTrace != null) {
            ClockDomain c = queueClocks[q];
            long from = c.cycleCeil(blockedSince[q]);
            long to = c.cycleCeil(sim.now());
            if (to > from) {   // a wait shorter than one of the queue's cycles is not drawn
                instructionTrace.transaction(new Transaction(ins.length + i, queueNames[q], "stall", from, to, 0, null));
            }
        }
    }

    private void markDirty(int q) {
        if (!dirty[q]) {
            dirty[q] = true;
            dirtyCount++;
        }
    }

    /** The first dependency of i not yet done, or -1 when i is ready. */
    private int blocker(int i) {
        for (int d : deps[i]) {
            if (!done[d]) {
                return d;
            }
        }
        return -1;
    }

    private void issue(int q, int i) {
        Instruction in = ins[i];
        startPs[i] = sim.now();
        issued[q]++;
        switch (in.op()) {
            case BARRIER, SIGNAL, WAIT -> {
                finish(q, i);
                return;
            }
            default -> { }
        }
        running[q] = i;
        CompletionListener listener = in.op() == Op.BM_DEQUANT ? this::completeEvent : token -> complete((int) token);
        switch (in.op()) {
            case DMA_LOAD, DMA_STORE -> {
                countBytes(in.src(), in.bytes());
                countBytes(in.dst(), in.bytes());
                movedBytes[q] += in.bytes();
                if (flow != null) {
                    sim.schedule(flow.complete(in, sim.now()), completeHandler, i);
                } else {
                    mem.dmas().get(in.engine()).submit(descriptors(in), listener, i);
                }
            }
            case BM_MOVE, BM_TRANSPOSE -> {
                countBytes(in.src(), in.bytes());
                countBytes(in.dst(), in.bytes());
                movedBytes[q] += in.bytes();
                BlockTransform t = in.op() == Op.BM_MOVE ? BlockTransform.IDENTITY : BlockTransform.TRANSPOSE;
                if (flow != null) {
                    sim.schedule(flow.complete(in, sim.now()), completeHandler, i);
                    return;
                }
                mem.blockMovers().get(in.engine()).submit(BlockMove.of(in.src(), in.rows(), in.cols(), in.elem(),
                        in.srcPitch(), in.dst(), in.dstPitch(), t), listener, i);
            }
            case BM_DEQUANT -> {
                // reads the packed codes and scales, writes the operand tile
                countBytes(in.src(), in.sourceSpan());
                if (in.src2() != null) {
                    countBytes(in.src2(), in.scaleBytesRead());
                }
                countBytes(in.dst(), in.bytes());
                movedBytes[q] += in.streamedBytes();
                if (flow != null) {
                    sim.schedule(flow.complete(in, sim.now()), completeHandler, i);
                    return;
                }
                mem.blockMovers().get(in.engine()).submitOpaque(in.src(), in.sourceSpan(), in.dst(), in.destinationSpan(),
                        in.streamedBytes(), "bm.dequant", listener, i);
            }
            case FEED_ROWS, FEED_COLS, DRAIN -> {
                if (in.op() == Op.DRAIN && in.src2() != null) {
                    countBytes(in.src2(), drainSideBytes(in));
                }
                if (in.scalesGroup() && in.accumulate()) {
                    // the fp32 partial sums it adds to are read from L3 first
                    countBytes(in.dst(), in.bytes());
                }
                if (in.bias() != null) {
                    countBytes(in.bias(), (long) in.cols() * 4);
                }
                countBytes(in.src(), in.bytes());
                countBytes(in.dst(), in.writtenBytes());
                movedBytes[q] += in.bytes();
                schedule(i, in.op() == Op.DRAIN ? timing.drain(in) : timing.feed(in));
            }
            case FEED_PATCHES -> {
                // padding is generated, so L2 sees only the elements really read
                countBytes(in.src(), in.patches().readElements(in.rows(), in.cols()) * in.elem());
                countBytes(in.dst(), in.bytes());
                movedBytes[q] += in.bytes();
                schedule(i, timing.feedPatches(in));
            }
            case COMPUTE -> {
                long acc = dtype.accBits() / 8;
                long ab = (long) in.depth() * (in.rows() + in.cols()) * in.elem();
                long c = (long) in.rows() * in.cols() * acc;
                levelBytes.get(RegionKind.L1)[0] += ab + c + (in.accumulate() ? c : 0);
                macs += (long) in.rows() * in.cols() * in.depth();
                startCompute(q, i);
            }
            default -> throw new IllegalStateException(in.op().name());
        }
    }

    private static List<DmaDescriptor> descriptors(Instruction in) {
        long rowBytes = (long) in.cols() * in.elem();
        if (in.srcPitch() == in.cols() && in.dstPitch() == in.cols()) {
            return List.of(new DmaDescriptor(in.src(), in.dst(), rowBytes * in.rows()));
        }
        List<DmaDescriptor> d = new ArrayList<>(in.rows());
        for (int r = 0; r < in.rows(); r++) {
            d.add(new DmaDescriptor(in.src() + (long) r * in.srcPitch() * in.elem(),
                    in.dst() + (long) r * in.dstPitch() * in.elem(), rowBytes));
        }
        return d;
    }

    private void countBytes(long address, long bytes) {
        levelBytes.get(mem.map().regionOf(address, 1).kind())[0] += bytes;
    }

    /** A closed-form instruction: starts at the next array edge, ends {@code cycles} edges later. */
    private void schedule(int i, long cycles) {
        long startCycle = array.cycleCeil(sim.now());
        sim.schedule(array.timeOf(startCycle + cycles), completeHandler, i);
    }

    /**
     * A compute starts when its array can take its first fold ({@link FoldStream}), possibly while the
     * previous compute's last folds still drain; the tile's queue is free again when this one's last
     * fold has streamed in, its completion comes when its last result is out.
     */
    private void startCompute(int q, int i) {
        FoldPlan plan = timing.compute(ins[i]);
        FoldStream stream = folds[q - tileBase];
        long start = stream.start(plan, array.cycleCeil(sim.now()));
        startPs[i] = array.timeOf(start);
        long end = array.timeOf(start + plan.cycles());
        inFlightUntilPs[q] = Math.max(inFlightUntilPs[q], end);
        sim.schedule(end, completeHandler, i);
        sim.schedule(array.timeOf(stream.releaseCycle()), releaseHandler, i);
    }

    private void releaseEvent(long i) {
        int q = queueOf[(int) i];
        if (running[q] == i) {
            running[q] = -1;
            markDirty(q);
            pump();
        }
    }

    private void completeEvent(long i) {
        int idx = (int) i;
        Instruction in = ins[idx];
        if (fidelity == Fidelity.PE) {
            DataPath.apply(in, mem.map(), dtype, config);
        }
        complete(idx);
    }

    private void complete(int i) {
        finish(queueOf[i], i);
        pump();
    }

    /** When instruction i started (was issued to its unit), in ps; valid after {@link #run}. */
    public long startPs(int i) {
        return startPs[i];
    }

    /** When instruction i completed, in ps; valid after {@link #run}. */
    public long endPs(int i) {
        return endTimes[i];
    }

    private void finish(int q, int i) {
        done[i] = true;
        markDirty(q);
        for (int w = 0; w < waitingOn.length; w++) {
            if (waitingOn[w] == i) {
                waitingOn[w] = -1;
                markDirty(w);
            }
        }
        endTimes[i] = sim.now();
        completed++;
        if (running[q] == i) {
            running[q] = -1;
        }
        // computes on one tile may overlap (startCompute): busy is the union of the queue's instructions
        busyPs[q] += Math.max(0, sim.now() - Math.max(startPs[i], busyCountedToPs[q]));
        busyCountedToPs[q] = Math.max(busyCountedToPs[q], sim.now());
        endPs = Math.max(endPs, sim.now());
        if (instructionTrace != null) {
            ClockDomain c = queueClocks[q];
            Instruction in = ins[i];
            long bytes = in.rows() == null || in.cols() == null || in.elem() == null ? 0 : in.bytes();
            instructionTrace.transaction(new Transaction(i, queueNames[q], in.op().name().toLowerCase(Locale.ROOT),
                    c.cycleCeil(startPs[i]), c.cycleCeil(sim.now()), bytes, null));
        }
    }

    private KpuResult result() {
        long period = array.periodPs();
        long cycles = (endPs + period - 1) / period;
        double seconds = endPs / 1e12;
        long external = levelBytes.get(RegionKind.EXTERNAL)[0] + levelBytes.get(RegionKind.HOST)[0];
        List<EngineReport> engines = new ArrayList<>();
        for (int q = 0; q < ctrl; q++) {
            if (items[q].length == 0) {
                continue;
            }
            ClockDomain c = queueClocks[q];
            long span = c.psToCyclesCeil(endPs);
            long busy = c.psToCyclesCeil(busyPs[q]);
            engines.add(new EngineReport(queueNames[q], c.name(), issued[q], movedBytes[q], busy,
                    c.psToCyclesCeil(waitPs[q]), span == 0 ? 0 : (double) busy / span));
        }
        Map<String, Long> levels = new LinkedHashMap<>();
        levelBytes.forEach((k, v) -> levels.put(k.label(), v[0]));
        double ops = 2.0 * macs;
        return new KpuResult(program.name(), config.name(), fidelity.name().toLowerCase(Locale.ROOT), config.rows(), config.cols(),
                array.name(), period, cycles, endPs / 1000.0, ins.length, macs,
                cycles == 0 ? 0 : (double) macs / ((double) cycles * config.rows() * config.cols() * config.tiles()),
                seconds == 0 ? 0 : ops / seconds / 1e9, seconds == 0 ? 0 : external / seconds / 1e9,
                external == 0 ? 0 : ops / external, levels, engines);
    }
}

package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.FoldPlan;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.memory.MemoryHierarchy;
import dev.lockstep.memory.config.SramConfig;
import dev.lockstep.sim.ClockDomain;

/**
 * Closed-form durations, in array cycles, of the instructions the executor times itself
 * (docs/kpu-top.md, "Timing"):
 * <ul>
 * <li>feed: the L2 latency, then the Streamer's wavefront (lane l sends element t - l in step t) in
 *     passes of at most {@code lanes} lanes, or the L2 ports' bytes per cycle if slower;</li>
 * <li>patch feed: the same wavefront of K-element patch rows, or the L2 ports' beats if slower, where
 *     the Streamer reads each run of one input pixel's channels as its own access (padding is
 *     generated, not read): {@link #feedPatches}.</li>
 * <li>compute: {@link FoldPlan#cycles()} of the output-stationary array, native overlap, from a start
 *     that may overlap the previous compute's last folds ({@link FoldStream});</li>
 * <li>drain: the L3 latency plus a pipeline of the result rows leaving in the same wavefront passes,
 *     the vector engine's epilogue (if any) and the L3 ports' writes: the slowest of the three sets
 *     the pace, the vector engine adds only its fill ({@link Instruction#drainStreamCycles}). With
 *     wavefront steps S, vector beats B = rows ceil(cols / 8), port cycles P, depth 3 and the SFU
 *     table's 2: L3 latency + max(S, B, P) + 3 (+ 2); with no epilogue L3 latency + max(S, P). Not
 *     S + B + fill in series: the engine starts on the first row as soon as it is out, not after the
 *     last.</li>
 * </ul>
 */
final class TileTiming {
    private final KpuConfig config;
    private final ClockDomain array;
    private final int lanes;
    private final long l2Latency;
    private final long l3Latency;
    private final ClockDomain l2Clock;
    private final ClockDomain l3Clock;
    private final long l2BytesPerCycle;
    private final long l3BytesPerCycle;
    private final long l2PortWidth;
    private final long l2Ports;

    TileTiming(KpuConfig config, MemoryHierarchy mem) {
        this.config = config;
        this.array = mem.clock(config.arrayClock());
        var h = config.hierarchy();
        this.lanes = h.streamer().lanes();
        this.l2Clock = mem.clock(h.l2().clock());
        this.l3Clock = mem.clock(h.l3().clock());
        this.l2Latency = toArray(l2Clock, h.l2().latencyCycles());
        this.l3Latency = toArray(l3Clock, h.l3().latencyCycles());
        this.l2BytesPerCycle = portBytes(h.l2());
        this.l3BytesPerCycle = portBytes(h.l3());
        this.l2PortWidth = h.l2().bytesPerCycle();
        this.l2Ports = h.l2().ports();
    }

    private static long portBytes(SramConfig s) {
        return (long) s.ports() * s.bytesPerCycle();
    }

    private long toArray(ClockDomain c, long cycles) {
        return array.psToCyclesCeil(c.cyclesToPs(cycles));
    }

    long feed(Instruction in) {
        boolean rows = in.op() == Op.FEED_ROWS;
        long steps = wavefront(rows ? in.rows() : in.cols(), rows ? in.cols() : in.rows());
        long port = toArray(l2Clock, ceilDiv(in.bytes(), l2BytesPerCycle));
        return l2Latency + Math.max(steps, port);
    }

    /**
     * L2 latency + max(wavefront of {@code rows} patch rows of {@code cols} elements, L2 port cycles).
     * A patch row is kh kw runs of up to {@code channels} consecutive elements at unrelated addresses,
     * so the ports serve accesses, not bytes: a run of b bytes takes ceil(b / port width) beats, and
     * the {@code ports} ports take one beat each per L2 cycle. With channels x elem >= the port width
     * this is the FEED_ROWS byte rate; with few channels (conv1: 3 bytes a run) it is far slower.
     */
    long feedPatches(Instruction in) {
        long steps = wavefront(in.rows(), in.cols());
        long beats = in.patches().l2Beats(in.rows(), in.cols(), in.elem(), l2PortWidth);
        long port = toArray(l2Clock, ceilDiv(beats, l2Ports));
        return l2Latency + Math.max(steps, port);
    }

    /**
     * A scale_acc drain moves more through the L3 ports (its scale row, and when accumulating the
     * fp32 partial tile read as well as written: {@link Instruction#drainL3Bytes}) and, accumulating,
     * waits one more L3 latency for the first partial sums it adds to.
     */
    long drain(Instruction in) {
        long steps = wavefront(in.rows(), in.cols());
        long port = toArray(l3Clock, ceilDiv(in.drainL3Bytes(), l3BytesPerCycle));
        long latency = in.scalesGroup() && in.accumulate() ? 2 * l3Latency : l3Latency;
        return latency + in.drainStreamCycles(steps, port);
    }

    /** A compute's folds; it lasts {@link FoldPlan#cycles()} from its start ({@link FoldStream} says when that is). */
    FoldPlan compute(Instruction in) {
        return new FoldPlan(config.rows(), config.cols(), Dataflow.OS, Overlap.NATIVE, in.rows(), in.cols(), in.depth());
    }

    /** Steps to stream {@code laneCount} lanes of {@code perLane} elements through {@code lanes} lanes. */
    private long wavefront(long laneCount, long perLane) {
        long full = laneCount / lanes;
        long rest = laneCount % lanes;
        long steps = full * (perLane + lanes - 1);
        return rest == 0 ? steps : steps + perLane + rest - 1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

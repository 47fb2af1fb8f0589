package dev.lockstep.memory.engine;

import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.memory.SimpleMemory;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.Channel;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Clocked;
import java.util.ArrayDeque;

/**
 * A Streamer between one L2 bank and the L1 FIFOs at an edge of the systolic array, clocked with the
 * array.
 *
 * <p>Feed (L2 -> L1): a {@code rows x cols} matrix is streamed one element per lane per cycle with
 * the skew a systolic array needs: in wavefront step t, lane l sends its element {@code t - l}. The
 * first step comes {@code latency} cycles of the L2 bank after the stream starts (the first read).
 * A step happens only when every lane that sends in it has a credit in its FIFO and an L2 port has
 * room for the step's bytes; otherwise the whole wavefront waits a cycle, so a slow consumer stalls
 * the stream and the skew is never broken.
 *
 * <p>Drain (L1 -> L2): lane r delivers row r of the result in order; each cycle every lane with an
 * arrived element is emptied into L2 when a port has room for them all.
 *
 * <p>A FIFO element is one {@code long}: the element's bytes little-endian. Traced as transactions of
 * kind {@code str.rows}, {@code str.columns}, {@code str.drain}.
 */
public final class Streamer implements Clocked {
    private record Job(boolean drain, StreamShape shape, long address, int rows, int cols, int elementBytes,
                       int pitch, Channel[] lanes, CompletionListener listener, long token) {}

    private final String name;
    private final ClockDomain clock;
    private final AddressMap map;
    private final TransactionLog log;
    private final EngineStats stats;
    private final int id;
    private final byte[] element = new byte[8];
    private final ArrayDeque<Job> queue = new ArrayDeque<>();

    private Job job;
    private SimpleMemory port;
    private int laneCount;
    private int perLane;
    private long step;
    private long steps;
    private long startCycle = -1;
    private long firstStepCycle;
    private int[] drained;
    private long drainedTotal;

    public Streamer(String name, ClockDomain clock, AddressMap map, TransactionLog log) {
        this.name = name;
        this.clock = clock;
        this.map = map;
        this.log = log;
        this.stats = new EngineStats(name, clock);
        this.id = clock.add(this);
        clock.sleep(id);
    }

    public String name() {
        return name;
    }

    public EngineStats stats() {
        return stats;
    }

    public boolean idle() {
        return job == null && queue.isEmpty();
    }

    /**
     * Streams a {@code rows x cols} matrix at {@code l2Address} (rows {@code pitch} elements apart)
     * into {@code lanes}: one lane per row ({@link StreamShape#ROWS}) or per column.
     */
    public void feed(StreamShape shape, long l2Address, int rows, int cols, int elementBytes, int pitch,
                     Channel[] lanes, CompletionListener listener, long token) {
        submit(new Job(false, shape, l2Address, rows, cols, elementBytes, pitch, lanes.clone(), listener, token));
    }

    /** Writes row r of a {@code rows x cols} result, arriving on {@code lanes[r]}, to L2 at {@code l2Address}. */
    public void drain(Channel[] lanes, long l2Address, int rows, int cols, int elementBytes, int pitch,
                      CompletionListener listener, long token) {
        submit(new Job(true, StreamShape.ROWS, l2Address, rows, cols, elementBytes, pitch, lanes.clone(), listener, token));
    }

    private void submit(Job j) {
        String what = name + (j.drain() ? " drain" : " feed");
        if (j.rows() < 1 || j.cols() < 1 || j.elementBytes() < 1 || j.elementBytes() > 8 || j.pitch() < j.cols()) {
            throw new MemoryAccessException(what + ": shape " + j.rows() + "x" + j.cols() + " pitch " + j.pitch()
                    + " of " + j.elementBytes() + "-byte elements, allowed rows, cols >= 1, pitch >= cols, 1..8 bytes");
        }
        int need = j.shape() == StreamShape.COLUMNS ? j.cols() : j.rows();
        if (j.lanes().length < need) {
            throw new MemoryAccessException(what + ": needs " + need + " lanes, given " + j.lanes().length);
        }
        long span = ((long) (j.rows() - 1) * j.pitch() + j.cols()) * j.elementBytes();
        Region r;
        try {
            r = map.regionOf(j.address(), span);
        } catch (MemoryAccessException e) {
            throw new MemoryAccessException(what + ": " + e.getMessage());
        }
        if (r.kind() != RegionKind.L2 || !(r.channel(0) instanceof SimpleMemory)) {
            throw new MemoryAccessException(what + ": " + r.name() + " is not an L2 bank; a Streamer works on L2 only");
        }
        queue.add(j);
        clock.wake(id);
    }

    @Override
    public void evaluate() {
        // All work is in commit: FIFO sends and port bookings are only visible to others from the next cycle.
    }

    @Override
    public void commit() {
        long cycle = clock.currentCycle();
        if (job == null && !begin(cycle)) {
            clock.sleep(id);
            return;
        }
        boolean progressed = job.drain() ? drainStep() : cycle >= firstStepCycle && feedStep();
        if (!progressed && cycle >= firstStepCycle) {
            stats.stall(1);
        }
        boolean finished = job.drain() ? drainedTotal == (long) laneCount * perLane : step == steps;
        if (finished) {
            finish(cycle);
        }
    }

    private boolean begin(long cycle) {
        job = queue.poll();
        if (job == null) {
            return false;
        }
        Region r = map.regionOf(job.address(), 1);
        port = (SimpleMemory) r.channel(0);
        boolean columns = job.shape() == StreamShape.COLUMNS;
        laneCount = columns ? job.cols() : job.rows();
        perLane = columns ? job.rows() : job.cols();
        step = 0;
        steps = (long) perLane + laneCount - 1;
        startCycle = cycle;
        firstStepCycle = cycle + (job.drain() ? 0 : port.latencyCycles());
        if (job.drain()) {
            drained = new int[laneCount];
            drainedTotal = 0;
        }
        return true;
    }

    private long addressOf(int lane, int i) {
        boolean columns = job.shape() == StreamShape.COLUMNS;
        long row = columns ? i : lane;
        long col = columns ? lane : i;
        return job.address() + (row * job.pitch() + col) * job.elementBytes();
    }

    private boolean feedStep() {
        int lo = (int) Math.max(0, step - perLane + 1);
        int hi = (int) Math.min(laneCount - 1, step);
        for (int l = lo; l <= hi; l++) {
            if (!job.lanes()[l].canSend()) {
                return false;
            }
        }
        int e = job.elementBytes();
        if (!port.tryReserve((hi - lo + 1) * e)) {
            return false;
        }
        for (int l = lo; l <= hi; l++) {
            job.lanes()[l].trySend(load(addressOf(l, (int) (step - l))), e);
        }
        step++;
        return true;
    }

    private boolean drainStep() {
        int ready = 0;
        for (int l = 0; l < laneCount; l++) {
            if (drained[l] < perLane && job.lanes()[l].canReceive()) {
                ready++;
            }
        }
        if (ready == 0 || !port.tryReserve(ready * job.elementBytes())) {
            return false;
        }
        for (int l = 0; l < laneCount; l++) {
            if (drained[l] < perLane && job.lanes()[l].canReceive()) {
                store(addressOf(l, drained[l]++), job.lanes()[l].receive());
                drainedTotal++;
            }
        }
        return true;
    }

    private long load(long address) {
        int e = job.elementBytes();
        map.read(address, element, 0, e);
        long v = 0;
        for (int i = e - 1; i >= 0; i--) {
            v = (v << 8) | (element[i] & 0xFF);
        }
        return v;
    }

    private void store(long address, long value) {
        int e = job.elementBytes();
        for (int i = 0; i < e; i++) {
            element[i] = (byte) (value >>> (8 * i));
        }
        map.write(address, element, 0, e);
    }

    private void finish(long cycle) {
        Job done = job;
        long bytes = (long) done.rows() * done.cols() * done.elementBytes();
        stats.job(bytes);
        stats.busy(cycle + 1 - startCycle);
        String kind = done.drain() ? "str.drain" : done.shape() == StreamShape.ROWS ? "str.rows" : "str.columns";
        log.record(name, kind, startCycle, cycle, bytes);
        job = null;
        done.listener().done(done.token());
    }
}

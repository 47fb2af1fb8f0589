package dev.lockstep.memory.engine;

import dev.lockstep.memory.MemoryClient;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;

/**
 * The data path of a copy engine: moves one job of {@code [src, src + n)} to {@code [dst, dst + n)}
 * as bursts. A burst is issued when the engine's own wire ({@code bytesPerCycle} at its clock) has
 * room this cycle, fewer than {@code maxOutstanding} bursts are in flight and the source's memory
 * accepts the read; once read it is offered to the destination's memory as a write. Bursts never
 * straddle an interleave granule of either side, so each goes to exactly one memory channel.
 *
 * <p>Timing only: the owner copies the bytes when {@code jobDone} runs.
 */
final class BurstPipeline implements MemoryClient {
    private static final long READ = 0;
    private static final long WRITE = 1L << 60;
    private static final long RETRY_WRITE = 2L << 60;
    private static final long RETRY_ISSUE = 3L << 60;
    private static final long STAGE = 3L << 60;

    private final ClockDomain clock;
    private final Simulation sim;
    private final AddressMap map;
    private final long width;
    private final int burstBytes;
    private final Runnable jobDone;
    private final EngineStats stats;
    private final int issueHandler;

    // Bursts in flight by slot; free slots form a stack.
    private final long[] burstSrc;
    private final long[] burstDst;
    private final int[] burstBytesOf;
    private final int[] freeSlots;
    private int freeCount;

    private long engineFreeSlot;
    private boolean issueScheduled;
    private boolean waitingForSource;

    private long src;
    private long dst;
    private long total;
    private long issued;
    private long done;
    private long jobStartPs;
    private long stallSincePs = -1;
    private boolean active;

    BurstPipeline(ClockDomain clock, AddressMap map, int bytesPerCycle, int burstBytes, int maxOutstanding,
                  EngineStats stats, Runnable jobDone) {
        this.clock = clock;
        this.sim = clock.simulation();
        this.map = map;
        this.width = bytesPerCycle;
        this.burstBytes = burstBytes;
        this.stats = stats;
        this.jobDone = jobDone;
        this.burstSrc = new long[maxOutstanding];
        this.burstDst = new long[maxOutstanding];
        this.burstBytesOf = new int[maxOutstanding];
        this.freeSlots = new int[maxOutstanding];
        for (int i = 0; i < maxOutstanding; i++) {
            freeSlots[i] = maxOutstanding - 1 - i;
        }
        this.freeCount = maxOutstanding;
        this.issueHandler = sim.register(arg -> {
            issueScheduled = false;
            issue();
        });
    }

    boolean active() {
        return active;
    }

    /** Starts a job now; the caller has checked both ranges against the address map. */
    void start(long from, long to, long bytes) {
        if (active) {
            throw new IllegalStateException("a job is already running");
        }
        active = true;
        src = from;
        dst = to;
        total = bytes;
        issued = 0;
        done = 0;
        jobStartPs = sim.now();
        issue();
    }

    /** Cycle of the engine's clock at which the current job started (first edge at or after it). */
    long jobStartCycle() {
        return clock.cycleCeil(jobStartPs);
    }

    private void issue() {
        if (!active) {
            return;
        }
        long cycle = clock.cycleCeil(sim.now());
        while (issued < total) {
            if (freeCount == 0) {
                stallFrom();
                return;
            }
            if (engineFreeSlot >= (cycle + 1) * width) {
                stallEnd();
                scheduleIssue(engineFreeSlot / width);
                return;
            }
            long s = src + issued;
            long d = dst + issued;
            Region rs = map.regionOf(s, 1);
            Region rd = map.regionOf(d, 1);
            int n = (int) Math.min(Math.min(total - issued, burstBytes),
                    Math.min(rs.granuleRemaining(s), rd.granuleRemaining(d)));
            int slot = freeSlots[freeCount - 1];
            if (!rs.channelFor(s).offer(s, n, false, this, READ | slot)) {
                stallFrom();
                if (!waitingForSource) {
                    waitingForSource = true;
                    rs.channelFor(s).notifyWhenReady(false, this, RETRY_ISSUE);
                }
                return;
            }
            stallEnd();
            freeCount--;
            burstSrc[slot] = s;
            burstDst[slot] = d;
            burstBytesOf[slot] = n;
            long begin = Math.max(engineFreeSlot, cycle * width);
            engineFreeSlot = begin + n;
            issued += n;
        }
    }

    private void scheduleIssue(long cycle) {
        if (!issueScheduled) {
            issueScheduled = true;
            sim.schedule(clock.timeOf(cycle), Simulation.DEFAULT_PHASE, issueHandler, 0);
        }
    }

    private void stallFrom() {
        if (stallSincePs < 0) {
            stallSincePs = sim.now();
        }
    }

    private void stallEnd() {
        if (stallSincePs >= 0) {
            stats.stall(clock.psToCyclesCeil(sim.now() - stallSincePs));
            stallSincePs = -1;
        }
    }

    @Override
    public void completed(long tag) {
        long stage = tag & STAGE;
        int slot = (int) (tag & ~STAGE);
        if (stage == RETRY_ISSUE) {
            waitingForSource = false;
            issue();
        } else if (stage == READ || stage == RETRY_WRITE) {
            long d = burstDst[slot];
            var memory = map.regionOf(d, 1).channelFor(d);
            if (!memory.offer(d, burstBytesOf[slot], true, this, WRITE | slot)) {
                memory.notifyWhenReady(true, this, RETRY_WRITE | slot);
            }
        } else {
            done += burstBytesOf[slot];
            freeSlots[freeCount++] = slot;
            if (done == total) {
                stallEnd();
                active = false;
                long busy = clock.cycleCeil(sim.now()) - jobStartCycle();
                stats.job(total, busy);
                jobDone.run();
            } else {
                issue();
            }
        }
    }
}

package dev.lockstep.memory.engine;

import dev.lockstep.memory.MemoryClient;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import java.util.Arrays;

/**
 * The data path of a copy engine: moves queued jobs of {@code [src, src + n)} to {@code [dst, dst + n)}
 * as bursts. A burst is issued when the engine's own wire ({@code bytesPerCycle} at its clock) has
 * room this cycle, fewer than {@code maxOutstanding} bursts are in flight and the source's memory
 * accepts the read; once read it is offered to the destination's memory as a write. Bursts never
 * straddle an interleave granule of either side, so each goes to exactly one memory channel.
 *
 * <p>Jobs are issued in order, and the next job's bursts go out as soon as the previous job's last
 * burst has been issued, without waiting for it to land: a chain of short jobs (the rows of a strided
 * transfer) pays the memory latency once, not once per job, as long as bursts are free. Jobs complete
 * in order: {@code jobDone} runs once per job, when it and every job before it have been written. A job
 * that reads what an unfinished earlier job writes waits for it to finish.
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
    private final long[] burstJob;
    private final int[] freeSlots;
    private int freeCount;

    // Queued jobs as a ring indexed by sequence number & mask: [head, tail) not yet completed,
    // [issuing, tail) not yet fully issued.
    private long[] jobSrc = new long[16];
    private long[] jobDst = new long[16];
    private long[] jobBytes = new long[16];
    private long[] jobSrcSpan = new long[16];
    private long[] jobDstSpan = new long[16];
    private long[] jobLeft = new long[16];
    private long[] jobStartPs = new long[16];
    private int mask = 15;
    private long head;
    private long issuing;
    private long tail;
    private long issued;
    private long finishedStartPs;

    private long engineFreeSlot;
    private boolean issueScheduled;
    private boolean waitingForSource;
    private long stallSincePs = -1;
    private long busySincePs;

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
        this.burstJob = new long[maxOutstanding];
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

    /** Queues a job behind the others; the caller has checked both ranges against the address map. */
    void enqueue(long from, long to, long bytes) {
        enqueue(from, bytes, to, bytes, bytes);
    }

    /**
     * A job that streams {@code bytes} through the engine while it reads {@code sourceSpan} bytes and
     * writes {@code destinationSpan} (a transform that reads fewer or more bytes than it writes, timed
     * at the larger side): each burst reads and writes at its fraction of each block, so every access
     * stays inside its block and the bursts spread over the memories as the real accesses would.
     */
    void enqueue(long from, long sourceSpan, long to, long destinationSpan, long bytes) {
        if (tail - head > mask) {
            grow();
        }
        if (head == tail) {
            busySincePs = sim.now();
        }
        int j = (int) (tail & mask);
        jobSrc[j] = from;
        jobDst[j] = to;
        jobBytes[j] = bytes;
        jobSrcSpan[j] = sourceSpan;
        jobDstSpan[j] = destinationSpan;
        jobLeft[j] = bytes;
        tail++;
        issue();
    }

    /** Cycle of the engine's clock at which the job just reported done began issuing. */
    long jobStartCycle() {
        return clock.cycleCeil(finishedStartPs);
    }

    private void grow() {
        int n = jobSrc.length * 2;
        long[][] old = {jobSrc, jobDst, jobBytes, jobLeft, jobStartPs, jobSrcSpan, jobDstSpan};
        long[][] now = new long[7][n];
        for (int a = 0; a < 7; a++) {
            for (long s = head; s < tail; s++) {
                now[a][(int) (s & (n - 1))] = old[a][(int) (s & mask)];
            }
        }
        jobSrc = now[0];
        jobDst = now[1];
        jobBytes = now[2];
        jobLeft = now[3];
        jobStartPs = now[4];
        jobSrcSpan = now[5];
        jobDstSpan = now[6];
        mask = n - 1;
    }

    private void issue() {
        long cycle = clock.cycleCeil(sim.now());
        while (issuing < tail) {
            int j = (int) (issuing & mask);
            long total = jobBytes[j];
            if (freeCount == 0) {
                stallFrom();
                return;
            }
            if (engineFreeSlot >= (cycle + 1) * width) {
                stallEnd();
                scheduleIssue(engineFreeSlot / width);
                return;
            }
            if (issued == 0 && readsUnwritten(j)) {
                stallFrom();
                return;
            }
            long s = jobSrc[j] + at(issued, jobSrcSpan[j], total);
            long d = jobDst[j] + at(issued, jobDstSpan[j], total);
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
            burstJob[slot] = issuing;
            long begin = Math.max(engineFreeSlot, cycle * width);
            engineFreeSlot = begin + n;
            if (issued == 0) {
                jobStartPs[j] = sim.now();
            }
            issued += n;
            if (issued == total) {
                issued = 0;
                issuing++;
            }
        }
    }

    /** The offset in a block of {@code span} bytes that {@code done} of the job's {@code total} streamed bytes have reached. */
    private static long at(long done, long span, long total) {
        return span == total ? done : done * span / total;
    }

    /**
     * Whether job {@code j} reads bytes an earlier job has not yet written (a chain that loads a
     * block and then stores it on): it then waits for them to land, as pipelining would otherwise
     * read stale data in a real engine. Only issued, unfinished jobs can be earlier and unwritten.
     */
    private boolean readsUnwritten(int j) {
        long from = jobSrc[j];
        long to = from + jobSrcSpan[j];
        for (long e = head; e < issuing; e++) {
            int k = (int) (e & mask);
            if (jobDst[k] < to && from < jobDst[k] + jobDstSpan[k]) {
                return true;
            }
        }
        return false;
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
            jobLeft[(int) (burstJob[slot] & mask)] -= burstBytesOf[slot];
            freeSlots[freeCount++] = slot;
            // Report finished jobs in order; a listener may queue more work from inside jobDone.
            while (head < issuing && jobLeft[(int) (head & mask)] == 0) {
                int j = (int) (head & mask);
                head++;
                finishedStartPs = jobStartPs[j];
                stats.job(jobBytes[j]);
                if (head == tail) {
                    stallEnd();
                    stats.busy(clock.cycleCeil(sim.now()) - clock.cycleCeil(busySincePs));
                }
                jobDone.run();
            }
            issue();
        }
    }
}

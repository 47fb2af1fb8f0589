package dev.lockstep.memory.dram.bench;

import dev.lockstep.memory.dram.Dram;
import dev.lockstep.memory.dram.DramConfig;
import dev.lockstep.memory.dram.DramSpec;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.random.SplitMix64;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The DRAM bandwidth sweep: for each standard, each pattern (sequential, random) and each request
 * size from 64 B to 64 MB (powers of 4), a closed-loop reader keeps a fixed number of requests in
 * flight and the achieved bandwidth is compared with the device's peak. Random requests are
 * request-aligned and uniform over the device. Also measures simulation speed (DRAM bursts per
 * wall-clock second). Deterministic: the same arguments give the same figures, except wall time.
 */
public final class DramBandwidthSweep {
    /** One measured point. */
    public record Point(String standard, String pattern, long requestBytes, long totalBytes, double achievedBytesPerSecond,
                        double peakBytesPerSecond, long bursts, double wallSeconds, double cpuSeconds) {
        public double efficiency() {
            return achievedBytesPerSecond / peakBytesPerSecond;
        }

        public double burstsPerWallSecond() {
            return bursts / wallSeconds;
        }

        /** Simulation speed on this thread's CPU time: steadier than wall time on a shared machine. */
        public double burstsPerCpuSecond() {
            return bursts / cpuSeconds;
        }
    }

    public static final long MIN_SIZE = 64;
    public static final long MAX_SIZE = 64L << 20;

    private DramBandwidthSweep() {
    }

    /**
     * Runs one point: {@code requestBytes} per request, {@code outstanding} in flight, until at least
     * {@code minTotalBytes} (and one request) have been read.
     */
    public static Point run(String standard, DramSpec spec, boolean random, long requestBytes, long minTotalBytes,
                            int outstanding, long seed) {
        Simulation sim = new Simulation();
        Dram dram = new Dram(sim, standard.toLowerCase(java.util.Locale.ROOT), spec);
        long total = Math.max(requestBytes, minTotalBytes / requestBytes * requestBytes);
        long span = dram.mapping().capacity() / requestBytes * requestBytes;
        StreamLoad load = new StreamLoad(sim, dram, Math.toIntExact(requestBytes), total, outstanding, false,
                random ? span : Math.max(total, requestBytes), random ? new SplitMix64(seed) : null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        load.start();
        sim.run();
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!load.done()) {
            throw new IllegalStateException("load did not finish");
        }
        double achieved = total * 1e12 / load.lastCompletionPs();
        return new Point(standard, random ? "random" : "sequential", requestBytes, total, achieved,
                dram.peakBytesPerSecond(), dram.readBursts(), wall, cpu);
    }

    /**
     * The whole sweep for the given standards (their default configurations), sizes from 64 B to
     * {@code maxSize} in powers of 4, at least {@code minTotalBytes} per point. Each point keeps
     * requests for twice what every channel's read queue holds in flight (at least 4 requests), with
     * request slots raised to match, so that a request completing never leaves a queue short: what
     * is measured is the device, not the client.
     */
    public static List<Point> sweep(List<String> standards, long minTotalBytes, long maxSize) {
        List<Point> points = new ArrayList<>();
        for (String s : standards) {
            DramSpec base = DramConfig.of(s).toSpec();
            long queued = (long) base.organization().channels() * base.readQueue() * base.burstBytes();
            for (boolean random : new boolean[] {false, true}) {
                for (long size = MIN_SIZE; size <= maxSize; size *= 4) {
                    int inFlight = (int) Math.max(4, Math.ceilDiv(2 * queued, size));
                    DramSpec spec = base.withQueues(base.readQueue(), base.writeQueue(), base.writeHigh(), base.writeLow(),
                            Math.max(base.requestSlots(), inFlight));
                    points.add(run(s, spec, random, size, minTotalBytes, inFlight, 1));
                }
            }
        }
        return points;
    }

    /** Points as CSV with a header line. */
    public static String csv(List<Point> points) {
        StringBuilder b = new StringBuilder("standard,pattern,request_bytes,total_bytes,achieved_gbps,peak_gbps,efficiency,bursts,bursts_per_cpu_s\n");
        for (Point p : points) {
            b.append(String.format(java.util.Locale.ROOT, "%s,%s,%d,%d,%.3f,%.3f,%.4f,%d,%.0f%n", p.standard(), p.pattern(),
                    p.requestBytes(), p.totalBytes(), p.achievedBytesPerSecond() / 1e9, p.peakBytesPerSecond() / 1e9,
                    p.efficiency(), p.bursts(), p.burstsPerCpuSecond()));
        }
        return b.toString();
    }

    /** Prints the sweep as a table; {@code --csv} prints CSV instead. */
    public static void main(String[] args) {
        boolean asCsv = List.of(args).contains("--csv");
        List<Point> points = sweep(List.of("DDR4", "LPDDR5", "GDDR6", "HBM3"), 16L << 20, MAX_SIZE);
        if (asCsv) {
            System.out.print(csv(points));
            return;
        }
        for (Point p : points) {
            System.out.printf(java.util.Locale.ROOT, "%-7s %-10s %10d B %9.2f / %7.2f GB/s %6.1f %%  %6.2f M bursts/cpu-s%n",
                    p.standard(), p.pattern(), p.requestBytes(), p.achievedBytesPerSecond() / 1e9,
                    p.peakBytesPerSecond() / 1e9, 100 * p.efficiency(), p.burstsPerCpuSecond() / 1e6);
        }
    }
}

package dev.lockstep.memory;

import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.stats.Counter;
import dev.lockstep.sim.stats.Occupancy;

/**
 * Latency + bandwidth memory: {@code ports} independent wires of {@code bytesPerCycle} bytes a cycle
 * each, and a fixed access latency. A request of B bytes issued in cycle c on an idle port completes
 * at the edge of cycle {@code c + latency + ceil(B / W)}. Requests queue for the port that frees
 * first, byte-exactly (two 32-byte requests share one 64-byte cycle), so concurrent users share the
 * bandwidth and together never exceed it. The latency is pipelined: up to {@code queueDepth}
 * requests may be outstanding, and an offer beyond that is refused.
 *
 * <p>It serves as the simple external-memory model and, with ports and a short latency, as the
 * timing of an on-chip SRAM (L3 tile, L2 bank, L1 buffer).
 *
 * <p>Statistics under its name: {@code .requests}, {@code .bytes}, {@code .busy_cycles} (port-cycles
 * that carried data), {@code .refused} and {@code .outstanding}.
 */
public final class SimpleMemory implements ExternalMemory {
    private final String name;
    private final ClockDomain clock;
    private final Simulation sim;
    private final int latency;
    private final long width;
    private final int completionHandler;
    private final int notifyHandler;

    // Byte slots per port, as in Channel: slot s is byte (s mod W) of cycle (s / W).
    private final long[] portFreeSlot;
    private final long[] portLastBusyCycle;

    // Outstanding requests by slot; free slots form a stack.
    private final MemoryClient[] clients;
    private final long[] tags;
    private final int[] freeSlots;
    private int freeCount;

    // Clients waiting for room, oldest first (ring).
    private MemoryClient[] waiters = new MemoryClient[8];
    private long[] waiterTags = new long[8];
    private int waiterHead;
    private int waiterCount;

    private final Counter requests;
    private final Counter bytes;
    private final Counter busyCycles;
    private final Counter refused;
    private final Occupancy outstanding;

    public SimpleMemory(String name, ClockDomain clock, int latencyCycles, int bytesPerCycle, int ports, int queueDepth) {
        if (latencyCycles < 1) {
            throw new IllegalArgumentException("memory " + name + ": latency " + latencyCycles + " cycles must be >= 1");
        }
        if (bytesPerCycle < 1 || ports < 1 || queueDepth < 1) {
            throw new IllegalArgumentException("memory " + name + ": bytes per cycle, ports and queue depth must be >= 1");
        }
        this.name = name;
        this.clock = clock;
        this.sim = clock.simulation();
        this.latency = latencyCycles;
        this.width = bytesPerCycle;
        this.portFreeSlot = new long[ports];
        this.portLastBusyCycle = new long[ports];
        java.util.Arrays.fill(portLastBusyCycle, Long.MIN_VALUE);
        this.clients = new MemoryClient[queueDepth];
        this.tags = new long[queueDepth];
        this.freeSlots = new int[queueDepth];
        for (int i = 0; i < queueDepth; i++) {
            freeSlots[i] = queueDepth - 1 - i;
        }
        this.freeCount = queueDepth;
        this.completionHandler = sim.register(this::complete);
        this.notifyHandler = sim.register(arg -> wakeWaiters());
        var stats = sim.stats();
        requests = stats.counter(name + ".requests");
        bytes = stats.counter(name + ".bytes");
        busyCycles = stats.counter(name + ".busy_cycles");
        refused = stats.counter(name + ".refused");
        outstanding = stats.occupancy(name + ".outstanding");
    }

    @Override
    public String name() {
        return name;
    }

    public ClockDomain clock() {
        return clock;
    }

    public int latencyCycles() {
        return latency;
    }

    public int bytesPerCycle() {
        return (int) width;
    }

    public int ports() {
        return portFreeSlot.length;
    }

    @Override
    public double peakBytesPerSecond() {
        return (double) width * portFreeSlot.length * 1e12 / clock.periodPs();
    }

    @Override
    public boolean offer(long address, int size, boolean write, MemoryClient client, long tag) {
        if (size < 1) {
            throw new IllegalArgumentException("memory " + name + ": request of " + size + " bytes");
        }
        if (freeCount == 0) {
            refused.increment();
            return false;
        }
        long cycle = clock.cycleCeil(sim.now());
        long end = book(cycle, size);
        long done = Math.ceilDiv(end, width) + latency;
        int slot = freeSlots[--freeCount];
        clients[slot] = client;
        tags[slot] = tag;
        outstanding.add(1);
        sim.schedule(clock.timeOf(done), Simulation.DEFAULT_PHASE, completionHandler, slot);
        return true;
    }

    /**
     * Books {@code size} bytes on a port only if one can start moving them in the current cycle; no
     * completion is reported. For clocked users (the Streamer) that pace themselves cycle by cycle
     * and add the latency once, at the start of a stream.
     */
    public boolean tryReserve(int size) {
        long cycle = clock.currentCycle();
        int p = earliestPort();
        if (Math.max(portFreeSlot[p], cycle * width) >= (cycle + 1) * width) {
            refused.increment();
            return false;
        }
        book(cycle, size);
        return true;
    }

    private int earliestPort() {
        int best = 0;
        for (int p = 1; p < portFreeSlot.length; p++) {
            if (portFreeSlot[p] < portFreeSlot[best]) {
                best = p;
            }
        }
        return best;
    }

    /** Books the bytes on the port that frees first; returns the slot after the last byte. */
    private long book(long cycle, int size) {
        int p = earliestPort();
        long begin = Math.max(portFreeSlot[p], cycle * width);
        long end = begin + size;
        portFreeSlot[p] = end;
        long first = Math.max(begin / width, portLastBusyCycle[p] + 1);
        long last = (end - 1) / width;
        busyCycles.add(last - first + 1);
        portLastBusyCycle[p] = last;
        requests.increment();
        bytes.add(size);
        return end;
    }

    @Override
    public void notifyWhenReady(boolean write, MemoryClient client, long tag) {
        if (waiterCount == waiters.length) {
            MemoryClient[] w = new MemoryClient[waiters.length * 2];
            long[] t = new long[w.length];
            for (int i = 0; i < waiterCount; i++) {
                w[i] = waiters[(waiterHead + i) % waiters.length];
                t[i] = waiterTags[(waiterHead + i) % waiters.length];
            }
            waiters = w;
            waiterTags = t;
            waiterHead = 0;
        }
        int at = (waiterHead + waiterCount) % waiters.length;
        waiters[at] = client;
        waiterTags[at] = tag;
        waiterCount++;
        if (freeCount > 0) {
            // Room now: answer by an event so the caller never re-enters itself.
            sim.scheduleIn(0, notifyHandler, 0);
        }
    }

    private void complete(long arg) {
        int slot = (int) arg;
        MemoryClient c = clients[slot];
        long tag = tags[slot];
        clients[slot] = null;
        freeSlots[freeCount++] = slot;
        outstanding.add(-1);
        c.completed(tag);
        wakeWaiters();
    }

    /** Tells the waiters that were waiting when room appeared; one refused again simply asks again. */
    private void wakeWaiters() {
        int n = waiterCount;
        for (int i = 0; i < n && freeCount > 0 && waiterCount > 0; i++) {
            MemoryClient c = waiters[waiterHead];
            long tag = waiterTags[waiterHead];
            waiters[waiterHead] = null;
            waiterHead = (waiterHead + 1) % waiters.length;
            waiterCount--;
            c.completed(tag);
        }
    }
}

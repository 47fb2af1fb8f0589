package dev.lockstep.memory.dram;

import dev.lockstep.memory.ExternalMemory;
import dev.lockstep.memory.MemoryClient;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.stats.Counter;
import dev.lockstep.trace.Transaction;
import dev.lockstep.trace.TraceWriter;
import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The DRAM model behind {@link ExternalMemory}: requests of any size are split into bursts, each
 * burst goes to the channel its address maps to, and the request completes when its last burst's
 * last byte has crossed the data bus. Requests are accepted while a request slot of their kind is
 * free; bursts enter the channels' scheduling queues in request order as space opens.
 *
 * <p>Time: the whole device runs on one command clock (the preset's tCK); cycle n is at n * tCK ps.
 */
public final class Dram implements ExternalMemory {
    private final String name;
    private final Simulation sim;
    private final DramSpec spec;
    private final AddressMapping mapping;
    private final DramChannel[] channels;
    private final long tCk;
    private final int burstBytes;
    private final int banksPerGroup;
    private final int bankGroups;
    private final int banksPerRank;

    // Request slots: reads use [0, slots), writes [slots, 2 * slots).
    private final int slots;
    private final MemoryClient[] client;
    private final long[] tag;
    private final long[] id;
    private final long[] issueCycle;
    private final long[] bytes;
    private final long[] nextBurst;
    private final long[] lastBurst;
    private final int[] unissued;
    private final long[] endCycle;
    private final int[][] free = new int[2][];
    private final int[] freeCount = new int[2];
    // Per kind, the slots with bursts not yet queued, in arrival order (a ring).
    private final int[][] feedRing = new int[2][];
    private final int[] feedHead = new int[2];
    private final int[] feedCount = new int[2];
    private final int completeHandler;
    private final int notifyHandler;
    private long nextId;

    // Clients waiting for a slot, per kind, in arrival order.
    private MemoryClient[][] waiter = {new MemoryClient[4], new MemoryClient[4]};
    private long[][] waiterTag = {new long[4], new long[4]};
    private final int[] waiterCount = new int[2];

    private TraceWriter trace;

    // Named requesters: their counters (requests, bytes, latency in clocks), looked up per request
    // only once some requester has been named.
    private final IdentityHashMap<MemoryClient, Counter[]> requesters = new IdentityHashMap<>();
    private final Counter[][] slotRequester;

    public Dram(Simulation sim, String name, DramSpec spec) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a DRAM needs a name");
        }
        this.name = name;
        this.sim = sim;
        this.spec = spec;
        DramOrganization o = spec.organization();
        burstBytes = spec.burstBytes();
        mapping = new AddressMapping(spec.mapping(), o, burstBytes);
        tCk = spec.timing().tCkPs();
        banksPerGroup = o.banksPerGroup();
        bankGroups = o.bankGroups();
        banksPerRank = o.banksPerRank();
        channels = new DramChannel[o.channels()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new DramChannel(this, sim, name, i, spec);
        }
        slots = spec.requestSlots();
        int n = 2 * slots;
        client = new MemoryClient[n];
        tag = new long[n];
        id = new long[n];
        issueCycle = new long[n];
        bytes = new long[n];
        nextBurst = new long[n];
        lastBurst = new long[n];
        unissued = new int[n];
        endCycle = new long[n];
        slotRequester = new Counter[n][];
        for (int k = 0; k < 2; k++) {
            free[k] = new int[slots];
            for (int i = 0; i < slots; i++) {
                free[k][i] = k * slots + slots - 1 - i;
            }
            freeCount[k] = slots;
            feedRing[k] = new int[slots];
        }
        completeHandler = sim.register(this::complete);
        notifyHandler = sim.register(k -> notifyWaiters((int) k));
    }

    @Override
    public String name() {
        return name;
    }

    public DramSpec spec() {
        return spec;
    }

    public AddressMapping mapping() {
        return mapping;
    }

    @Override
    public double peakBytesPerSecond() {
        return spec.peakBytesPerSecond();
    }

    /** Records every completed request as a transaction (cycles of the DRAM clock); null stops it. */
    public void traceTo(TraceWriter writer) {
        this.trace = writer;
    }

    /** Starts recording every channel's commands for the {@link DramTimingChecker}; returns the logs by channel. */
    public CommandLog[] recordCommands() {
        CommandLog[] logs = new CommandLog[channels.length];
        for (int i = 0; i < channels.length; i++) {
            logs[i] = new CommandLog();
            channels[i].attachLog(logs[i]);
        }
        return logs;
    }

    /**
     * Keeps statistics for requests made by {@code who} under {@code <name>.requester.<requester>.}:
     * {@code requests}, {@code bytes} and {@code latency_cycles} (summed from acceptance to completion,
     * in DRAM clocks).
     */
    public void nameRequester(MemoryClient who, String requester) {
        String p = name + ".requester." + requester + ".";
        requesters.put(who, new Counter[] {
            sim.stats().counter(p + "requests"), sim.stats().counter(p + "bytes"), sim.stats().counter(p + "latency_cycles"),
        });
    }

    @Override
    public boolean offer(long address, int size, boolean write, MemoryClient who, long requestTag) {
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": request of " + size + " bytes, must be at least 1");
        }
        if (address < 0 || address > mapping.capacity() - size) {
            throw new IllegalArgumentException(name + ": request [0x" + Long.toHexString(address) + ", +" + size
                    + ") lies outside the device's 0x" + Long.toHexString(mapping.capacity()) + " bytes");
        }
        if (who == null) {
            throw new IllegalArgumentException(name + ": a request needs a client to tell of its completion");
        }
        int k = write ? 1 : 0;
        if (freeCount[k] == 0) {
            return false;
        }
        if (write && freeCount[1] == slots) {
            for (DramChannel ch : channels) {
                ch.rearm();
            }
        }
        int s = free[k][--freeCount[k]];
        client[s] = who;
        tag[s] = requestTag;
        id[s] = nextId++;
        issueCycle[s] = arrivalCycle();
        bytes[s] = size;
        nextBurst[s] = mapping.burst(address);
        lastBurst[s] = mapping.burst(address + size - 1);
        unissued[s] = (int) (lastBurst[s] - nextBurst[s] + 1);
        endCycle[s] = 0;
        slotRequester[s] = requesters.isEmpty() ? null : requesters.get(who);
        feedRing[k][(feedHead[k] + feedCount[k]++) % slots] = s;
        feed(write);
        return true;
    }

    @Override
    public void notifyWhenReady(boolean write, MemoryClient who, long requestTag) {
        int k = write ? 1 : 0;
        if (waiterCount[k] == waiter[k].length) {
            waiter[k] = Arrays.copyOf(waiter[k], waiterCount[k] * 2);
            waiterTag[k] = Arrays.copyOf(waiterTag[k], waiterCount[k] * 2);
        }
        waiter[k][waiterCount[k]] = who;
        waiterTag[k][waiterCount[k]++] = requestTag;
        if (freeCount[k] > 0) {
            sim.scheduleIn(0, notifyHandler, k);
        }
    }

    /** The first DRAM cycle whose edge has not started: where a request made now can first be scheduled. */
    private long arrivalCycle() {
        long now = sim.now();
        long c = Math.ceilDiv(now, tCk);
        if (c * tCk == now && sim.phase() >= ClockDomain.EDGE_PHASE) {
            c++;
        }
        return c;
    }

    /** Moves bursts of waiting requests of one kind into their channels' queues, in request order. */
    void feed(boolean write) {
        int k = write ? 1 : 0;
        long arrival = -1;
        while (feedCount[k] > 0) {
            int s = feedRing[k][feedHead[k]];
            while (nextBurst[s] <= lastBurst[s]) {
                long burst = nextBurst[s];
                DramChannel ch = channels[mapping.field(burst, AddressMapping.CHANNEL)];
                if (!ch.hasSpace(write)) {
                    return; // in order: a later burst must not overtake this one
                }
                if (arrival < 0) {
                    arrival = arrivalCycle();
                }
                int bank = (mapping.field(burst, AddressMapping.RANK) * bankGroups
                        + mapping.field(burst, AddressMapping.BANK_GROUP)) * banksPerGroup
                        + mapping.field(burst, AddressMapping.BANK);
                ch.insert(write, s, bank, mapping.field(burst, AddressMapping.ROW), arrival);
                nextBurst[s] = burst + 1;
            }
            feedHead[k] = (feedHead[k] + 1) % slots;
            feedCount[k]--;
        }
    }

    /** Whether any write request is accepted and not yet complete. */
    boolean writesInFlight() {
        return freeCount[1] < slots;
    }

    /** A channel issued one of slot {@code s}'s bursts; its data ends at cycle {@code end}. */
    void burstIssued(int s, long end) {
        endCycle[s] = Math.max(endCycle[s], end);
        if (--unissued[s] == 0) {
            sim.schedule(endCycle[s] * tCk, completeHandler, s);
        }
    }

    private void complete(long arg) {
        int s = (int) arg;
        int k = s < slots ? 0 : 1;
        MemoryClient who = client[s];
        long t = tag[s];
        client[s] = null;
        free[k][freeCount[k]++] = s;
        Counter[] named = slotRequester[s];
        if (named != null) {
            named[0].increment();
            named[1].add(bytes[s]);
            named[2].add(endCycle[s] - issueCycle[s]);
            slotRequester[s] = null;
        }
        if (trace != null) {
            trace.transaction(new Transaction(id[s], name, k == 1 ? "write" : "read", issueCycle[s], endCycle[s],
                    bytes[s], null));
        }
        who.completed(t);
        notifyWaiters(k);
    }

    private void notifyWaiters(int k) {
        int i = 0;
        while (i < waiterCount[k] && freeCount[k] > 0) {
            MemoryClient who = waiter[k][i];
            long t = waiterTag[k][i];
            waiter[k][i++] = null;
            who.completed(t);
        }
        int left = waiterCount[k] - i;
        System.arraycopy(waiter[k], i, waiter[k], 0, left);
        System.arraycopy(waiterTag[k], i, waiterTag[k], 0, left);
        Arrays.fill(waiter[k], left, waiterCount[k], null);
        waiterCount[k] = left;
    }

    public int channels() {
        return channels.length;
    }

    /** Column commands served as row hits, summed over channels. */
    public long rowHits() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.rowHits().value();
        }
        return n;
    }

    /** Column commands that needed an ACT to a closed bank. */
    public long rowMisses() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.rowMisses().value();
        }
        return n;
    }

    /** Column commands that needed a PRE of another row, then an ACT. */
    public long rowConflicts() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.rowConflicts().value();
        }
        return n;
    }

    public long readBursts() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.reads().value();
        }
        return n;
    }

    public long writeBursts() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.writes().value();
        }
        return n;
    }

    public long refreshes() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.refreshes().value();
        }
        return n;
    }

    /** Bytes moved over the data buses (whole bursts, so at least the bytes requested). */
    public long bytesTransferred() {
        long n = 0;
        for (DramChannel c : channels) {
            n += c.bytes().value();
        }
        return n;
    }

    /** Bytes moved over the data buses per second of simulated time so far (0 at time 0). */
    public double achievedBytesPerSecond() {
        long now = sim.now();
        return now == 0 ? 0 : bytesTransferred() * 1e12 / now;
    }
}

package dev.lockstep.sim;

import dev.lockstep.sim.stats.Counter;
import dev.lockstep.sim.stats.Occupancy;

/**
 * A one-way link from one sender to one receiver in the same {@link ClockDomain}, carrying items of
 * a {@code long} payload (a value, or an index into the model's own table) and a size in bytes.
 *
 * <ul>
 *   <li>Bandwidth: the wire moves at most {@code bytesPerCycle} bytes a cycle; items are serialized
 *       in order, and a new item may start only in a cycle the wire is not already booked through.
 *   <li>Latency: an item whose last byte crosses the wire in cycle c is visible to the receiver from
 *       cycle c + {@code latencyCycles}.
 *   <li>Backpressure by credits: at most {@code capacity} items are in the channel (on the wire or
 *       waiting for the receiver); a credit freed by {@link #receive()} in cycle c returns to the
 *       sender in cycle c + 1.
 * </ul>
 * Latency of at least one cycle and credits returning a cycle later make the channel safe under
 * two-phase clocking: what one side does in an edge is never seen by the other side in the same
 * edge, so the order in which components are visited does not matter.
 *
 * <p>Statistics under the channel's name: {@code .items}, {@code .bytes}, {@code .busy_cycles}
 * (cycles the wire carried data), {@code .stall_credit_cycles} and {@code .stall_bandwidth_cycles}
 * (cycles in which a {@link #trySend} was refused, by cause), and {@code .occupancy} (items inside).
 */
public final class Channel {
    private final ClockDomain domain;
    private final String name;
    private final int latency;
    private final long bytesPerCycle;

    // Ring buffer of items in the channel, oldest at head.
    private final long[] payloads;
    private final int[] sizes;
    private final long[] visibleAt;
    private int head;
    private int count;

    private int credits;
    private int creditsReturning;
    private long creditsReturnCycle = -1;

    // Byte slots: slot s is byte (s mod B) of cycle (s / B); the wire is booked up to wireFreeSlot.
    private long wireFreeSlot;
    private long lastBusyCycle = Long.MIN_VALUE;
    private long lastStallCycle = Long.MIN_VALUE;

    private final Counter items;
    private final Counter bytes;
    private final Counter busyCycles;
    private final Counter stallCreditCycles;
    private final Counter stallBandwidthCycles;
    private final Occupancy occupancy;

    public Channel(ClockDomain domain, String name, int latencyCycles, int bytesPerCycle, int capacity) {
        if (latencyCycles < 1) {
            throw new IllegalArgumentException("channel " + name + ": latency " + latencyCycles + " cycles must be >= 1");
        }
        if (bytesPerCycle < 1) {
            throw new IllegalArgumentException("channel " + name + ": bandwidth " + bytesPerCycle + " bytes/cycle must be >= 1");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("channel " + name + ": capacity " + capacity + " items must be >= 1");
        }
        this.domain = domain;
        this.name = name;
        this.latency = latencyCycles;
        this.bytesPerCycle = bytesPerCycle;
        this.payloads = new long[capacity];
        this.sizes = new int[capacity];
        this.visibleAt = new long[capacity];
        this.credits = capacity;
        var stats = domain.simulation().stats();
        items = stats.counter(name + ".items");
        bytes = stats.counter(name + ".bytes");
        busyCycles = stats.counter(name + ".busy_cycles");
        stallCreditCycles = stats.counter(name + ".stall_credit_cycles");
        stallBandwidthCycles = stats.counter(name + ".stall_bandwidth_cycles");
        occupancy = stats.occupancy(name + ".occupancy");
    }

    public String name() {
        return name;
    }

    /** Whether a send now would be accepted: a credit is free and the wire has room this cycle. */
    public boolean canSend() {
        long cycle = domain.currentCycle();
        return creditsAt(cycle) > 0 && wireFreeSlot < (cycle + 1) * bytesPerCycle;
    }

    /**
     * Sends an item if {@link #canSend()}; otherwise refuses it, counts the cycle as a stall (once per
     * cycle) and returns false, and the sender should try again in a later cycle.
     */
    public boolean trySend(long payload, int sizeBytes) {
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("channel " + name + ": item size " + sizeBytes + " bytes must be >= 1");
        }
        long cycle = domain.currentCycle();
        boolean noCredit = creditsAt(cycle) == 0;
        if (noCredit || wireFreeSlot >= (cycle + 1) * bytesPerCycle) {
            if (lastStallCycle != cycle) {
                lastStallCycle = cycle;
                (noCredit ? stallCreditCycles : stallBandwidthCycles).increment();
            }
            return false;
        }
        long begin = Math.max(wireFreeSlot, cycle * bytesPerCycle);
        long end = begin + sizeBytes;
        wireFreeSlot = end;
        long firstCycle = Math.max(begin / bytesPerCycle, lastBusyCycle + 1);
        long lastCycle = (end - 1) / bytesPerCycle;
        busyCycles.add(lastCycle - firstCycle + 1);
        lastBusyCycle = lastCycle;

        int tail = (head + count) % payloads.length;
        payloads[tail] = payload;
        sizes[tail] = sizeBytes;
        visibleAt[tail] = lastCycle + latency;
        count++;
        credits--;
        items.increment();
        bytes.add(sizeBytes);
        occupancy.add(1);
        return true;
    }

    /** Whether the oldest item has arrived (latency and bandwidth elapsed) and can be received. */
    public boolean canReceive() {
        return count > 0 && visibleAt[head] <= domain.currentCycle();
    }

    /** Payload of the oldest arrived item; only when {@link #canReceive()}. */
    public long peek() {
        checkArrived();
        return payloads[head];
    }

    /** Size in bytes of the oldest arrived item; only when {@link #canReceive()}. */
    public int peekSize() {
        checkArrived();
        return sizes[head];
    }

    /** Removes the oldest arrived item and returns its payload; its credit reaches the sender next cycle. */
    public long receive() {
        checkArrived();
        long cycle = domain.currentCycle();
        creditsAt(cycle);
        creditsReturning++;
        creditsReturnCycle = cycle;
        long payload = payloads[head];
        head = (head + 1) % payloads.length;
        count--;
        occupancy.add(-1);
        return payload;
    }

    /** Items inside the channel: on the wire or arrived and not yet received. */
    public int occupancy() {
        return count;
    }

    private int creditsAt(long cycle) {
        if (creditsReturning > 0 && creditsReturnCycle < cycle) {
            credits += creditsReturning;
            creditsReturning = 0;
        }
        return credits;
    }

    private void checkArrived() {
        if (!canReceive()) {
            throw new SimulationException("channel " + name + ": no item has arrived (check canReceive first)");
        }
    }
}

package dev.lockstep.memory.dram.bench;

import dev.lockstep.memory.ExternalMemory;
import dev.lockstep.memory.MemoryClient;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.random.SplitMix64;

/**
 * A closed-loop load on an {@link ExternalMemory}: keeps up to {@code outstanding} requests of
 * {@code requestBytes} in flight until {@code totalBytes} have been requested, at sequential
 * addresses or at uniformly random request-aligned ones (seeded). Reads or writes.
 */
public final class StreamLoad implements MemoryClient {
    private static final long WAKE = -1;

    private final Simulation sim;
    private final ExternalMemory memory;
    private final int requestBytes;
    private final long requests;
    private final int outstanding;
    private final boolean write;
    private final SplitMix64 random;
    private final long span;
    private long issued;
    private long completed;
    private int inFlight;
    private boolean waiting;
    private long lastCompletionPs;

    /**
     * @param span   bytes of address space the load covers, from 0 (a multiple of requestBytes)
     * @param random null for sequential addresses
     */
    public StreamLoad(Simulation sim, ExternalMemory memory, int requestBytes, long totalBytes, int outstanding,
                      boolean write, long span, SplitMix64 random) {
        if (requestBytes <= 0 || totalBytes < requestBytes || outstanding < 1 || span < requestBytes) {
            throw new IllegalArgumentException("bad load: request " + requestBytes + " B, total " + totalBytes
                    + " B, outstanding " + outstanding + ", span " + span + " B");
        }
        this.sim = sim;
        this.memory = memory;
        this.requestBytes = requestBytes;
        this.requests = totalBytes / requestBytes;
        this.outstanding = outstanding;
        this.write = write;
        this.span = span / requestBytes;
        this.random = random;
    }

    /** Issues the first requests (at the simulation's current time). */
    public StreamLoad start() {
        issue();
        return this;
    }

    @Override
    public void completed(long tag) {
        if (tag == WAKE) {
            waiting = false;
        } else {
            inFlight--;
            completed++;
            lastCompletionPs = sim.now();
        }
        issue();
    }

    private void issue() {
        while (!waiting && inFlight < outstanding && issued < requests) {
            long index = random == null ? issued % span : Math.floorMod(random.nextLong(), span);
            if (!memory.offer(index * requestBytes, requestBytes, write, this, issued)) {
                waiting = true;
                memory.notifyWhenReady(write, this, WAKE);
                return;
            }
            issued++;
            inFlight++;
        }
    }

    public boolean done() {
        return completed == requests;
    }

    public long bytesCompleted() {
        return completed * requestBytes;
    }

    /** Time of the last completion: the end of the load when {@link #done()}. */
    public long lastCompletionPs() {
        return lastCompletionPs;
    }
}

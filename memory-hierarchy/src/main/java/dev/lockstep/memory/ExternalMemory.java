package dev.lockstep.memory;

/**
 * Off-chip memory as the DMA engines see it: timing only. Two models stand behind it, a DRAM model
 * (banks, rows, commands, refresh) and a latency + bandwidth model for quick studies; a study swaps
 * one for the other in the configuration. The bytes themselves live in the address map's regions,
 * so a timing model never has to carry data.
 */
public interface ExternalMemory {
    String name();

    /** The best sustained rate the device allows, in bytes per second (for rooflines and efficiency). */
    double peakBytesPerSecond();

    /**
     * Offers a read or write of {@code bytes} bytes at {@code address}. Returns false and changes
     * nothing when the memory cannot take the request now (its queue for that kind is full); the
     * client may then ask {@link #notifyWhenReady}. Once accepted, {@code client.completed(tag)} is
     * called exactly once, at the simulated time the last byte has been transferred.
     */
    boolean offer(long address, int bytes, boolean write, MemoryClient client, long tag);

    /** Calls {@code client.completed(tag)} once, at the first time an offer of that kind can succeed. */
    void notifyWhenReady(boolean write, MemoryClient client, long tag);
}

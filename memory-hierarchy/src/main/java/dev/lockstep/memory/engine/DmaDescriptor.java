package dev.lockstep.memory.engine;

/** One step of a DMA chain: copy {@code bytes} bytes from {@code source} to {@code destination}. */
public record DmaDescriptor(long source, long destination, long bytes) {
}

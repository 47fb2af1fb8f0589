package dev.lockstep.fabric.residency;

/**
 * A snapshot of a pool's counters. {@code usedBytes + freeBytes == capacityBytes} always;
 * {@code allocations} counts {@link ResidencyPool#allocate} and {@link ResidencyPool#rehydrate} calls
 * that succeeded; hits and misses count {@link ResidencyPool#lookup} of resident and evicted handles.
 */
public record ResidencyStats(
        long capacityBytes,
        long usedBytes,
        long freeBytes,
        long largestFreeBytes,
        long allocations,
        long evictions,
        long residencyHits,
        long residencyMisses) {
}

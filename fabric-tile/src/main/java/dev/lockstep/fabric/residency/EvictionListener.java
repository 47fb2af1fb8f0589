package dev.lockstep.fabric.residency;

/**
 * Told of every block the pool evicts to make room: the owner must drop or re-pack what it cached at
 * that address (the original evicts silently, tfmbs.md 4.5). The handle stays known to the pool as
 * evicted until it is freed or {@linkplain ResidencyPool#rehydrate rehydrated}.
 */
@FunctionalInterface
public interface EvictionListener {
    /**
     * Called once per victim, in eviction order, after the call that caused it has finished changing
     * the pool, so the listener may call back into the pool. If it throws, the remaining victims
     * are still announced and the first exception then propagates from the pool call, whose
     * allocation has already taken effect.
     */
    void evicted(long handle, long address, long sizeBytes);
}

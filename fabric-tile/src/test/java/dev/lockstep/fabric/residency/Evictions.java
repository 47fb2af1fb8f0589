package dev.lockstep.fabric.residency;

import java.util.ArrayList;
import java.util.List;

/** An eviction listener that records what it is told, for assertions. */
final class Evictions implements EvictionListener {
    record Event(long handle, long address, long sizeBytes) {
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void evicted(long handle, long address, long sizeBytes) {
        events.add(new Event(handle, address, sizeBytes));
    }
}

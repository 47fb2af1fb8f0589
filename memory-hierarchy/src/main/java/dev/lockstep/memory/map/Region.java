package dev.lockstep.memory.map;

import dev.lockstep.memory.ExternalMemory;

/**
 * One named range of the address map, {@code [base, base + capacity)}, with its bytes and the timing
 * model(s) that serve it. A region served by several channels interleaves them every {@code
 * interleaveBytes}: address a goes to channel {@code ((a - base) / interleaveBytes) mod channels}.
 */
public final class Region {
    private final String name;
    private final RegionKind kind;
    private final int index;
    private final long base;
    private final long capacity;
    private final ExternalMemory[] channels;
    private final long interleaveBytes;
    private final SparseBytes bytes;

    public Region(String name, RegionKind kind, int index, long base, long capacity,
                  ExternalMemory[] channels, long interleaveBytes) {
        if (capacity < 1 || base < 0 || base > Long.MAX_VALUE - capacity) {
            throw new IllegalArgumentException("region " + name + ": base " + base + " capacity " + capacity);
        }
        if (channels.length < 1 || interleaveBytes < 1) {
            throw new IllegalArgumentException("region " + name + " needs at least one channel and an interleave >= 1");
        }
        this.name = name;
        this.kind = kind;
        this.index = index;
        this.base = base;
        this.capacity = capacity;
        this.channels = channels.clone();
        this.interleaveBytes = interleaveBytes;
        this.bytes = new SparseBytes(capacity);
    }

    public String name() {
        return name;
    }

    public RegionKind kind() {
        return kind;
    }

    /** Position among the regions of its kind (L2 bank 5 has index 5). */
    public int index() {
        return index;
    }

    public long base() {
        return base;
    }

    public long capacity() {
        return capacity;
    }

    /** One past the last address. */
    public long end() {
        return base + capacity;
    }

    /** The timing model serving {@code address}. */
    public ExternalMemory channelFor(long address) {
        if (channels.length == 1) {
            return channels[0];
        }
        return channels[(int) (((address - base) / interleaveBytes) % channels.length)];
    }

    /** Bytes from {@code address} to the end of its interleave granule: a burst never straddles two channels. */
    public long granuleRemaining(long address) {
        return interleaveBytes - (address - base) % interleaveBytes;
    }

    public ExternalMemory channel(int i) {
        return channels[i];
    }

    SparseBytes bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return String.format("%s [0x%x, 0x%x)", name, base, end());
    }
}

package dev.lockstep.fabric.residency;

import dev.lockstep.fabric.device.DeviceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fabric memory pool of one fabric instance (tfmbs.md 4.5), intended behaviour: page-rounded
 * first-fit allocation with split, coalescing of free neighbours, LRU eviction of blocks no in-flight
 * work pins, and an owner told of every eviction. Bookkeeping only: the pool hands out addresses in
 * {@code [0, capacity)}, it holds no data.
 *
 * <p>Blocks live in one address-ordered doubly linked list that tiles the pool: no gaps, no overlaps,
 * never two free blocks side by side. Handles are issued 1, 2, 3... and never reused, so a stale handle
 * is always recognised. Every choice (first fit, the LRU victim) is a walk of that list or a compare
 * of unique access stamps, never an iteration over a hash map, so the same calls give the same
 * addresses and the same victims on every run. Not thread-safe: one owner drives it.
 */
public final class ResidencyPool {
    public static final long PAGE_BYTES = 4096;
    /** 2^27 bytes, the original's pool per instance. */
    public static final long DEFAULT_CAPACITY_BYTES = 128L << 20;

    /** A run of pages; {@code handle == 0} means free. */
    private static final class Block {
        long address;
        long size;
        long handle;
        int busy;
        long lastAccess;
        Block prev;
        Block next;

        Block(long address, long size) {
            this.address = address;
            this.size = size;
        }

        boolean free() {
            return handle == 0;
        }
    }

    /** What the pool knows of a live handle; {@code block == null} while it is evicted. */
    private static final class Entry {
        final long size;
        Block block;

        Entry(long size) {
            this.size = size;
        }
    }

    private final long capacity;
    private final EvictionListener listener;
    private final Block head;
    private final Map<Long, Entry> entries = new HashMap<>();
    /** Victims of the current call, announced once the pool is consistent again. */
    private final List<Block> pendingVictims = new ArrayList<>();
    private long nextHandle = 1;
    private long accessClock;
    private long used;
    private long allocations;
    private long evictions;
    private long hits;
    private long misses;

    /** A pool of {@link #DEFAULT_CAPACITY_BYTES}. */
    public ResidencyPool(EvictionListener listener) {
        this(DEFAULT_CAPACITY_BYTES, listener);
    }

    /** @param capacityBytes a positive multiple of {@link #PAGE_BYTES} */
    public ResidencyPool(long capacityBytes, EvictionListener listener) {
        if (capacityBytes <= 0 || capacityBytes % PAGE_BYTES != 0) {
            throw new ResidencyException(DeviceStatus.ERR_ADDR,
                    "pool capacity " + capacityBytes + " bytes is not a positive multiple of the "
                            + PAGE_BYTES + "-byte page");
        }
        if (listener == null) {
            throw new NullPointerException("eviction listener");
        }
        this.capacity = capacityBytes;
        this.listener = listener;
        this.head = new Block(0, capacityBytes);
    }

    public long capacityBytes() {
        return capacity;
    }

    /**
     * Reserves {@code sizeBytes} rounded up to whole pages and returns a new handle for it, evicting
     * least-recently-used unpinned blocks if no free block is large enough.
     *
     * @throws ResidencyException ERR_ADDR if the size is 0, negative or larger than the pool; ERR_BUSY
     *         if pinned blocks leave no contiguous room even after evicting everything unpinned (then
     *         nothing is evicted)
     */
    public long allocate(long sizeBytes) {
        long size = roundToPages(sizeBytes);
        long handle = nextHandle;
        Entry entry = new Entry(size);
        place(handle, entry);
        nextHandle++;
        entries.put(handle, entry);
        announceVictims();
        return handle;
    }

    /**
     * Makes an evicted handle resident again at a (possibly different) address, evicting others as
     * {@link #allocate} does, and returns the new address. The owner then re-packs the data from its
     * host copy; if this throws, the block cannot be rehydrated and stays evicted.
     *
     * @throws ResidencyException ERR_ADDR if the handle is unknown, freed or still resident; ERR_BUSY as
     *         for {@link #allocate}
     */
    public long rehydrate(long handle) {
        Entry entry = entry(handle, "rehydrate");
        if (entry.block != null) {
            throw new ResidencyException(DeviceStatus.ERR_ADDR,
                    "rehydrate: handle " + handle + " is resident, not evicted");
        }
        place(handle, entry);
        announceVictims();
        return entry.block.address;
    }

    /**
     * Releases a handle, resident or evicted. Its pages, if resident, join their free neighbours.
     *
     * @throws ResidencyException ERR_ADDR if the handle is unknown or already freed; ERR_BUSY if it is
     *         pinned by in-flight work
     */
    public void free(long handle) {
        Entry entry = entry(handle, "free");
        Block b = entry.block;
        if (b != null && b.busy > 0) {
            throw new ResidencyException(DeviceStatus.ERR_BUSY,
                    "free: handle " + handle + " is pinned by " + b.busy + " in-flight use(s)");
        }
        entries.remove(handle);
        if (b != null) {
            release(b);
        }
    }

    /** The address of a resident handle. @throws ResidencyException ERR_ADDR if not resident */
    public long address(long handle) {
        return resident(handle, "address").address;
    }

    /** The page-rounded size of a live handle, resident or evicted. */
    public long sizeOf(long handle) {
        return entry(handle, "sizeOf").size;
    }

    /** Whether a live handle is resident; counts nothing and does not refresh LRU. */
    public boolean isResident(long handle) {
        return entry(handle, "isResident").block != null;
    }

    /**
     * An access by work, as the execute stage makes (tfmbs.md 4.5, 5): a resident handle is a
     * residency hit and becomes most recently used; an evicted one is a miss, which the owner answers
     * with {@link #rehydrate}.
     *
     * @return true on a hit
     * @throws ResidencyException ERR_ADDR if the handle is unknown or freed
     */
    public boolean lookup(long handle) {
        Block b = entry(handle, "lookup").block;
        if (b == null) {
            misses++;
            return false;
        }
        hits++;
        b.lastAccess = ++accessClock;
        return true;
    }

    /** Makes a resident handle the most recently used. @throws ResidencyException ERR_ADDR if not resident */
    public void touch(long handle) {
        resident(handle, "touch").lastAccess = ++accessClock;
    }

    /** One more in-flight use: the block is not evicted until every pin is released. */
    public void pin(long handle) {
        Block b = resident(handle, "pin");
        if (b.busy == Integer.MAX_VALUE) {
            throw new ResidencyException(DeviceStatus.ERR_BUSY,
                    "pin: handle " + handle + " already has " + b.busy + " pins");
        }
        b.busy++;
    }

    /** Releases one pin, when the in-flight use completes. @throws ResidencyException ERR_BUSY below 0 */
    public void unpin(long handle) {
        Block b = resident(handle, "unpin");
        if (b.busy == 0) {
            throw new ResidencyException(DeviceStatus.ERR_BUSY,
                    "unpin: handle " + handle + " is not pinned");
        }
        b.busy--;
    }

    /** The number of pins on a resident handle. */
    public int pins(long handle) {
        return resident(handle, "pins").busy;
    }

    public ResidencyStats stats() {
        long largest = 0;
        for (Block b = head; b != null; b = b.next) {
            if (b.free() && b.size > largest) {
                largest = b.size;
            }
        }
        return new ResidencyStats(capacity, used, capacity - used, largest, allocations, evictions, hits, misses);
    }

    /** The blocks in address order, for tests and dumps. */
    List<Extent> layout() {
        List<Extent> out = new ArrayList<>();
        for (Block b = head; b != null; b = b.next) {
            out.add(new Extent(b.address, b.size, b.handle, b.busy));
        }
        return out;
    }

    /** One block of {@link #layout()}; {@code handle == 0} is free space. */
    record Extent(long address, long size, long handle, int pins) {
    }

    private long roundToPages(long sizeBytes) {
        if (sizeBytes <= 0 || sizeBytes > capacity) {
            throw new ResidencyException(DeviceStatus.ERR_ADDR,
                    "allocate: size " + sizeBytes + " bytes is outside 1.." + capacity + " (the pool)");
        }
        return (sizeBytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
    }

    /** Finds room for {@code entry} (evicting if needed) and binds it to {@code handle}. */
    private void place(long handle, Entry entry) {
        long size = entry.size;
        Block fit = firstFit(size);
        if (fit == null) {
            if (!fitsAfterEvictingUnpinned(size)) {
                throw new ResidencyException(DeviceStatus.ERR_BUSY,
                        "allocate: no room for " + size + " bytes for handle " + handle
                                + ": pinned blocks leave no contiguous run that large");
            }
            // Terminates: every unpinned block evicted leaves the run found above as one free block.
            while ((fit = firstFit(size)) == null) {
                pendingVictims.add(evict(leastRecentlyUsedUnpinned()));
            }
        }
        if (fit.size > size) {
            // The remainder is whole pages; its right neighbour is used (no two free blocks touch).
            Block rest = new Block(fit.address + size, fit.size - size);
            rest.prev = fit;
            rest.next = fit.next;
            if (fit.next != null) {
                fit.next.prev = rest;
            }
            fit.next = rest;
            fit.size = size;
        }
        fit.handle = handle;
        fit.busy = 0;
        fit.lastAccess = ++accessClock;
        entry.block = fit;
        used += size;
        allocations++;
    }

    private Block firstFit(long size) {
        for (Block b = head; b != null; b = b.next) {
            if (b.free() && b.size >= size) {
                return b;
            }
        }
        return null;
    }

    /** Whether some run of free and unpinned blocks, taken together, is at least {@code size}. */
    private boolean fitsAfterEvictingUnpinned(long size) {
        long run = 0;
        for (Block b = head; b != null; b = b.next) {
            run = b.busy > 0 ? 0 : run + b.size;
            if (run >= size) {
                return true;
            }
        }
        return false;
    }

    /** Access stamps are unique, so the victim is unambiguous. */
    private Block leastRecentlyUsedUnpinned() {
        Block victim = null;
        for (Block b = head; b != null; b = b.next) {
            if (!b.free() && b.busy == 0 && (victim == null || b.lastAccess < victim.lastAccess)) {
                victim = b;
            }
        }
        return victim;
    }

    /** Returns a detached copy of the victim (its block may be merged away) and frees its pages. */
    private Block evict(Block victim) {
        Block record = new Block(victim.address, victim.size);
        record.handle = victim.handle;
        entries.get(victim.handle).block = null;
        evictions++;
        release(victim);
        return record;
    }

    private void release(Block b) {
        used -= b.size;
        b.handle = 0;
        b.busy = 0;
        b.lastAccess = 0;
        Block next = b.next;
        if (next != null && next.free()) {
            b.size += next.size;
            b.next = next.next;
            if (next.next != null) {
                next.next.prev = b;
            }
        }
        Block prev = b.prev;
        if (prev != null && prev.free()) {
            prev.size += b.size;
            prev.next = b.next;
            if (b.next != null) {
                b.next.prev = prev;
            }
        }
    }

    private void announceVictims() {
        if (pendingVictims.isEmpty()) {
            return;
        }
        // Copy first: a listener that calls back into the pool may evict again.
        List<Block> victims = List.copyOf(pendingVictims);
        pendingVictims.clear();
        RuntimeException failure = null;
        for (Block v : victims) {
            // A listener that fails for one victim must still hear of the others.
            try {
                listener.evicted(v.handle, v.address, v.size);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Entry entry(long handle, String call) {
        Entry e = entries.get(handle);
        if (e == null) {
            throw new ResidencyException(DeviceStatus.ERR_ADDR,
                    call + ": handle " + handle + (handle > 0 && handle < nextHandle ? " was freed" : " is unknown"));
        }
        return e;
    }

    private Block resident(long handle, String call) {
        Block b = entry(handle, call).block;
        if (b == null) {
            throw new ResidencyException(DeviceStatus.ERR_ADDR,
                    call + ": handle " + handle + " is evicted; rehydrate it first");
        }
        return b;
    }
}

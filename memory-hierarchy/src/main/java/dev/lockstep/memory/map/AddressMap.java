package dev.lockstep.memory.map;

import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.sim.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The unified address space of host memory, external memory, L3 tiles, L2 banks and L1 buffers.
 * Regions never overlap (building one that does is a configuration error naming both); an access
 * must lie wholly inside one region, otherwise it is an error, never a wrap.
 */
public final class AddressMap {
    private final Region[] byAddress;
    private final long[] bases;

    public AddressMap(List<Region> regions) {
        Region[] sorted = regions.toArray(Region[]::new);
        java.util.Arrays.sort(sorted, Comparator.comparingLong(Region::base));
        for (int i = 1; i < sorted.length; i++) {
            Region a = sorted[i - 1];
            Region b = sorted[i];
            if (b.base() < a.end()) {
                throw new ConfigException("address map", "region " + a + " overlaps region " + b
                        + ", allowed disjoint regions (move one base)");
            }
        }
        this.byAddress = sorted;
        this.bases = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            bases[i] = sorted[i].base();
        }
    }

    /** The region holding {@code [address, address + length)}; an error if none holds all of it. */
    public Region regionOf(long address, long length) {
        if (length < 1) {
            throw new MemoryAccessException(String.format("access of %d bytes at 0x%x: length must be >= 1", length, address));
        }
        Region r = find(address);
        if (r == null) {
            throw new MemoryAccessException(String.format("address 0x%x is not mapped", address));
        }
        if (address + length > r.end() || address + length < address) {
            throw new MemoryAccessException(String.format(
                    "access [0x%x, 0x%x) runs past the end of %s (capacity %d bytes)",
                    address, address + length, r, r.capacity()));
        }
        return r;
    }

    private Region find(long address) {
        int lo = 0;
        int hi = bases.length - 1;
        int hit = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bases[mid] <= address) {
                hit = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (hit < 0 || address >= byAddress[hit].end()) {
            return null;
        }
        return byAddress[hit];
    }

    public void read(long address, byte[] dst, int dstPos, int length) {
        Region r = regionOf(address, length);
        r.bytes().read(address - r.base(), dst, dstPos, length);
    }

    public void write(long address, byte[] src, int srcPos, int length) {
        Region r = regionOf(address, length);
        r.bytes().write(address - r.base(), src, srcPos, length);
    }

    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        read(address, out, 0, length);
        return out;
    }

    public void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    /** Regions in address order. */
    public List<Region> regions() {
        return List.of(byAddress);
    }

    /** Regions of one kind, by index. */
    public List<Region> regions(RegionKind kind) {
        List<Region> out = new ArrayList<>();
        for (Region r : byAddress) {
            if (r.kind() == kind) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingInt(Region::index));
        return out;
    }
}

package dev.lockstep.fabric.residency;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of random calls against a shadow model kept by the test: which handles are resident where,
 * their pins and their order of last use. After every call the pool's layout must tile the pool
 * exactly, never show two free blocks side by side, agree with the stats and with the shadow; every
 * handle that left the pool was either freed by us or reported evicted, and evictions went to the
 * least recently used unpinned handles, in that order.
 */
class ResidencyPoolRandomTest {
    private static final long PAGE = ResidencyPool.PAGE_BYTES;
    private static final long CAPACITY = 256 * PAGE;
    private static final int OPS = 20_000;

    /** The shadow's view of one live handle. */
    private static final class Shadow {
        final long size;
        long address = -1; // -1: evicted
        int pins;
        long lastUse;

        Shadow(long size) {
            this.size = size;
        }
    }

    private final Evictions evictions = new Evictions();
    private final ResidencyPool pool = new ResidencyPool(CAPACITY, evictions);
    // Looked up by key only; choices iterate the ordered list, so hash order never matters.
    private final Map<Long, Shadow> shadow = new HashMap<>();
    private final List<Long> live = new ArrayList<>();
    private long clock;
    private int refusals;
    private final List<Long> trace = new ArrayList<>();

    @Test
    void invariantsHoldOverRandomCalls() {
        run(0x5EED_1234L);
        // The run must have exercised what it claims to test.
        ResidencyStats s = pool.stats();
        assertTrue(s.evictions() > 500, s.toString());
        assertTrue(s.residencyMisses() > 100, s.toString());
        assertTrue(s.residencyHits() > 100, s.toString());
        assertTrue(refusals > 5, "refusals " + refusals);
    }

    @Test
    void theSameSeedGivesTheSameAddressesAndVictims() {
        ResidencyPoolRandomTest other = new ResidencyPoolRandomTest();
        run(42);
        other.run(42);
        assertEquals(trace, other.trace);
    }

    private void run(long seed) {
        SplitMix64 rnd = new SplitMix64(seed);
        for (int i = 0; i < OPS; i++) {
            int op = rnd.nextInt(100);
            if (op < 20 || live.isEmpty()) {
                allocate(1 + rnd.nextInt((int) (12 * PAGE)));
            } else {
                long h = live.get(rnd.nextInt(live.size()));
                Shadow s = shadow.get(h);
                if (op < 55) {
                    free(h, s);
                } else if (op < 63) {
                    pinOrUnpin(h, s, true);
                } else if (op < 74) {
                    pinOrUnpin(h, s, false);
                } else if (op < 80) {
                    touch(h, s);
                } else if (op < 90) {
                    lookup(h, s);
                } else {
                    rehydrate(h, s);
                }
            }
            checkInvariants(i);
        }
    }

    private void allocate(long bytes) {
        long pages = (bytes + PAGE - 1) / PAGE;
        List<ResidencyPool.Extent> before = pool.layout();
        long h;
        try {
            h = pool.allocate(bytes);
        } catch (ResidencyException e) {
            failedPlacement(e, before, pages * PAGE);
            return;
        }
        Shadow s = new Shadow(pages * PAGE);
        shadow.put(h, s);
        live.add(h);
        placed(h, s);
    }

    private void rehydrate(long h, Shadow s) {
        if (s.address >= 0) {
            expectError(DeviceStatus.ERR_ADDR, () -> pool.rehydrate(h));
            return;
        }
        List<ResidencyPool.Extent> before = pool.layout();
        try {
            pool.rehydrate(h);
        } catch (ResidencyException e) {
            failedPlacement(e, before, s.size);
            return;
        }
        placed(h, s);
    }

    /** A failed placement is busy, changes nothing, and was truly impossible: no unpinned run fits. */
    private void failedPlacement(ResidencyException e, List<ResidencyPool.Extent> before, long size) {
        refusals++;
        assertEquals(DeviceStatus.ERR_BUSY, e.status(), e.getMessage());
        assertEquals(before, pool.layout());
        assertTrue(evictions.events.isEmpty());
        long run = 0;
        for (ResidencyPool.Extent x : before) {
            run = x.pins() > 0 ? 0 : run + x.size();
            assertTrue(run < size, "refused " + size + " bytes but an unpinned run of " + run + " exists");
        }
    }

    /** The victims must be the least recently used unpinned resident handles, oldest first. */
    private void placed(long h, Shadow s) {
        List<Long> lru = new ArrayList<>();
        for (long other : live) {
            Shadow o = shadow.get(other);
            if (other != h && o.address >= 0 && o.pins == 0) {
                lru.add(other);
            }
        }
        lru.sort((x, y) -> Long.compare(shadow.get(x).lastUse, shadow.get(y).lastUse));
        for (int k = 0; k < evictions.events.size(); k++) {
            Evictions.Event ev = evictions.events.get(k);
            assertEquals(lru.get(k), ev.handle(), "victim " + k);
            Shadow v = shadow.get(ev.handle());
            assertEquals(v.address, ev.address());
            assertEquals(v.size, ev.sizeBytes());
            v.address = -1;
            trace.add(-ev.handle());
        }
        evictions.events.clear();
        s.address = pool.address(h);
        s.lastUse = ++clock;
        trace.add(s.address);
    }

    private void free(long h, Shadow s) {
        if (s.pins > 0) {
            expectError(DeviceStatus.ERR_BUSY, () -> pool.free(h));
            return;
        }
        pool.free(h);
        shadow.remove(h);
        live.remove(h);
        expectError(DeviceStatus.ERR_ADDR, () -> pool.free(h));
    }

    private void pinOrUnpin(long h, Shadow s, boolean pin) {
        if (s.address < 0) {
            expectError(DeviceStatus.ERR_ADDR, pin ? () -> pool.pin(h) : () -> pool.unpin(h));
        } else if (pin) {
            pool.pin(h);
            s.pins++;
        } else if (s.pins == 0) {
            expectError(DeviceStatus.ERR_BUSY, () -> pool.unpin(h));
        } else {
            pool.unpin(h);
            s.pins--;
        }
    }

    private void touch(long h, Shadow s) {
        if (s.address < 0) {
            expectError(DeviceStatus.ERR_ADDR, () -> pool.touch(h));
        } else {
            pool.touch(h);
            s.lastUse = ++clock;
        }
    }

    private void lookup(long h, Shadow s) {
        ResidencyStats before = pool.stats();
        boolean hit = pool.lookup(h);
        assertEquals(s.address >= 0, hit);
        ResidencyStats after = pool.stats();
        assertEquals(before.residencyHits() + (hit ? 1 : 0), after.residencyHits());
        assertEquals(before.residencyMisses() + (hit ? 0 : 1), after.residencyMisses());
        if (hit) {
            s.lastUse = ++clock;
        }
    }

    private void checkInvariants(int step) {
        assertTrue(evictions.events.isEmpty(), "step " + step + ": eviction reported outside a placement");
        List<ResidencyPool.Extent> layout = pool.layout();
        long expectAddress = 0;
        long usedBytes = 0;
        long largestFree = 0;
        boolean previousFree = false;
        int residentSeen = 0;
        for (ResidencyPool.Extent x : layout) {
            assertEquals(expectAddress, x.address(), "step " + step + ": gap or overlap");
            assertTrue(x.size() > 0 && x.size() % PAGE == 0, "step " + step + ": size " + x.size());
            boolean free = x.handle() == 0;
            assertFalse(free && previousFree, "step " + step + ": adjacent free blocks at " + x.address());
            if (free) {
                largestFree = Math.max(largestFree, x.size());
            } else {
                Shadow s = shadow.get(x.handle());
                if (s == null) {
                    fail("step " + step + ": block of freed handle " + x.handle());
                }
                assertEquals(s.address, x.address(), "step " + step + ": handle " + x.handle() + " moved");
                assertEquals(s.size, x.size());
                assertEquals(s.pins, x.pins());
                usedBytes += x.size();
                residentSeen++;
            }
            previousFree = free;
            expectAddress += x.size();
        }
        assertEquals(CAPACITY, expectAddress, "step " + step + ": blocks do not cover the pool");
        long residentInShadow = 0;
        for (long h : live) {
            if (shadow.get(h).address >= 0) {
                residentInShadow++;
            }
        }
        assertEquals(residentInShadow, residentSeen, "step " + step + ": a resident handle vanished silently");
        ResidencyStats st = pool.stats();
        assertEquals(usedBytes, st.usedBytes());
        assertEquals(CAPACITY, st.usedBytes() + st.freeBytes());
        assertEquals(largestFree, st.largestFreeBytes());
    }

    private static void expectError(DeviceStatus status, Runnable call) {
        try {
            call.run();
        } catch (ResidencyException e) {
            assertEquals(status, e.status(), e.getMessage());
            return;
        }
        fail("expected status " + status);
    }
}

package dev.lockstep.fabric.residency;

import dev.lockstep.fabric.device.DeviceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidencyPoolTest {
    private static final long PAGE = 4096;
    private static final long MIB = 1L << 20;

    private final Evictions evictions = new Evictions();

    @Test
    void referenceScenarioThirdOf50MiBEvictsTheFirstAndReusesItsAddress() {
        // tfmbs.md 4.5, test_eviction.c: 50 MiB x 3 in one 128 MiB pool.
        ResidencyPool pool = new ResidencyPool(evictions);
        long p1 = pool.allocate(50 * MIB);
        long p2 = pool.allocate(50 * MIB);
        // P1 [0, 50 MiB), P2 [50, 100 MiB), 28 MiB free after: 50 MiB fits nowhere, P1 is least recent.
        long p3 = pool.allocate(50 * MIB);

        assertEquals(List.of(new Evictions.Event(p1, 0, 50 * MIB)), evictions.events);
        assertEquals(0, pool.address(p3));
        assertEquals(50 * MIB, pool.address(p2));
        assertFalse(pool.isResident(p1));
        assertFalse(pool.lookup(p1));
        assertTrue(pool.lookup(p2));
        // used = P2 + P3 = 100 MiB; free = the 28 MiB tail, the only free block.
        assertEquals(new ResidencyStats(128 * MIB, 100 * MIB, 28 * MIB, 28 * MIB, 3, 1, 1, 1), pool.stats());
    }

    @Test
    void rehydrateBringsAnEvictedHandleBackEvictingTheNextLeastRecent() {
        ResidencyPool pool = new ResidencyPool(evictions);
        long p1 = pool.allocate(50 * MIB);
        long p2 = pool.allocate(50 * MIB);
        long p3 = pool.allocate(50 * MIB);
        // Stamps: P1 1, P2 2, P3 3; P1 evicted. P1 needs 50 MiB, 28 free: evict P2 (stamp 2), whose
        // [50, 100 MiB) joins the 28 MiB tail into one 78 MiB block starting at 50 MiB.
        long at = pool.rehydrate(p1);

        assertEquals(50 * MIB, at);
        assertEquals(List.of(new Evictions.Event(p1, 0, 50 * MIB), new Evictions.Event(p2, 50 * MIB, 50 * MIB)),
                evictions.events);
        assertTrue(pool.lookup(p1));
        assertTrue(pool.lookup(p3));
        assertFalse(pool.lookup(p2));
        assertEquals(new ResidencyStats(128 * MIB, 100 * MIB, 28 * MIB, 28 * MIB, 4, 2, 2, 1), pool.stats());
    }

    @Test
    void sizesRoundUpToWholePages() {
        ResidencyPool pool = new ResidencyPool(16 * PAGE, evictions);
        long a = pool.allocate(1);
        long b = pool.allocate(PAGE);
        long c = pool.allocate(PAGE + 1);
        // 1 -> 1 page at 0; 4096 -> 1 page at 4096; 4097 -> 2 pages at 8192.
        assertEquals(PAGE, pool.sizeOf(a));
        assertEquals(PAGE, pool.sizeOf(b));
        assertEquals(2 * PAGE, pool.sizeOf(c));
        assertEquals(0, pool.address(a));
        assertEquals(PAGE, pool.address(b));
        assertEquals(2 * PAGE, pool.address(c));
        assertEquals(4 * PAGE, pool.stats().usedBytes());
        assertEquals(12 * PAGE, pool.stats().largestFreeBytes());
    }

    @Test
    void aOnePageExcessIsSplitOffNotHandedOutWithTheBlock() {
        // The original splits only when the excess is over 4096 bytes, so a 1-page request in a
        // 2-page pool would take both pages; we split, and a second page request fits without eviction.
        ResidencyPool pool = new ResidencyPool(2 * PAGE, evictions);
        long a = pool.allocate(1);
        assertEquals(PAGE, pool.stats().freeBytes());
        long b = pool.allocate(1);
        assertEquals(PAGE, pool.address(b));
        assertTrue(pool.isResident(a));
        assertTrue(evictions.events.isEmpty());
    }

    @Test
    void freedNeighboursCoalesceAndAnAllocationNeedingBothSucceeds() {
        ResidencyPool pool = new ResidencyPool(16 * PAGE, evictions);
        long a = pool.allocate(4 * PAGE);
        long b = pool.allocate(4 * PAGE);
        long c = pool.allocate(4 * PAGE);
        pool.free(a);
        pool.free(b);
        // A [0,4p) and B [4p,8p) become one 8-page block; C [8p,12p); tail [12p,16p) free.
        assertEquals(List.of(new ResidencyPool.Extent(0, 8 * PAGE, 0, 0),
                new ResidencyPool.Extent(8 * PAGE, 4 * PAGE, c, 0),
                new ResidencyPool.Extent(12 * PAGE, 4 * PAGE, 0, 0)), pool.layout());
        long d = pool.allocate(8 * PAGE);
        assertEquals(0, pool.address(d));
        assertTrue(evictions.events.isEmpty());
    }

    @Test
    void freeingTheMiddleBlockJoinsBothFreeSidesIntoOne() {
        ResidencyPool pool = new ResidencyPool(16 * PAGE, evictions);
        long a = pool.allocate(4 * PAGE);
        long b = pool.allocate(4 * PAGE);
        long c = pool.allocate(4 * PAGE);
        pool.free(a);
        pool.free(c); // joins the 4-page tail: [8p,16p)
        pool.free(b); // [0,4p) + [4p,8p) + [8p,16p)
        assertEquals(List.of(new ResidencyPool.Extent(0, 16 * PAGE, 0, 0)), pool.layout());
        assertEquals(new ResidencyStats(16 * PAGE, 0, 16 * PAGE, 16 * PAGE, 3, 0, 0, 0), pool.stats());
    }

    @Test
    void evictedSpaceCoalescesWithFreeNeighboursBeforeTheRetry() {
        // 12 pages: A [0,4p) B [4p,8p) C [8p,12p); free A -> [0,4p) free. An 8-page request fits
        // nowhere; LRU is B (stamp 2; A is gone), and B's pages join A's into [0,8p).
        ResidencyPool pool = new ResidencyPool(12 * PAGE, evictions);
        long a = pool.allocate(4 * PAGE);
        long b = pool.allocate(4 * PAGE);
        long c = pool.allocate(4 * PAGE);
        pool.free(a);
        long d = pool.allocate(8 * PAGE);
        assertEquals(0, pool.address(d));
        assertEquals(List.of(new Evictions.Event(b, 4 * PAGE, 4 * PAGE)), evictions.events);
        assertTrue(pool.isResident(c));
    }

    @Test
    void lruOrderFollowsTouchAndLookup() {
        ResidencyPool pool = new ResidencyPool(12 * PAGE, evictions);
        long a = pool.allocate(4 * PAGE); // stamp 1, [0,4p)
        long b = pool.allocate(4 * PAGE); // stamp 2, [4p,8p)
        long c = pool.allocate(4 * PAGE); // stamp 3, [8p,12p)
        pool.touch(a);                    // A stamp 4: B is now least recent
        long d = pool.allocate(4 * PAGE); // evicts B, stamp 5 at 4p
        assertEquals(4 * PAGE, pool.address(d));
        assertTrue(pool.lookup(c));       // C stamp 6: A (4) is now least recent
        long e = pool.allocate(4 * PAGE); // evicts A, at 0
        assertEquals(0, pool.address(e));
        assertEquals(List.of(new Evictions.Event(b, 4 * PAGE, 4 * PAGE), new Evictions.Event(a, 0, 4 * PAGE)),
                evictions.events);
    }

    @Test
    void pinnedBlocksSurviveEvictionPressure() {
        ResidencyPool pool = new ResidencyPool(8 * PAGE, evictions);
        long a = pool.allocate(4 * PAGE); // stamp 1 [0,4p)
        long b = pool.allocate(4 * PAGE); // stamp 2 [4p,8p)
        pool.pin(a);
        long c = pool.allocate(4 * PAGE); // A is older but pinned: B goes
        assertEquals(4 * PAGE, pool.address(c));
        pool.pin(c);
        pool.pin(c);

        ResidencyException full = assertThrows(ResidencyException.class, () -> pool.allocate(1));
        assertEquals(DeviceStatus.ERR_BUSY, full.status());
        assertEquals(List.of(new Evictions.Event(b, 4 * PAGE, 4 * PAGE)), evictions.events);

        pool.unpin(a);
        long d = pool.allocate(4 * PAGE); // A unpinned now: it goes; C keeps its two pins
        assertEquals(0, pool.address(d));
        assertEquals(2, pool.pins(c));
        assertEquals(List.of(new Evictions.Event(b, 4 * PAGE, 4 * PAGE), new Evictions.Event(a, 0, 4 * PAGE)),
                evictions.events);
    }

    @Test
    void anAllocationPinsMakeImpossibleEvictsNothing() {
        // A [0,4p) B [4p,8p, pinned) C [8p,12p): the longest run without a pin is 4 pages, so an
        // 8-page request must fail before evicting A or C.
        ResidencyPool pool = new ResidencyPool(12 * PAGE, evictions);
        long a = pool.allocate(4 * PAGE);
        long b = pool.allocate(4 * PAGE);
        long c = pool.allocate(4 * PAGE);
        pool.pin(b);
        ResidencyException e = assertThrows(ResidencyException.class, () -> pool.allocate(8 * PAGE));
        assertEquals(DeviceStatus.ERR_BUSY, e.status());
        assertTrue(pool.isResident(a));
        assertTrue(pool.isResident(c));
        assertTrue(evictions.events.isEmpty());
        assertEquals(0, pool.stats().evictions());
    }

    @Test
    void aFailedRehydrateLeavesTheHandleEvicted() {
        ResidencyPool pool = new ResidencyPool(8 * PAGE, evictions);
        long a = pool.allocate(8 * PAGE);
        long b = pool.allocate(8 * PAGE); // evicts A
        pool.pin(b);
        ResidencyException e = assertThrows(ResidencyException.class, () -> pool.rehydrate(a));
        assertEquals(DeviceStatus.ERR_BUSY, e.status());
        assertFalse(pool.isResident(a));
        pool.free(a); // an evicted handle can still be released
        assertEquals(DeviceStatus.ERR_ADDR,
                assertThrows(ResidencyException.class, () -> pool.sizeOf(a)).status());
    }

    @Test
    void theListenerMayCallBackIntoThePool() {
        // The owner re-packs a victim at once: the pool must be consistent when it is told.
        long[] rehydratedAt = {-1};
        ResidencyPool[] holder = new ResidencyPool[1];
        ResidencyPool pool = new ResidencyPool(12 * PAGE, (handle, address, size) -> {
            if (holder[0].stats().freeBytes() >= size) {
                rehydratedAt[0] = holder[0].rehydrate(handle);
            }
        });
        holder[0] = pool;
        long a = pool.allocate(4 * PAGE); // [0,4p)
        long b = pool.allocate(2 * PAGE); // [4p,6p); [6p,12p) free
        long c = pool.allocate(8 * PAGE);
        // 8 pages fit nowhere: evict A ([0,4p), not next to the tail), still no fit; evict B, and
        // [0,12p) is one free block: C at 0, 4 pages left at [8p,12p). Told of A, the listener
        // rehydrates it there; told of B, no room is left for its 2 pages.
        assertEquals(0, pool.address(c));
        assertEquals(8 * PAGE, rehydratedAt[0]);
        assertEquals(8 * PAGE, pool.address(a));
        assertFalse(pool.isResident(b));
        assertEquals(0, pool.stats().freeBytes());
    }

    @Test
    void aListenerThatThrowsStillHearsOfEveryVictim() {
        Evictions heard = new Evictions();
        ResidencyPool pool = new ResidencyPool(8 * PAGE, (handle, address, size) -> {
            heard.evicted(handle, address, size);
            throw new IllegalStateException("owner lost " + handle);
        });
        long a = pool.allocate(4 * PAGE);
        long b = pool.allocate(4 * PAGE);
        // 8 pages: evict A (stamp 1), no fit; evict B, [0,8p) free: C at 0. Both are announced.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.allocate(8 * PAGE));
        assertEquals("owner lost " + a, e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals(List.of(new Evictions.Event(a, 0, 4 * PAGE), new Evictions.Event(b, 4 * PAGE, 4 * PAGE)),
                heard.events);
        assertEquals(8 * PAGE, pool.stats().usedBytes());
    }

    @Test
    void badCallsAreClearErrors() {
        ResidencyPool pool = new ResidencyPool(4 * PAGE, evictions);
        assertStatus(DeviceStatus.ERR_ADDR, "allocate: size 0 bytes is outside 1..16384 (the pool)",
                () -> pool.allocate(0));
        assertStatus(DeviceStatus.ERR_ADDR, "allocate: size 16385 bytes is outside 1..16384 (the pool)",
                () -> pool.allocate(4 * PAGE + 1));
        assertStatus(DeviceStatus.ERR_ADDR, "free: handle 99 is unknown", () -> pool.free(99));
        long a = pool.allocate(PAGE);
        pool.free(a);
        assertStatus(DeviceStatus.ERR_ADDR, "free: handle 1 was freed", () -> pool.free(a));
        long b = pool.allocate(PAGE);
        assertStatus(DeviceStatus.ERR_BUSY, "unpin: handle 2 is not pinned", () -> pool.unpin(b));
        pool.pin(b);
        assertStatus(DeviceStatus.ERR_BUSY, "free: handle 2 is pinned by 1 in-flight use(s)", () -> pool.free(b));
        assertStatus(DeviceStatus.ERR_ADDR, "rehydrate: handle 2 is resident, not evicted",
                () -> pool.rehydrate(b));
        pool.unpin(b);
        pool.allocate(4 * PAGE); // evicts b
        assertStatus(DeviceStatus.ERR_ADDR, "pin: handle 2 is evicted; rehydrate it first", () -> pool.pin(b));
        assertStatus(DeviceStatus.ERR_ADDR, "pool capacity 5000 bytes is not a positive multiple of the 4096-byte page",
                () -> new ResidencyPool(5000, evictions));
    }

    private static void assertStatus(DeviceStatus status, String message, Runnable call) {
        ResidencyException e = assertThrows(ResidencyException.class, call::run);
        assertEquals(status, e.status());
        assertEquals(message, e.getMessage());
    }
}

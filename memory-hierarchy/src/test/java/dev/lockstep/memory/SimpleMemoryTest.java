package dev.lockstep.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleMemoryTest {
    private final Simulation sim = new Simulation();
    private final ClockDomain clock = sim.add(new ClockDomain("mem", 1000, 0));
    private final List<long[]> done = new ArrayList<>();
    private final MemoryClient record = tag -> done.add(new long[] {tag, sim.now()});

    private SimpleMemory memory(int latency, int width, int ports, int depth) {
        return new SimpleMemory("m", clock, latency, width, ports, depth);
    }

    @Test
    void transferTakesLatencyPlusBytesOverWidthRoundedUp() {
        SimpleMemory m = memory(10, 16, 1, 8);
        assertTrue(m.offer(0, 100, false, record, 7));
        sim.run();
        // L + ceil(B / W) = 10 + ceil(100 / 16) = 10 + 7 = 17 cycles of 1000 ps.
        assertEquals(1, done.size());
        assertEquals(7, done.get(0)[0]);
        assertEquals(17_000, done.get(0)[1]);
    }

    @Test
    void requestIssuedBetweenEdgesStartsAtTheNextEdge() {
        SimpleMemory m = memory(10, 16, 1, 8);
        sim.runUntil(2_500);
        assertTrue(m.offer(0, 64, true, record, 1));
        sim.run();
        // First edge at or after 2500 ps is cycle 3; 3 + 10 + 64/16 = 17.
        assertEquals(17_000, done.get(0)[1]);
    }

    @Test
    void concurrentRequestsQueueOnOnePortAndOverlapOnTwo() {
        SimpleMemory one = memory(10, 16, 1, 8);
        one.offer(0, 64, false, record, 1);
        one.offer(64, 64, false, record, 2);
        sim.run();
        // Port bytes [0, 64) end in cycle 4 -> 14; bytes [64, 128) end in cycle 8 -> 18.
        assertEquals(14_000, done.get(0)[1]);
        assertEquals(18_000, done.get(1)[1]);

        done.clear();
        SimpleMemory two = new SimpleMemory("m2", clock, 10, 16, 2, 8);
        long t0 = sim.now();
        two.offer(0, 64, false, record, 1);
        two.offer(64, 64, false, record, 2);
        sim.run();
        // Each on its own port: both 10 + 4 cycles after the issue cycle (t0 is on an edge, after it ran).
        long issue = clock.cycleCeil(t0);
        assertEquals(clock.timeOf(issue + 14), done.get(0)[1]);
        assertEquals(clock.timeOf(issue + 14), done.get(1)[1]);
    }

    @Test
    void smallRequestsShareACycleByteExactly() {
        SimpleMemory m = memory(10, 16, 1, 8);
        m.offer(0, 8, false, record, 1);
        m.offer(8, 8, false, record, 2);
        sim.run();
        // Bytes [0, 8) and [8, 16) both lie in cycle 0's 16 bytes: both done at 0 + 1 + 10 = 11.
        assertEquals(11_000, done.get(0)[1]);
        assertEquals(11_000, done.get(1)[1]);
        assertEquals(1, sim.stats().counter("m.busy_cycles").value());
    }

    @Test
    void fullQueueRefusesAndNotifiesWhenASlotFrees() {
        SimpleMemory m = memory(10, 16, 1, 2);
        assertTrue(m.offer(0, 64, false, record, 1));
        assertTrue(m.offer(0, 64, false, record, 2));
        assertFalse(m.offer(0, 64, false, record, 3));
        m.notifyWhenReady(false, record, 99);
        sim.run();
        // Completions at 14 and 18 (as above); the waiter hears at the first, 14.
        assertEquals(List.of(1L, 99L, 2L), done.stream().map(d -> d[0]).toList());
        assertEquals(14_000, done.get(1)[1]);
        assertEquals(1, sim.stats().counter("m.refused").value());
    }

    @Test
    void peakIsPortsTimesWidthTimesClock() {
        // 2 ports x 16 B x 1 GHz = 32e9 B/s.
        assertEquals(32e9, memory(10, 16, 2, 8).peakBytesPerSecond(), 1);
    }
}

package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sim.stats.Stats;
import org.junit.jupiter.api.Test;

class ChannelTest {
    private final Simulation sim = new Simulation();
    private final ClockDomain clk = sim.add(new ClockDomain("clk", 10, 0));
    // latency 2 cycles, 4 bytes per cycle, 2 credits
    private final Channel ch = new Channel(clk, "link", 2, 4, 2);

    ChannelTest() {
        // An always-awake component keeps edges running so each runUntil lands on an edge.
        clk.add(new Clocked() {
            public void evaluate() { }
            public void commit() { }
        });
    }

    private void cycle(long n) {
        sim.runUntil(clk.timeOf(n));
        assertEquals(n, clk.currentCycle());
    }

    @Test
    void latencyBandwidthAndCreditsByHand() {
        cycle(0);
        assertTrue(ch.trySend(0xA, 4));          // bytes 0..3 = cycle 0; visible at 0 + 2
        assertFalse(ch.canSend());               // wire booked through cycle 0
        assertFalse(ch.trySend(0xB, 6));         // bandwidth stall in cycle 0

        cycle(1);
        assertFalse(ch.canReceive());            // A visible only from cycle 2
        assertTrue(ch.trySend(0xB, 6));          // bytes 4..9 = cycles 1..2; visible at 2 + 2 = 4
        assertFalse(ch.canSend());               // both credits used, and the wire is booked through byte 9 (cycle 2)

        cycle(2);
        assertTrue(ch.canReceive());
        assertEquals(4, ch.peekSize());
        assertFalse(ch.trySend(0xC, 1));         // no credit: a credit stall in cycle 2
        assertEquals(0xA, ch.receive());
        assertFalse(ch.canSend());               // the freed credit returns only next cycle
        assertFalse(ch.canReceive());            // B arrives at 4

        cycle(3);
        assertTrue(ch.canSend());
        assertTrue(ch.trySend(0xC, 1));          // byte 12 = cycle 3; visible at 5
        assertFalse(ch.canReceive());

        cycle(4);
        assertEquals(0xB, ch.receive());
        assertFalse(ch.canReceive());
        cycle(5);
        assertEquals(0xC, ch.receive());
        assertEquals(0, ch.occupancy());

        Stats s = sim.stats();
        assertEquals(3, s.counter("link.items").value());
        assertEquals(4 + 6 + 1, s.counter("link.bytes").value());
        assertEquals(4, s.counter("link.busy_cycles").value());          // cycles 0, 1, 2, 3
        assertEquals(1, s.counter("link.stall_bandwidth_cycles").value());
        assertEquals(1, s.counter("link.stall_credit_cycles").value());
        // Items inside: 1 on [0,10), 2 on [10,20), 1 on [20,30), 2 on [30,40), 1 on [40,50): 70 / 50.
        assertEquals(1.4, s.occupancy("link.occupancy").mean(), 1e-12);
        assertEquals(2, s.occupancy("link.occupancy").max());
    }

    @Test
    void smallItemsShareACycleUpToTheBandwidth() {
        cycle(0);
        assertTrue(ch.trySend(1, 2));            // bytes 0..1
        assertTrue(ch.trySend(2, 2));            // bytes 2..3, same cycle
        cycle(2);
        assertEquals(1, ch.receive());
        assertEquals(2, ch.receive());            // both visible at 0 + 2
        assertEquals(1, sim.stats().counter("link.busy_cycles").value());
    }

    @Test
    void receivingBeforeArrivalIsAModelError() {
        cycle(0);
        ch.trySend(1, 1);
        assertThrows(SimulationException.class, ch::receive);
        assertThrows(IllegalArgumentException.class, () -> new Channel(clk, "zero-latency", 0, 4, 1));
    }
}

package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockDomainTest {
    /** Logs "name@time" at every commit and counts its evaluations. */
    private static final class Probe implements Clocked {
        final String name;
        final Simulation sim;
        final List<String> log;
        long evaluations;

        Probe(String name, Simulation sim, List<String> log) {
            this.name = name;
            this.sim = sim;
            this.log = log;
        }

        @Override
        public void evaluate() {
            evaluations++;
        }

        @Override
        public void commit() {
            log.add(name + "@" + sim.now());
        }
    }

    @Test
    void conversionsFollowPeriodAndPhase() {
        ClockDomain c = new ClockDomain("c", 1000, 250);
        // cycle n at n*1000 + 250
        assertEquals(250, c.timeOf(0));
        assertEquals(3250, c.timeOf(3));
        assertEquals(-1, c.cycleFloor(249));
        assertEquals(0, c.cycleFloor(250));
        assertEquals(0, c.cycleFloor(1249));
        assertEquals(1, c.cycleFloor(1250));
        assertEquals(0, c.cycleCeil(0));
        assertEquals(0, c.cycleCeil(250));
        assertEquals(1, c.cycleCeil(251));
        assertEquals(5000, c.cyclesToPs(5));
        assertEquals(2, c.psToCyclesFloor(2999));
        assertEquals(3, c.psToCyclesCeil(2001));
        assertEquals(2, c.psToCyclesCeil(2000));
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("bad", 1000, 1000));
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("bad", 0, 0));
    }

    @Test
    void twoDomainsShareOneTimeline() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        ClockDomain fast = sim.add(new ClockDomain("fast", 500, 0));
        ClockDomain slow = sim.add(new ClockDomain("slow", 1000, 250));
        fast.add(new Probe("f", sim, log));
        slow.add(new Probe("s", sim, log));
        sim.runUntil(1500);
        // fast edges at 0, 500, 1000, 1500; slow edges at 250, 1250.
        assertEquals(List.of("f@0", "s@250", "f@500", "f@1000", "s@1250", "f@1500"), log);
        assertEquals(4, fast.edges());
        assertEquals(2, slow.edges());
    }

    @Test
    void allComponentsEvaluateBeforeAnyCommits() {
        Simulation sim = new Simulation();
        ClockDomain clk = sim.add(new ClockDomain("clk", 10, 0));
        // A shift register a -> b: after edge 0 b holds a's old value (1), a holds 2.
        long[] a = {1};
        long[] b = {0};
        long[] next = new long[2];
        clk.add(new Clocked() {
            public void evaluate() { next[1] = a[0]; }
            public void commit() { b[0] = next[1]; }
        });
        clk.add(new Clocked() {
            public void evaluate() { next[0] = a[0] + 1; }
            public void commit() { a[0] = next[0]; }
        });
        sim.runUntil(0);
        assertEquals(2, a[0]);
        assertEquals(1, b[0]);
    }

    @Test
    void sleepingDomainSchedulesNoEdgesAndWakeRejoinsAtNextEdge() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        ClockDomain clk = sim.add(new ClockDomain("clk", 100, 0));
        Probe p = new Probe("p", sim, log);
        int id = clk.add(new Clocked() {
            public void evaluate() { p.evaluate(); }
            public void commit() {
                p.commit();
                if (sim.now() == 200) {
                    clk.sleep(0);
                }
            }
        });
        clk.wakeAt(id, 750);
        sim.runUntil(1000);
        // Edges 0, 100, 200; asleep from 300; woken at 750, next edge at 800, then 900, 1000.
        assertEquals(List.of("p@0", "p@100", "p@200", "p@800", "p@900", "p@1000"), log);
        assertEquals(6, clk.edges());
    }

    @Test
    void wakeAtAnEdgeTimeJoinsThatEdgeAndSleepOutsideEdgesIsImmediate() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        ClockDomain clk = sim.add(new ClockDomain("clk", 100, 0));
        int id = clk.add(new Probe("p", sim, log));
        clk.sleep(id);
        clk.wakeAt(id, 300);
        sim.runUntil(400);
        // The wake event runs in the default phase, before the edge at 300, so edge 300 includes it.
        assertEquals(List.of("p@300", "p@400"), log);
        clk.sleep(id);
        clk.wake(id);
        sim.runUntil(500);
        // Woken after edge 400 has run (runUntil ends in the last phase): the next edge is 500.
        assertEquals(List.of("p@300", "p@400", "p@500"), log);
    }

    @Test
    void activeOrderStaysTheOrderOfAddingAcrossSleepAndWake() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        ClockDomain clk = sim.add(new ClockDomain("clk", 10, 0));
        int a = clk.add(new Probe("a", sim, log));
        int b = clk.add(new Probe("b", sim, log));
        int c = clk.add(new Probe("c", sim, log));
        clk.sleep(a);
        clk.sleep(c);
        sim.runUntil(0);
        clk.wake(c);
        clk.wake(a);
        sim.runUntil(10);
        assertEquals(List.of("b@0", "a@10", "b@10", "c@10"), log);
        assertEquals(4, clk.componentCycles());
        assertEquals(true, clk.isAwake(b));
    }
}

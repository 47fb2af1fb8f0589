package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void sameTimeEventsFireInInsertionOrderAndPhasesOrderWithinATime() {
        Simulation sim = new Simulation();
        List<String> log = new ArrayList<>();
        int h = sim.register(arg -> log.add(sim.now() + ":" + sim.phase() + ":" + arg));
        sim.schedule(10, 5, h, 1);
        sim.schedule(10, h, 2);
        sim.schedule(5, h, 3);
        sim.schedule(10, h, 4);
        sim.schedule(10, 5, h, 5);
        sim.schedule(10, 2, h, 6);
        sim.run();
        // Time first (5 before 10), then phase (0, 2, 5), then insertion order within a phase.
        assertEquals(List.of("5:0:3", "10:0:2", "10:0:4", "10:2:6", "10:5:1", "10:5:5"), log);
    }

    @Test
    void manyEventsComeOutSortedWithTiesInInsertionOrder() {
        Simulation sim = new Simulation();
        long[] seen = new long[3000];
        int[] n = {0};
        int h = sim.register(arg -> seen[n[0]++] = arg);
        // Times cycle through 0..9 so each time gets 300 events; arg encodes (time, insertion index).
        for (int i = 0; i < 3000; i++) {
            long t = (i * 7L) % 10;
            sim.schedule(t, h, t * 10_000 + i);
        }
        sim.run();
        assertEquals(3000, n[0]);
        for (int i = 1; i < 3000; i++) {
            assertTrue(seen[i - 1] < seen[i], "event " + i + " out of order");
        }
    }

    @Test
    void handlersScheduleFollowUpsAndStopEndsTheRun() {
        Simulation sim = new Simulation();
        long[] fires = {0};
        int[] self = new int[1];
        self[0] = sim.register(arg -> {
            fires[0]++;
            if (arg == 4) {
                sim.stop();
            }
            sim.schedule(sim.now() + 3, self[0], arg + 1);
        });
        sim.schedule(1, self[0], 0);
        sim.run();
        // Args 0..4 fire at 1, 4, 7, 10, 13; the one scheduled by arg 4 stays pending.
        assertEquals(5, fires[0]);
        assertEquals(13, sim.now());
        assertEquals(1, sim.pendingEvents());
    }

    @Test
    void runUntilIncludesTheLimitAndAdvancesTime() {
        Simulation sim = new Simulation();
        List<Long> log = new ArrayList<>();
        int h = sim.register(log::add);
        sim.schedule(100, h, 100);
        sim.schedule(200, h, 200);
        sim.runUntil(100);
        assertEquals(List.of(100L), log);
        sim.runUntil(150);
        assertEquals(150, sim.now());
        sim.run();
        assertEquals(List.of(100L, 200L), log);
    }

    @Test
    void schedulingIntoThePastIsRejected() {
        Simulation sim = new Simulation();
        int[] h = new int[1];
        h[0] = sim.register(arg -> sim.schedule(sim.now() - 1, h[0], 0));
        sim.schedule(10, h[0], 0);
        SimulationException e = assertThrows(SimulationException.class, sim::run);
        assertTrue(e.getMessage().contains("event at 9 ps"), e.getMessage());
        assertThrows(SimulationException.class, () -> sim.schedule(20, 256, h[0], 0));
        assertThrows(SimulationException.class, () -> sim.schedule(20, 7, 0));
    }
}

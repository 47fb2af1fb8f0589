package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Simulation#advanceTo}: a handler goes on as a later event only when nothing would fire before it. */
class AdvanceToTest {
    /**
     * A handler that tries to go on at each time of {@code wants} in turn (scheduling it when it may
     * not), logging "time:phase:how" on every run: "q" fired from the queue, "a" advanced to.
     */
    private static List<String> run(Simulation sim, long start, long[] wants, long limit) {
        List<String> log = new ArrayList<>();
        int[] next = {0};
        int[] self = new int[1];
        self[0] = sim.register(arg -> {
            String how = "q";
            while (true) {
                log.add(sim.now() + ":" + sim.phase() + ":" + how);
                if (next[0] == wants.length) {
                    return;
                }
                long t = wants[next[0]++];
                if (!sim.advanceTo(t, 128)) {
                    sim.schedule(t, 128, self[0], 0);
                    return;
                }
                how = "a";
            }
        });
        sim.schedule(start, 128, self[0], 0);
        if (limit == Long.MAX_VALUE) {
            sim.run();
        } else {
            sim.runUntil(limit);
        }
        return log;
    }

    @Test
    void withNothingElsePendingTheHandlerGoesOnAndEachStepCountsAsAnEvent() {
        Simulation sim = new Simulation();
        List<String> log = run(sim, 10, new long[] {20, 1000, 1_000_000}, Long.MAX_VALUE);
        assertEquals(List.of("10:128:q", "20:128:a", "1000:128:a", "1000000:128:a"), log);
        // One queued start and three advances: four events, as if each had been scheduled.
        assertEquals(4, sim.eventsFired());
    }

    @Test
    void anEventPendingAtOrBeforeTheTimeFiresFirstThroughTheQueue() {
        Simulation sim = new Simulation();
        List<String> other = new ArrayList<>();
        int o = sim.register(arg -> other.add(sim.now() + ":" + sim.phase()));
        // (20, 0) comes before (20, 128). Seen from time 20 (the last popped), 30 = 0x1E and 31 = 0x1F
        // first differ from 20 = 0x14 in the lowest 4-bit digit, at 0xE and 0xF: different buckets.
        sim.schedule(20, 0, o, 0);
        sim.schedule(31, 0, o, 0);
        List<String> log = run(sim, 10, new long[] {20, 30, 31, 40}, Long.MAX_VALUE);
        // 10: the event at (20, 0) is pending, so 20 is queued and fires after it; from 20, 30 is
        // before 31 and may advance; from 30, the event at (31, 0) is pending: 31 is queued and fires
        // after it; from 31 nothing is pending: 40 advances.
        assertEquals(List.of("10:128:q", "20:128:q", "30:128:a", "31:128:q", "40:128:a"), log);
        assertEquals(List.of("20:0", "31:0"), other);
        assertEquals(7, sim.eventsFired());
    }

    @Test
    void aPendingEventLaterInTheSameBucketDoesNotStopIt() {
        Simulation sim = new Simulation();
        List<String> other = new ArrayList<>();
        int o = sim.register(arg -> other.add(sim.now() + ":" + sim.phase()));
        // Seen from time 16 = 0x10, 37 = 0x25 and 42 = 0x2A first differ in the 16s digit, both with
        // value 2: the same bucket, whose times are then looked at (42 is after 37). 50 = 0x32 has
        // value 3 there, a later bucket than 42's: queued.
        sim.schedule(42, 0, o, 0);
        List<String> log = run(sim, 16, new long[] {37, 50}, Long.MAX_VALUE);
        assertEquals(List.of("16:128:q", "37:128:a", "50:128:q"), log);
        assertEquals(List.of("42:0"), other);
    }

    @Test
    void runUntilLimitIsNeverPassed() {
        Simulation sim = new Simulation();
        List<String> log = run(sim, 10, new long[] {15, 25}, 20);
        // 15 is within the limit; 25 is not, so it is queued and does not fire in this run.
        assertEquals(List.of("10:128:q", "15:128:a"), log);
        assertEquals(1, sim.pendingEvents());
        assertEquals(20, sim.now());
    }

    @Test
    void outsideARunOrAfterStopItRefuses() {
        Simulation sim = new Simulation();
        assertFalse(sim.advanceTo(5, 0));
        int[] self = new int[1];
        boolean[] answer = {true};
        self[0] = sim.register(arg -> {
            sim.stop();
            answer[0] = sim.advanceTo(100, 0);
        });
        sim.schedule(1, self[0], 0);
        sim.run();
        assertFalse(answer[0]);
        assertEquals(1, sim.now());
    }
}

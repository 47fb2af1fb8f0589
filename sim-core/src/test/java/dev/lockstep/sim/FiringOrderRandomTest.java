package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Firing order of the simulation against a reference that is nothing but the ordering rule written
 * down: a java.util.PriorityQueue of (time, phase, insertion sequence). Both sides run the same random
 * schedules; what an event schedules when it fires is a function of the event's id only, so the two
 * stay in step exactly when they fire in the same order.
 */
class FiringOrderRandomTest {
    private record Ev(long time, int phase, long seq, long id) {
    }

    private static final Comparator<Ev> RULE =
            Comparator.comparingLong(Ev::time).thenComparingInt(Ev::phase).thenComparingLong(Ev::seq);

    /** A new event for the scheduler, chosen to hit ties, phase order, near and far buckets. */
    private record Plan(long time, int phase) {
    }

    private static Plan plan(SplittableRandom r, long now, int nowPhase) {
        return switch (r.nextInt(5)) {
            // Same time: phase at or after the current one (earlier would be the past).
            case 0 -> new Plan(now, nowPhase + r.nextInt(Simulation.MAX_PHASE + 1 - nowPhase));
            case 1 -> new Plan(now + 1 + r.nextInt(3), r.nextInt(3));
            case 2 -> new Plan(now + 1 + r.nextInt(1000), r.nextInt(Simulation.MAX_PHASE + 1));
            case 3 -> new Plan(now + 1 + r.nextLong(1L << 40), r.nextInt(2));
            default -> new Plan(now + 1 + r.nextLong(1L << 61), 0);
        };
    }

    /** Children of a fired event: a function of its id, the same on both sides. */
    private static List<Plan> children(long id, long now, int phase, long budgetLeft) {
        SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 17);
        int n = budgetLeft <= 0 ? 0 : r.nextInt(4);
        List<Plan> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(plan(r, now, phase));
        }
        return out;
    }

    /** Runs one random scenario on both sides and compares the fired ids, in order. */
    private static void scenario(long seed, int initial, long budget) {
        SplittableRandom r = new SplittableRandom(seed);
        Simulation sim = new Simulation();
        List<Long> got = new ArrayList<>();
        long[] nextId = {0};
        int[] handler = new int[1];
        handler[0] = sim.register(id -> {
            got.add(id);
            for (Plan p : children(id, sim.now(), sim.phase(), budget - nextId[0])) {
                sim.schedule(p.time(), p.phase(), handler[0], nextId[0]++);
            }
        });

        PriorityQueue<Ev> ref = new PriorityQueue<>(RULE);
        List<Long> want = new ArrayList<>();
        long[] seq = {0};
        long[] refNextId = {0};

        // Initial events, then runUntil steps with external scheduling in between, then run to the end.
        List<Plan> first = new ArrayList<>();
        for (int i = 0; i < initial; i++) {
            first.add(plan(r, 0, 0));
        }
        for (Plan p : first) {
            sim.schedule(p.time(), p.phase(), handler[0], nextId[0]++);
            ref.add(new Ev(p.time(), p.phase(), seq[0]++, refNextId[0]++));
        }
        long limit = 0;
        for (int step = 0; step < 6; step++) {
            limit += r.nextInt(2000);
            sim.runUntil(limit);
            while (!ref.isEmpty() && ref.peek().time() <= limit) {
                fireReference(ref, want, seq, refNextId, budget);
            }
            assertEquals(ref.size(), sim.pendingEvents(), "pending after runUntil(" + limit + "), seed " + seed);
            // After runUntil(limit) the simulation sits at (limit, last phase): the limit itself is
            // still allowed in phase 255, anything later in any phase.
            Plan p = r.nextBoolean() ? new Plan(limit, Simulation.MAX_PHASE) : plan(r, limit + 1, 0);
            sim.schedule(p.time(), p.phase(), handler[0], nextId[0]++);
            ref.add(new Ev(p.time(), p.phase(), seq[0]++, refNextId[0]++));
        }
        sim.run();
        while (!ref.isEmpty()) {
            fireReference(ref, want, seq, refNextId, budget);
        }
        assertEquals(want, got, "firing order, seed " + seed);
        assertEquals(0, sim.pendingEvents());
    }

    private static void fireReference(PriorityQueue<Ev> ref, List<Long> want, long[] seq, long[] nextId, long budget) {
        Ev e = ref.poll();
        want.add(e.id());
        for (Plan p : children(e.id(), e.time(), e.phase(), budget - nextId[0])) {
            ref.add(new Ev(p.time(), p.phase(), seq[0]++, nextId[0]++));
        }
    }

    @Test
    void randomSchedulesWithTiesPhasesAndReentrantSchedulingFireInReferenceOrder() {
        for (long seed = 1; seed <= 300; seed++) {
            scenario(seed, 1 + (int) (seed % 40), 3000);
        }
    }

    @Test
    void timesUpToLongMaxFireInTimeOrder() {
        // The highest times use the top level of the queue (bit 62 differs from 0); expected order is
        // simply ascending time, ties (the two at 2^62) in insertion order.
        Simulation sim = new Simulation();
        List<Long> got = new ArrayList<>();
        int h = sim.register(arg -> got.add(arg));
        sim.schedule(Long.MAX_VALUE, h, 1);
        sim.schedule(1L << 62, h, 2);
        sim.schedule(0, h, 3);
        sim.schedule(Long.MAX_VALUE - 1, h, 4);
        sim.schedule(1L << 62, h, 5);
        sim.schedule(15, h, 6);
        sim.schedule(16, h, 7);
        sim.run();
        assertEquals(List.of(3L, 6L, 7L, 2L, 5L, 4L, 1L), got);
        assertEquals(Long.MAX_VALUE, sim.now());
    }

    @Test
    void hundredThousandPendingEventsFireInReferenceOrder() {
        scenario(4242, 100_000, 150_000);
    }
}

package dev.lockstep.sim.bench;

import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Clocked;
import dev.lockstep.sim.Simulation;

/**
 * The clocked model of the kernel benchmark reference: N components in a ring on one 1 GHz clock
 * domain (first edge at 0), each with a 64-bit register stepped from its own and its predecessor's
 * pre-edge values.
 */
public final class ClockedRingBenchmark {
    private static final long PERIOD_PS = 1000;
    private static final long MULTIPLIER = 6364136223846793005L;

    /** Figures of one run; {@code xor} (of all registers at the end) is the reference's check value. */
    public record Result(int components, int warmup, int edges, long elapsedNs, long xor) {
        public double componentCyclesPerSecond() {
            return (double) components * edges * 1e9 / elapsedNs;
        }
    }

    private ClockedRingBenchmark() {
    }

    public static Result run(int components, int warmup, int edges) {
        if (components < 1 || warmup < 0 || edges < 1) {
            throw new IllegalArgumentException("clocked benchmark needs N >= 1, warm-up >= 0, edges >= 1, got "
                    + components + ", " + warmup + ", " + edges);
        }
        Simulation sim = new Simulation();
        ClockDomain clock = sim.add(new ClockDomain("ring", PERIOD_PS, 0));
        Node[] ring = new Node[components];
        for (int i = 0; i < components; i++) {
            ring[i] = new Node(i);
        }
        for (int i = 0; i < components; i++) {
            ring[i].previous = ring[(i + components - 1) % components];
            clock.add(ring[i]);
        }
        // Edge k is at k ns and runUntil includes its limit: warm-up runs edges 0 .. warmup-1.
        if (warmup > 0) {
            sim.runUntil(clock.timeOf(warmup - 1));
        }
        long start = System.nanoTime();
        sim.runUntil(clock.timeOf(warmup + (long) edges - 1));
        long elapsed = System.nanoTime() - start;
        long xor = 0;
        for (Node n : ring) {
            xor ^= n.state;
        }
        return new Result(components, warmup, edges, elapsed, xor);
    }

    private static final class Node implements Clocked {
        private final long index;
        Node previous;
        long state;
        private long next;

        Node(int index) {
            this.index = index;
            this.state = index;
        }

        @Override
        public void evaluate() {
            next = (state * MULTIPLIER + index) ^ previous.state;
        }

        @Override
        public void commit() {
            state = next;
        }
    }
}

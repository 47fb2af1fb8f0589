package dev.lockstep.sim.bench;

import dev.lockstep.sim.EventHandler;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.random.SplitMix64;

/**
 * The hold model of the kernel benchmark reference, written as a model author would: one handler,
 * registered once; each fired event schedules one successor at now + draw(). P events stay pending.
 */
public final class HoldBenchmark {
    /** The generator's seed in the kernel benchmark reference. */
    public static final long SEED = 0x5EEDC0FFEE123457L;

    /** Figures of one run; {@code lastPs} and {@code sumPs} are the reference's check values. */
    public record Result(int pending, long warmup, long measured, long elapsedNs, long lastPs, long sumPs) {
        public double eventsPerSecond() {
            return measured * 1e9 / elapsedNs;
        }
    }

    private HoldBenchmark() {
    }

    public static Result run(int pending, long warmup, long measured) {
        if (pending < 1 || warmup < 1 || measured < 1) {
            throw new IllegalArgumentException("hold benchmark needs P, W, E >= 1, got " + pending + ", " + warmup + ", " + measured);
        }
        Simulation sim = new Simulation();
        Hold model = new Hold(sim, pending, warmup, warmup + measured);
        model.handler = sim.register(model);
        for (int k = 0; k < pending; k++) {
            sim.schedule(model.draw(), model.handler, 0);
        }
        sim.run();
        return new Result(pending, warmup, measured, model.stopNs - model.startNs, model.lastPs, model.sumPs);
    }

    private static final class Hold implements EventHandler {
        private final Simulation sim;
        private final SplitMix64 rng = new SplitMix64(HoldBenchmark.SEED);
        private final long range;
        private final long startAt;
        private final long stopAt;
        int handler;
        long fired;
        long sumPs;
        long lastPs;
        long startNs;
        long stopNs;

        Hold(Simulation sim, int pending, long startAt, long stopAt) {
            this.sim = sim;
            this.range = 2L * pending;
            this.startAt = startAt;
            this.stopAt = stopAt;
        }

        long draw() {
            return 1 + Long.remainderUnsigned(rng.nextLong(), range);
        }

        @Override
        public void onEvent(long arg) {
            long now = sim.now();
            sumPs += now;
            if (++fired == startAt) {
                startNs = System.nanoTime();
            } else if (fired == stopAt) {
                stopNs = System.nanoTime();
                lastPs = now;
                sim.stop();
                return;
            }
            sim.schedule(now + draw(), handler, 0);
        }
    }
}

package dev.lockstep.cosim;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Speed of the lockstep (Java model + RTL + compare every output every cycle) against the RTL driven
 * alone with the same stimulus. Each mode first runs a warm-up (up to 200,000 cycles) so the figures
 * are for JIT-compiled code, then one measured run; the stimulus is regenerated from the seed for
 * every run, so all runs see the same cycles.
 *
 * @param lockstepPassed whether the measured lockstep run had zero divergences
 */
public record CosimBench(String block, long cycles, long seed, double lockstepCyclesPerSecond,
                         double rtlAloneCyclesPerSecond, boolean lockstepPassed) {
    private static final long WARM_UP = 200_000;

    /** Lockstep rate over RTL-alone rate: the share of Verilator's own speed the lockstep keeps. */
    public double ratio() {
        return lockstepCyclesPerSecond / rtlAloneCyclesPerSecond;
    }

    public static CosimBench lane(long cycles, long seed) {
        return measure(() -> LaneCosim.harness(seed), cycles, seed);
    }

    public static CosimBench vector(int lanes, long cycles, long seed) {
        return measure(() -> VectorCosim.harness(lanes, seed), cycles, seed);
    }

    /** The fabric top on {@code frames} random frames, replayed open loop so the RTL can run alone. */
    public static CosimBench fabric(int frames, long seed) {
        long[] recording = FabricCosim.record(frames, seed);
        return measure(() -> FabricCosim.replayHarness(recording, seed), recording.length / 3, seed);
    }

    private static CosimBench measure(Supplier<CosimHarness> harness, long cycles, long seed) {
        ModelBuilder builder = ModelBuilder.defaults();
        long warm = Math.min(cycles, WARM_UP);
        LockstepRunner.run(builder, harness.get(), warm, CosimOptions.defaults());
        CosimResult lockstep = LockstepRunner.run(builder, harness.get(), cycles, CosimOptions.defaults());
        LockstepRunner.runRtlAlone(builder, harness.get(), warm);
        LockstepRunner.RtlAloneRun alone = LockstepRunner.runRtlAlone(builder, harness.get(), cycles);
        return new CosimBench(lockstep.schema().block(), cycles, seed, lockstep.cyclesPerSecond(),
                alone.cyclesPerSecond(), lockstep.passed());
    }

    /** One line, e.g. {@code ternary_lane: lockstep 4.10 M cycles/s, RTL alone 9.80 M cycles/s, ratio 0.42 (...)}. */
    public String describe() {
        return String.format(Locale.ROOT,
                "%s: lockstep %.2f M cycles/s, RTL alone %.2f M cycles/s, lockstep/RTL-alone %.2f (%d cycles, seed %d%s)",
                block, lockstepCyclesPerSecond / 1e6, rtlAloneCyclesPerSecond / 1e6, ratio(), cycles, seed,
                lockstepPassed ? ", 0 divergences" : ", DIVERGED");
    }
}

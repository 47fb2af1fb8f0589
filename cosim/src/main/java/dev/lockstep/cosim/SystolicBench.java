package dev.lockstep.cosim;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.SystolicArray;

import java.util.Locale;

/**
 * Speed of the Java register-level systolic array against the same array's RTL under Verilator,
 * each driven alone by the same pin values and reading every output every cycle, and of the two in
 * lockstep. The pins are the random folds of {@link SystolicStimulus}, recorded once up front and
 * replayed (cyclically, when the run is longer than the recording), so neither side pays for
 * generating stimulus and both see identical cycles. Each mode runs a warm-up first.
 *
 * @param macs           MACs the array performed in the measured run (the RTL, proven equal by the
 *                       lockstep run, performs the same)
 * @param lockstepPassed whether the lockstep run had zero divergences
 */
public record SystolicBench(int rows, int cols, Dataflow dataflow, long cycles, long seed, long macs,
                            double javaCyclesPerSecond, double rtlCyclesPerSecond,
                            double lockstepCyclesPerSecond, boolean lockstepPassed) {
    private static final long WARM_UP = 200_000;
    /** Recorded pin values are capped at this many longs (32 MiB). */
    private static final int RECORD_LONGS = 1 << 22;
    /** Where the Java run's output checksum goes, so the JIT cannot drop the output reads. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    /** Java pe rate over Verilator's: above 1 the Java model is the faster. */
    public double ratio() {
        return javaCyclesPerSecond / rtlCyclesPerSecond;
    }

    public double javaMacsPerSecond() {
        return macs * javaCyclesPerSecond / cycles;
    }

    public double rtlMacsPerSecond() {
        return macs * rtlCyclesPerSecond / cycles;
    }

    public static SystolicBench measure(int rows, int cols, Dataflow dataflow, long cycles, long seed) {
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be >= 1, got " + cycles);
        }
        CosimSchema schema = SystolicCosim.schema(rows, cols, dataflow);
        int width = schema.inputs().size();
        int length = (int) Math.min(cycles, Math.max(1024, RECORD_LONGS / width));
        long[] pins = record(rows, cols, dataflow, seed, length, width);
        ModelBuilder builder = ModelBuilder.defaults();
        long warm = Math.min(cycles, WARM_UP);

        javaAlone(rows, cols, dataflow, pins, width, warm);
        long[] java = javaAlone(rows, cols, dataflow, pins, width, cycles);
        LockstepRunner.runRtlAlone(builder, harness(rows, cols, dataflow, pins, width, seed), warm);
        LockstepRunner.RtlAloneRun rtl = LockstepRunner.runRtlAlone(builder, harness(rows, cols, dataflow, pins, width, seed), cycles);
        LockstepRunner.run(builder, harness(rows, cols, dataflow, pins, width, seed), warm, CosimOptions.defaults());
        CosimResult lockstep = LockstepRunner.run(builder, harness(rows, cols, dataflow, pins, width, seed), cycles,
                CosimOptions.defaults());
        return new SystolicBench(rows, cols, dataflow, cycles, seed, java[0], cycles * 1e9 / java[1],
                rtl.cyclesPerSecond(), lockstep.cyclesPerSecond(), lockstep.passed());
    }

    /** The first {@code length} cycles of the fold stimulus, {@code width} inputs each, in one flat array. */
    private static long[] record(int rows, int cols, Dataflow dataflow, long seed, int length, int width) {
        // Enough folds to outlast the recording: every fold starts at least one edge after the previous.
        SystolicStimulus s = SystolicCosim.stimulus(rows, cols, dataflow, length, seed);
        long[] pins = new long[length * width];
        long[] in = new long[width];
        for (int c = 0; c < length; c++) {
            s.next(c, in);
            System.arraycopy(in, 0, pins, c * width, width);
        }
        return pins;
    }

    private static Stimulus replay(long[] pins, int width) {
        int length = pins.length / width;
        return (cycle, in) -> System.arraycopy(pins, (int) (cycle % length) * width, in, 0, width);
    }

    private static CosimHarness harness(int rows, int cols, Dataflow dataflow, long[] pins, int width, long seed) {
        return new CosimHarness(SystolicCosim.schema(rows, cols, dataflow), SystolicCosim.design(rows, cols, dataflow),
                replay(pins, width), SystolicCosim.model(new SystolicArray(rows, cols, dataflow, DType.INT8)), seed);
    }

    /**
     * The Java array alone through the same adapter the lockstep uses (inputs masked as the runner
     * masks them, every output sampled); returns {MACs, nanoseconds}. A reset edge zeroes the array's
     * MAC counter, so the count is banked before each one.
     */
    private static long[] javaAlone(int rows, int cols, Dataflow dataflow, long[] pins, int width, long cycles) {
        SystolicArray array = new SystolicArray(rows, cols, dataflow, DType.INT8);
        CosimModel model = SystolicCosim.model(array);
        CosimSchema schema = SystolicCosim.schema(rows, cols, dataflow);
        long[] mask = new long[width];
        for (int i = 0; i < width; i++) {
            mask[i] = schema.inputs().get(i).mask();
        }
        Stimulus stimulus = replay(pins, width);
        long[] in = new long[width];
        long[] out = new long[2 * cols];
        long banked = 0;
        long checksum = 0;
        long start = System.nanoTime();
        for (long c = 0; c < cycles; c++) {
            stimulus.next(c, in);
            for (int i = 0; i < width; i++) {
                in[i] &= mask[i];
            }
            if (in[0] != 0) {
                banked += array.macs();
            }
            model.apply(in);
            model.step();
            model.sample(out);
            for (long v : out) {
                checksum = Long.rotateLeft(checksum, 1) ^ v;
            }
        }
        long ns = System.nanoTime() - start;
        sink = checksum;
        return new long[] {banked + array.macs(), ns};
    }

    /** One line, e.g. {@code systolic_array 16x16 os: Java pe 1.20 M cycles/s, Verilator 0.90 M cycles/s, ratio 1.33, ...}. */
    public String describe() {
        return String.format(Locale.ROOT,
                "systolic_array %dx%d %s int8: Java pe %.2f M cycles/s (%.0f M MACs/s), Verilator %.2f M cycles/s,"
                        + " Java/Verilator %.2f, lockstep %.2f M cycles/s (%d cycles, seed %d%s)",
                rows, cols, dataflow.lowerName(), javaCyclesPerSecond / 1e6, javaMacsPerSecond() / 1e6,
                rtlCyclesPerSecond / 1e6, ratio(), lockstepCyclesPerSecond / 1e6, cycles, seed,
                lockstepPassed ? ", 0 divergences" : ", DIVERGED");
    }
}

package dev.lockstep.cosim;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.SystolicArray;
import dev.lockstep.rtl.RtlSources;
import dev.lockstep.rtl.SystolicArrayParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Co-simulation of the int8 systolic array: Java {@link SystolicArray} (register level, OS or WS)
 * against the Chisel-generated {@code systolic_array} over {@code systolic_pe.v}, on random folds
 * ({@link SystolicStimulus}). Signals carry the emitted port names, e.g. {@code systolic_array.south_data_3}.
 *
 * <p>Input order: reset, west_data_0..R-1, west_valid_0..R-1, west_bank_0..R-1, north_data_0..C-1,
 * drain and drain_bank (OS) or wload and wload_bank (WS). Output order: south_data_0..C-1 (32 bits),
 * south_valid_0..C-1.
 */
public final class SystolicCosim {
    /** The largest side the generator accepts (rows and columns in 1..MAX_SIDE). */
    public static final int MAX_SIDE = SystolicArrayParams.MaxSide();

    private SystolicCosim() {}

    /** Runs {@code folds} random folds from {@code seed} to their last result, with the default model cache. */
    public static CosimResult run(int rows, int cols, Dataflow dataflow, int folds, long seed, CosimOptions options) {
        SystolicStimulus stimulus = stimulus(rows, cols, dataflow, folds, seed);
        return LockstepRunner.run(harness(rows, cols, dataflow, stimulus, seed), stimulus.cycles(), options);
    }

    /** Cycles {@link #run} takes for these folds: the last fold's last result, plus two. */
    public static long cycles(int rows, int cols, Dataflow dataflow, int folds, long seed) {
        return stimulus(rows, cols, dataflow, folds, seed).cycles();
    }

    public static RtlDesign design(int rows, int cols, Dataflow dataflow) {
        return new RtlDesign("systolic_array", RtlSources.systolicArray(rows, cols, hardware(dataflow).lowerName()),
                "clock", "reset");
    }

    public static CosimSchema schema(int rows, int cols, Dataflow dataflow) {
        boolean os = hardware(dataflow) == Dataflow.OS;
        List<SignalSpec> in = new ArrayList<>();
        in.add(new SignalSpec("reset", 1));
        for (String name : List.of("west_data_", "west_valid_", "west_bank_")) {
            for (int i = 0; i < rows; i++) {
                in.add(new SignalSpec(name + i, name.equals("west_data_") ? 8 : 1));
            }
        }
        for (int j = 0; j < cols; j++) {
            in.add(new SignalSpec("north_data_" + j, 8));
        }
        in.add(new SignalSpec(os ? "drain" : "wload", 1));
        in.add(new SignalSpec(os ? "drain_bank" : "wload_bank", 1));
        List<SignalSpec> out = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            out.add(new SignalSpec("south_data_" + j, 32));
        }
        for (int j = 0; j < cols; j++) {
            out.add(new SignalSpec("south_valid_" + j, 1));
        }
        return new CosimSchema("systolic_array", in, out);
    }

    /** The random folds of {@code seed} against a fresh Java array. */
    public static CosimHarness harness(int rows, int cols, Dataflow dataflow, int folds, long seed) {
        return harness(rows, cols, dataflow, stimulus(rows, cols, dataflow, folds, seed), seed);
    }

    private static CosimHarness harness(int rows, int cols, Dataflow dataflow, Stimulus stimulus, long seed) {
        return new CosimHarness(schema(rows, cols, dataflow), design(rows, cols, dataflow), stimulus,
                model(new SystolicArray(rows, cols, hardware(dataflow), DType.INT8)), seed);
    }

    static SystolicStimulus stimulus(int rows, int cols, Dataflow dataflow, int folds, long seed) {
        checkSize(rows, cols);
        return new SystolicStimulus(rows, cols, hardware(dataflow) == Dataflow.OS, folds, seed);
    }

    /** Adapts a Java int8 array to {@link #schema}. */
    public static CosimModel model(SystolicArray array) {
        if (array.dtype() != DType.INT8) {
            throw new IllegalArgumentException("the systolic RTL is int8; got a " + array.dtype().lowerName() + " array");
        }
        final int r = array.rows();
        final int c = array.cols();
        final boolean os = array.hardware() == Dataflow.OS;
        final int ctlAt = 1 + 3 * r + c;
        return new CosimModel() {
            @Override
            public void apply(long[] in) {
                array.setReset(in[0] != 0);
                for (int i = 0; i < r; i++) {
                    array.setWest(i, (int) in[1 + i], in[1 + r + i] != 0, (int) in[1 + 2 * r + i]);
                }
                for (int j = 0; j < c; j++) {
                    array.setNorth(j, (int) in[1 + 3 * r + j]);
                }
                if (os) {
                    array.setDrain(in[ctlAt] != 0, (int) in[ctlAt + 1]);
                } else {
                    array.setWeightLoad(in[ctlAt] != 0, (int) in[ctlAt + 1]);
                }
            }

            @Override
            public void step() {
                array.step();
            }

            @Override
            public void sample(long[] out) {
                for (int j = 0; j < c; j++) {
                    out[j] = array.southData(j) & 0xFFFF_FFFFL;
                    out[c + j] = array.southValid(j) ? 1 : 0;
                }
            }
        };
    }

    private static Dataflow hardware(Dataflow dataflow) {
        if (dataflow == Dataflow.IS) {
            throw new IllegalArgumentException("the systolic RTL is OS or WS hardware; IS runs on WS with the operands swapped");
        }
        return dataflow;
    }

    static void checkSize(int rows, int cols) {
        if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
            throw new IllegalArgumentException("systolic array rows and cols must be in 1.." + MAX_SIDE + ", got " + rows + " x " + cols);
        }
    }
}

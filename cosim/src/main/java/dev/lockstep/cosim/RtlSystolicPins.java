package dev.lockstep.cosim;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.SystolicPins;

/**
 * The Chisel-generated int8 {@code systolic_array} under Verilator as {@link SystolicPins}, so the
 * feeder that drives the Java array ({@code PeMatmul}) drives the RTL unchanged ({@code kpu matmul
 * --fidelity rtl}). Inputs are poked in place, one {@link VerilatedModel#tick()} is an edge, outputs are
 * read in place: no native call besides the tick, no allocation per edge. The RTL has no MAC counter,
 * so MACs are valid west inputs times C (each meets every column once).
 */
public final class RtlSystolicPins implements SystolicPins, AutoCloseable {
    private final VerilatedModel model;
    private final int rows;
    private final int cols;
    private final Dataflow hardware;
    private final Port[] westData;
    private final Port[] westValid;
    private final Port[] westBank;
    private final Port[] northData;
    private final Port[] southData;
    private final Port[] southValid;
    private final Port control;
    private final Port controlBank;
    // Valid west inputs so far, and how many west_valid pins are high now (pins hold between edges).
    private long validWest;
    private int validWestPins;
    private final boolean[] westValidNow;

    private RtlSystolicPins(VerilatedModel model, int rows, int cols, Dataflow hardware) {
        this.model = model;
        this.rows = rows;
        this.cols = cols;
        this.hardware = hardware;
        westData = ports("west_data_", rows);
        westValid = ports("west_valid_", rows);
        westBank = ports("west_bank_", rows);
        northData = ports("north_data_", cols);
        southData = ports("south_data_", cols);
        southValid = ports("south_valid_", cols);
        boolean os = hardware == Dataflow.OS;
        control = model.port(os ? "drain" : "wload");
        controlBank = model.port(os ? "drain_bank" : "wload_bank");
        westValidNow = new boolean[rows];
    }

    /**
     * Builds (or takes from the model cache) the R x C array of this hardware dataflow (OS or WS),
     * loads it and holds reset for two edges; the first {@link #step()} is then edge 0 of a fresh array.
     */
    public static RtlSystolicPins open(int rows, int cols, Dataflow hardware) {
        SystolicCosim.checkSize(rows, cols);
        VerilatedModel model = VerilatedModel.open(SystolicCosim.design(rows, cols, hardware));
        try {
            model.reset(2);
            return new RtlSystolicPins(model, rows, cols, hardware);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Port[] ports(String prefix, int count) {
        Port[] p = new Port[count];
        for (int i = 0; i < count; i++) {
            p[i] = model.port(prefix + i);
        }
        return p;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Dataflow hardware() {
        return hardware;
    }

    @Override
    public DType dtype() {
        return DType.INT8;
    }

    @Override
    public void setWest(int row, int bits, boolean valid, int bank) {
        westData[row].poke(bits & 0xFF);
        westValid[row].poke(valid ? 1 : 0);
        westBank[row].poke(bank & 1);
        if (valid != westValidNow[row]) {
            westValidNow[row] = valid;
            validWestPins += valid ? 1 : -1;
        }
    }

    @Override
    public void setNorth(int col, int bits) {
        northData[col].poke(bits & 0xFF);
    }

    @Override
    public void setDrain(boolean drain, int bank) {
        if (hardware == Dataflow.OS) {
            control.poke(drain ? 1 : 0);
            controlBank.poke(bank & 1);
        }
    }

    @Override
    public void setWeightLoad(boolean wload, int bank) {
        if (hardware == Dataflow.WS) {
            control.poke(wload ? 1 : 0);
            controlBank.poke(bank & 1);
        }
    }

    @Override
    public void step() {
        model.tick();
        validWest += validWestPins;
    }

    /** south_data[col] sign-extended from 32 bits, as the Java int8 array reports it. */
    @Override
    public long southData(int col) {
        return (int) southData[col].peek();
    }

    @Override
    public boolean southValid(int col) {
        return southValid[col].peek() != 0;
    }

    @Override
    public long macs() {
        return validWest * cols;
    }

    @Override
    public void close() {
        model.close();
    }
}

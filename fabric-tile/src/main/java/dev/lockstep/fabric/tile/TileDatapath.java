package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.VectorEngine;
import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.sim.Clocked;

import java.util.Objects;

/**
 * A tile without its frame controller (RTL twin: tile_datapath.v): the weight and input banks
 * ({@link Sram}), three PT-5 unpackers per bank and the {@link VectorEngine}, driven by a controller's
 * outputs. A {@link Tile} owns one controller and one datapath; the fabric top drives several
 * datapaths from one shared controller, so its tiles run in lockstep (tfmbs.md 4.4).
 *
 * <p>Each edge: both banks read the controller's address while it reads; otherwise the write port
 * (one address and data for both banks, one enable per bank) writes. The engine computes on the
 * banks' registered outputs, decoded combinationally. The owner never writes while the controller
 * reads (the fabric refuses host writes during a frame), so the port is never claimed twice.
 */
public final class TileDatapath implements Clocked {
    private final int lanes;
    private final Pt5Options options;
    private final Sram weights = new Sram("weight bank");
    private final Sram inputs = new Sram("input bank");
    private final VectorEngine engine;
    private final int[] weightCodes = new int[Tile.MAX_LANES];
    private final int[] inputCodes = new int[Tile.MAX_LANES];

    private boolean readEnable;
    private int readAddress;
    private boolean engineEnable;
    private boolean clear;
    private int hints;
    private boolean tileEnabled = true;
    private boolean weightWrite;
    private boolean inputWrite;
    private int writeAddress;
    private int writeData;

    /**
     * @param lanes   1..15; lane i takes trit i of each word
     * @param options how the unpackers decode bytes 243..255 (only RTL_COMPAT ever meets one: the
     *                owners refuse such words before they reach a bank)
     */
    public TileDatapath(int lanes, Pt5Options options) {
        if (lanes < 1 || lanes > Tile.MAX_LANES) {
            throw new IllegalArgumentException("tile lanes must be in 1.." + Tile.MAX_LANES + ", got " + lanes);
        }
        this.lanes = lanes;
        this.options = Objects.requireNonNull(options, "options");
        engine = new VectorEngine(lanes);
        engine.setLaneCount(lanes);
        engine.setLaneMask(-1L);
    }

    public int lanes() {
        return lanes;
    }

    public void setReset(boolean reset) {
        engine.setReset(reset);
    }

    /** The controller's read_enable and read_address: both banks read that word at this edge. */
    public void setRead(boolean enable, int address) {
        readEnable = enable;
        readAddress = address;
    }

    /** The controller's engine_enable, clear pulse and frame hints. */
    public void setEngine(boolean enable, boolean clear, int hints) {
        engineEnable = enable;
        this.clear = clear;
        this.hints = hints;
    }

    /** The write port: one word address and 24-bit data, one enable per bank. */
    public void setWrite(boolean weightEnable, boolean inputEnable, int address, int data) {
        weightWrite = weightEnable;
        inputWrite = inputEnable;
        writeAddress = address;
        writeData = data;
    }

    /** LANE_COUNT (16 bits): lanes at index >= count stay idle. */
    public void setLaneCount(int count) {
        engine.setLaneCount(count);
    }

    /** LANE_MASK, bit i for lane i. */
    public void setLaneMask(long mask) {
        engine.setLaneMask(mask);
    }

    /** This tile's TILE_MASK bit: a masked tile sees the frame's edges but its lanes never compute. */
    public void setTileEnabled(boolean enabled) {
        tileEnabled = enabled;
    }

    @Override
    public void evaluate() {
        drive(weights, weightWrite);
        drive(inputs, inputWrite);
        weights.evaluate();
        inputs.evaluate();
        // Unpackers are combinational on the banks' registered outputs.
        Pt5Codec.decodeWord(weights.dout(), weightCodes, 0, options);
        Pt5Codec.decodeWord(inputs.dout(), inputCodes, 0, options);
        for (int i = 0; i < lanes; i++) {
            engine.setWeight(i, weightCodes[i]);
            engine.setInput(i, inputCodes[i]);
        }
        engine.setHints(hints);
        engine.setClear(clear);
        engine.setEnable(engineEnable && tileEnabled);
        engine.evaluate();
    }

    private void drive(Sram bank, boolean write) {
        boolean writing = write && !readEnable;
        bank.setEnable(readEnable || writing);
        bank.setWriteEnable(writing);
        bank.setAddress(readEnable ? readAddress : writeAddress);
        bank.setWriteData(writeData);
    }

    @Override
    public void commit() {
        weights.commit();
        inputs.commit();
        engine.commit();
    }

    /** The weight bank, for host loads between edges and debug reads. */
    public Sram weights() {
        return weights;
    }

    /** The input bank, for host loads between edges and debug reads. */
    public Sram inputs() {
        return inputs;
    }

    public int result(int lane) {
        return engine.accumulator(lane);
    }

    public int skipCount(int lane) {
        return engine.skipCount(lane);
    }

    public int activeCycles(int lane) {
        return engine.activeCycles(lane);
    }

    /** Sticky per-frame overflow flags, bit i for lane i. */
    public long overflowMask() {
        return engine.overflowMask();
    }

    /** Enabled lanes summed over compute edges since the frame's clear; 0 for a masked tile. */
    public int utilization() {
        return engine.utilization();
    }
}

package dev.lockstep.cosim;

import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.kernel.FabricBackend;
import dev.lockstep.fabric.kernel.FabricTopBackend;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.tile.Tile;
import dev.lockstep.fabric.top.FabricTop;

/**
 * The {@code rtl} fidelity: fabric_top.v (4 tiles x 15 lanes, PT-5 mapping A, as built) under
 * Verilator, driven by the same bus program as {@code pe} ({@link FabricTopBackend}), so a kernel gives
 * the same results and cycles at both or the RTL is wrong. Owns the native model: close it.
 */
public final class RtlFabricBackend implements FabricBackend, AutoCloseable {
    private final VerilatedModel model;
    private final FabricTopBackend bus;

    private RtlFabricBackend(VerilatedModel model) {
        this.model = model;
        bus = new FabricTopBackend("rtl", new RtlFabricPins(model), FabricTop.DEFAULT_TILES, Tile.MAX_LANES, Pt5Mapping.A);
    }

    /**
     * Builds (or takes from the model cache) and loads fabric_top.v.
     *
     * @throws VerilatorMissingException if Verilator is not installed
     */
    public static RtlFabricBackend open() {
        return new RtlFabricBackend(VerilatedModel.open(FabricCosim.design()));
    }

    /** Clock edges of the RTL so far, bus traffic included. */
    public long edges() {
        return bus.edges();
    }

    @Override
    public String fidelity() {
        return bus.fidelity();
    }

    @Override
    public int tiles() {
        return bus.tiles();
    }

    @Override
    public int lanes() {
        return bus.lanes();
    }

    @Override
    public Pt5Mapping mapping() {
        return bus.mapping();
    }

    @Override
    public void loadWeight(int tile, int index, int word) {
        bus.loadWeight(tile, index, word);
    }

    @Override
    public void loadInput(int tile, int index, int word) {
        bus.loadInput(tile, index, word);
    }

    @Override
    public FrameResult run(FrameRegisters frame) {
        return bus.run(frame);
    }

    @Override
    public void close() {
        model.close();
    }
}

package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.frame.FrameModel;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.frame.FrameTiming;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;

/** The {@code tile} fidelity: frames in closed form through {@link FrameModel}. */
public final class TileBackend implements FabricBackend {
    private final FrameModel model;
    private final Pt5Mapping mapping;

    public TileBackend(int tiles) {
        this(tiles, 15, Pt5Options.DEFAULT, FrameTiming.HARDWARE);
    }

    public TileBackend(int tiles, int lanes, Pt5Options options, FrameTiming timing) {
        model = new FrameModel(tiles, lanes, options, timing);
        mapping = options.mapping();
    }

    @Override
    public String fidelity() {
        return "tile";
    }

    @Override
    public int tiles() {
        return model.tiles();
    }

    @Override
    public Pt5Mapping mapping() {
        return mapping;
    }

    @Override
    public int lanes() {
        return model.lanes();
    }

    @Override
    public void loadWeight(int tile, int index, int word) {
        model.loadWeight(tile, index, word);
    }

    @Override
    public void loadInput(int tile, int index, int word) {
        model.loadInput(tile, index, word);
    }

    @Override
    public FrameResult run(FrameRegisters frame) {
        return model.run(frame);
    }
}

package dev.lockstep.fabric.top;

import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.fabric.tile.FrameController;
import dev.lockstep.fabric.tile.Tile;
import dev.lockstep.fabric.tile.TileDatapath;
import dev.lockstep.sim.Clocked;

/**
 * The multi-tile fabric at register level (RTL twin: fabric_top.v): NUM_TILES tile datapaths driven
 * in lockstep by ONE {@link FrameController} (tfmbs.md 2.6, 4.4), an AXI4-Lite slave with the
 * register map ({@link AxiLiteRegs}) and an AXI4-Stream loader ({@link StreamLoader}), seen only
 * through its pins. TILE_MASK gates each tile's engine enable: a masked tile sees the frame's edges
 * but gains no utilization. Reset is synchronous and active high.
 *
 * <p>Drive it like the RTL: set every input pin, {@link #evaluate()}, {@link #commit()} (or
 * {@link #step()}), read the output pins. {@link FabricHost} does the AXI handshakes for a program.
 * Every output is a register or a function of registers only. Per-edge allocation: none.
 */
public final class FabricTop implements Clocked, FabricStatus {
    public static final int DEFAULT_TILES = 4;

    private final int tiles;
    private final int lanes;
    private final FrameController controller = new FrameController();
    private final TileDatapath[] datapaths;
    private final AxiLiteRegs regs;
    private final StreamLoader stream;

    private boolean reset;
    private boolean tvalid;
    private int tdata;
    private boolean tlast;

    /** 4 tiles of 15 lanes. */
    public FabricTop() {
        this(DEFAULT_TILES, Tile.MAX_LANES);
    }

    /**
     * @param tiles 1..4 (the AXI4-Lite windows of tfmbs.md 2.7 address four tiles)
     * @param lanes 1..15 per tile
     */
    public FabricTop(int tiles, int lanes) {
        if (tiles < 1 || tiles > FabricRegisterMap.MAX_TILES) {
            throw new IllegalArgumentException("fabric tiles must be in 1.." + FabricRegisterMap.MAX_TILES + ", got " + tiles);
        }
        if (lanes < 1 || lanes > Tile.MAX_LANES) {
            throw new IllegalArgumentException("fabric lanes must be in 1.." + Tile.MAX_LANES + ", got " + lanes);
        }
        this.tiles = tiles;
        this.lanes = lanes;
        datapaths = new TileDatapath[tiles];
        for (int t = 0; t < tiles; t++) {
            // Banks only ever hold valid PT-5 words: both loading paths refuse the others.
            datapaths[t] = new TileDatapath(lanes, Pt5Options.DEFAULT);
        }
        regs = new AxiLiteRegs(tiles, lanes, this);
        stream = new StreamLoader(tiles);
    }

    public int tiles() {
        return tiles;
    }

    public int lanes() {
        return lanes;
    }

    public void setReset(boolean reset) {
        this.reset = reset;
    }

    /** AW, W and B channel inputs. */
    public void setWriteChannels(boolean awvalid, int awaddr, boolean wvalid, int wdata, boolean bready) {
        regs.setWriteChannels(awvalid, awaddr, wvalid, wdata, bready);
    }

    /** AR and R channel inputs. */
    public void setReadChannels(boolean arvalid, int araddr, boolean rready) {
        regs.setReadChannels(arvalid, araddr, rready);
    }

    /** AXI4-Stream slave inputs. */
    public void setStream(boolean tvalid, int tdata, boolean tlast) {
        this.tvalid = tvalid;
        this.tdata = tdata;
        this.tlast = tlast;
    }

    @Override
    public void evaluate() {
        controller.setReset(reset);
        controller.setStart(regs.startPulse());
        controller.setBase(regs.base());
        controller.setDepth(regs.depth());
        controller.setStride(regs.stride());
        controller.setHints(regs.hints());

        stream.setReset(reset);
        stream.setStream(tvalid, tdata, tlast);
        stream.setBlocked(streamBlocked());
        stream.evaluate();

        regs.setReset(reset);
        regs.setStreamError(stream.error());
        regs.evaluate();

        controller.evaluate();

        // At most one of the two loaders writes at an edge: the stream waits while an AXI write is pending.
        boolean axiWrites = (regs.weightWrites() | regs.inputWrites()) != 0;
        int weightWrites = regs.weightWrites() | stream.weightWrites();
        int inputWrites = regs.inputWrites() | stream.inputWrites();
        int address = axiWrites ? regs.writeAddress() : stream.writeAddress();
        int data = axiWrites ? regs.writeData() : stream.writeData();
        for (int t = 0; t < tiles; t++) {
            TileDatapath d = datapaths[t];
            d.setReset(reset);
            d.setRead(controller.readEnable(), controller.readAddress());
            d.setEngine(controller.engineEnable(), controller.clear(), controller.frameHints());
            d.setWrite((weightWrites >>> t & 1) != 0, (inputWrites >>> t & 1) != 0, address, data);
            d.setLaneCount(regs.laneCount());
            d.setLaneMask(regs.laneMask());
            d.setTileEnabled((regs.tileMask() >>> t & 1) != 0);
            d.evaluate();
        }
    }

    private boolean streamBlocked() {
        return controller.busy() || regs.writePending();
    }

    @Override
    public void commit() {
        controller.commit();
        stream.commit();
        regs.commit();
        for (TileDatapath d : datapaths) {
            d.commit();
        }
    }

    /** One clock edge. */
    public void step() {
        evaluate();
        commit();
    }

    // Output pins.

    public boolean awready() {
        return regs.awready();
    }

    public boolean wready() {
        return regs.wready();
    }

    public boolean bvalid() {
        return regs.bvalid();
    }

    public int bresp() {
        return regs.bresp();
    }

    public boolean arready() {
        return regs.arready();
    }

    public boolean rvalid() {
        return regs.rvalid();
    }

    public int rdata() {
        return regs.rdata();
    }

    public boolean tready() {
        return !streamBlocked();
    }

    /** The controller's busy, as a pin (STATUS bit 0 also covers the edge between a START write and its acceptance). */
    @Override
    public boolean busy() {
        return controller.busy();
    }

    /** The controller's sticky DONE, as a pin. */
    @Override
    public boolean done() {
        return controller.done();
    }

    // Read-back state (FabricStatus): what the register block reads; also handy for debugging.

    @Override
    public int frameError() {
        return controller.error();
    }

    @Override
    public int cycles() {
        return controller.cycles();
    }

    @Override
    public int utilization() {
        int sum = 0;
        for (TileDatapath d : datapaths) {
            sum += d.utilization();
        }
        return sum;
    }

    @Override
    public int burstWait() {
        return stream.burstWait();
    }

    @Override
    public int result(int tile, int lane) {
        return datapaths[tile].result(lane);
    }

    @Override
    public int skipCount(int tile, int lane) {
        return datapaths[tile].skipCount(lane);
    }

    @Override
    public int activeCycles(int tile, int lane) {
        return datapaths[tile].activeCycles(lane);
    }

    @Override
    public int overflowMask(int tile) {
        return (int) datapaths[tile].overflowMask();
    }

    /** Debug read of a bank word (the AXI map has no bank read path, as in the original). */
    public int weightWord(int tile, int index) {
        return datapaths[tile].weights().peek(index);
    }

    public int inputWord(int tile, int index) {
        return datapaths[tile].inputs().peek(index);
    }
}

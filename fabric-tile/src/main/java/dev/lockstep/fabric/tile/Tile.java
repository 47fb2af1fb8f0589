package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5FormatException;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.sim.Clocked;

import java.util.Objects;

/**
 * One fabric tile at register level (tfmbs.md 2.4, 2.5, 2.9): a {@link FrameController} driving one
 * {@link TileDatapath} (a weight bank and an input bank, three PT-5 unpackers per bank, the vector
 * engine).
 * Both banks read the controller's one address (2.4), so compute edge d feeds lane i the codes of
 * trit i of the weight word and of the input word at base + d x step.
 *
 * <p>Host side: load words and set the frame registers between edges, {@link #start()}, then
 * {@link #step()} (or drive it from a clock domain) until {@link #done()}. While a frame runs the
 * tile refuses every host write and a second START with ERR_BUSY rather than dropping them as the
 * original does (2.6). Per-edge allocation: none.
 */
public final class Tile implements Clocked {
    /** A 24-bit word holds 15 PT-5 trits, so a tile has at most 15 lanes. */
    public static final int MAX_LANES = Pt5Codec.LANES_PER_WORD;

    private final int lanes;
    private final Pt5Options options;
    private final FrameController controller = new FrameController();
    private final TileDatapath datapath;
    private final int[] scratch = new int[MAX_LANES];

    private boolean startPulse;

    /** A 15-lane tile decoding with mapping A and rejecting invalid PT-5 bytes. */
    public Tile() {
        this(MAX_LANES, Pt5Options.DEFAULT);
    }

    /**
     * @param lanes   1..15; lane i takes trit i of each word
     * @param options how the unpackers read bytes; under REJECT an invalid byte is refused at load
     */
    public Tile(int lanes, Pt5Options options) {
        datapath = new TileDatapath(lanes, options);
        this.lanes = lanes;
        this.options = Objects.requireNonNull(options, "options");
    }

    public int lanes() {
        return lanes;
    }

    /** Host load of weight word {@code index} (bits 23:0 kept). */
    public void loadWeight(int index, int word) {
        load(datapath.weights(), index, word);
    }

    /** Host load of input word {@code index} (bits 23:0 kept). */
    public void loadInput(int index, int word) {
        load(datapath.inputs(), index, word);
    }

    private void load(Sram bank, int index, int word) {
        checkIdle("host write");
        try {
            // Checked here so a frame never meets a bad byte mid-run.
            Pt5Codec.decodeWord(word, scratch, 0, options);
        } catch (Pt5FormatException e) {
            int k = (int) e.offset();
            int b = (word >>> (8 * k)) & 0xFF;
            throw new TileException(DeviceStatus.ERR_PACK, String.format(
                    "host write %s word %d: byte %d (lanes %d..%d) is 0x%02X, not a PT-5 code (0..242)",
                    bank == datapath.weights() ? "weight bank" : "input bank", index, k, 5 * k, 5 * k + 4, b), e);
        }
        bank.load(index, word);
    }

    public int weightWord(int index) {
        return datapath.weights().peek(index);
    }

    public int inputWord(int index) {
        return datapath.inputs().peek(index);
    }

    public void setBase(int base) {
        checkIdle("BASE_ADDR write");
        controller.setBase(base);
    }

    public void setDepth(int depth) {
        checkIdle("DEPTH write");
        controller.setDepth(depth);
    }

    public void setStride(int stride) {
        checkIdle("STRIDE write");
        controller.setStride(stride);
    }

    public void setHints(int hints) {
        checkIdle("EXEC_HINTS write");
        controller.setHints(hints);
    }

    /** LANE_COUNT (16 bits): lanes at index >= count stay idle. */
    public void setLaneCount(int count) {
        checkIdle("LANE_COUNT write");
        datapath.setLaneCount(count);
    }

    /** LANE_MASK, bit i for lane i. */
    public void setLaneMask(long mask) {
        checkIdle("LANE_MASK write");
        datapath.setLaneMask(mask);
    }

    /** This tile's TILE_MASK bit: a masked tile runs the frame's timeline but its lanes never compute. */
    public void setTileEnabled(boolean enabled) {
        checkIdle("TILE_MASK write");
        datapath.setTileEnabled(enabled);
    }

    /** START: the next edge accepts a frame (or refuses it with a {@link TileException}). */
    public void start() {
        checkIdle("START");
        startPulse = true;
    }

    private void checkIdle(String what) {
        if (controller.busy()) {
            throw new TileException(DeviceStatus.ERR_BUSY, what + " while a frame runs");
        }
    }

    /** Synchronous reset of every register (not the bank contents), applied at the next edges. */
    public void setReset(boolean reset) {
        controller.setReset(reset);
        datapath.setReset(reset);
    }

    @Override
    public void evaluate() {
        controller.setStart(startPulse);
        // The pulse is spent on this edge whether the controller accepts or refuses it.
        startPulse = false;
        controller.evaluate();
        controller.throwIfRefused();
        datapath.setRead(controller.readEnable(), controller.readAddress());
        datapath.setEngine(controller.engineEnable(), controller.clear(), controller.frameHints());
        datapath.evaluate();
    }

    @Override
    public void commit() {
        controller.commit();
        datapath.commit();
    }

    /** One clock edge. */
    public void step() {
        evaluate();
        commit();
    }

    public boolean busy() {
        return controller.busy();
    }

    /** Sticky DONE. */
    public boolean done() {
        return controller.done();
    }

    public FrameState state() {
        return controller.state();
    }

    /** The address both banks read at the next edge, valid while {@link #reading()}. */
    public int readAddress() {
        return controller.readAddress();
    }

    public boolean reading() {
        return controller.readEnable();
    }

    public int result(int lane) {
        return datapath.result(lane);
    }

    public int skipCount(int lane) {
        return datapath.skipCount(lane);
    }

    public int activeCycles(int lane) {
        return datapath.activeCycles(lane);
    }

    /** Sticky per-frame overflow flags, bit i for lane i. */
    public long overflowMask() {
        return datapath.overflowMask();
    }

    /** CYCLES: the frame's compute edges (D when done), counted whatever the tile mask. */
    public int cycles() {
        return controller.cycles();
    }

    /** UTILIZATION: enabled lanes summed over compute edges; 0 for a masked tile. */
    public int utilization() {
        return datapath.utilization();
    }
}

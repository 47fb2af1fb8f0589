package dev.lockstep.fabric.top;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.tile.Sram;
import dev.lockstep.sim.Clocked;

/**
 * The AXI4-Stream frame loader (RTL twin: stream_loader.v). A load is one header beat, then data
 * beats up to and including the one with tlast; data beat k is written at word base + k of the
 * region the header names, so no beat is dropped (the original drops the first and last, 2.6, 8.17).
 *
 * <p>Header (see docs/fabric-top.md): bits 31:24 magic 0xA5, 23:16 zero, 15:14 tile, 13:12 region
 * (0 weights of the tile, 1 inputs of the tile, 2 weights of every tile with tile 0, 3 refused),
 * 11:0 base word. A malformed header or an invalid PT-5 data word is ERR_PACK, a tile the fabric does
 * not have or a beat past word 4095 is ERR_ADDR; the loader then discards beats up to tlast, so the
 * stream never hangs and nothing is half-interpreted. Each refusal is reported for one edge through
 * {@link #error()}, which the register block keeps in LOAD_ERROR.
 *
 * <p>tready is high unless a frame runs or an AXI4-Lite write to a bank is pending: the banks have one
 * port, so the stream waits instead of losing a beat. BURST_WAIT counts data-phase cycles with tvalid
 * low since the last good header.
 */
final class StreamLoader implements Clocked {
    static final int HEADER = 0;
    static final int DATA = 1;
    static final int DRAIN = 2;

    private final int tiles;

    private boolean reset;
    private boolean tvalid;
    private int tdata;
    private boolean tlast;
    private boolean blocked;

    private int state = HEADER;
    private int pointer;
    private int region;
    private int tile;
    private int burstWait;

    private int nextState;
    private int nextPointer;
    private int nextRegion;
    private int nextTile;
    private int nextBurstWait;

    private int error;
    private int weightWrites;
    private int inputWrites;
    private int writeAddress;
    private int writeData;

    StreamLoader(int tiles) {
        this.tiles = tiles;
    }

    void setReset(boolean reset) {
        this.reset = reset;
    }

    void setStream(boolean tvalid, int tdata, boolean tlast) {
        this.tvalid = tvalid;
        this.tdata = tdata;
        this.tlast = tlast;
    }

    /** A frame runs or an AXI4-Lite bank write is pending (both from registers). */
    void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    boolean tready() {
        return !blocked;
    }

    @Override
    public void evaluate() {
        nextState = state;
        nextPointer = pointer;
        nextRegion = region;
        nextTile = tile;
        nextBurstWait = burstWait;
        error = 0;
        weightWrites = 0;
        inputWrites = 0;
        writeAddress = pointer & (Sram.WORDS - 1);
        writeData = tdata & Sram.WORD_MASK;
        if (reset) {
            nextState = HEADER;
            nextPointer = 0;
            nextRegion = 0;
            nextTile = 0;
            nextBurstWait = 0;
            return;
        }
        if (state == DATA && !tvalid) {
            nextBurstWait = burstWait + 1;
        }
        if (!tvalid || blocked) {
            return;
        }
        switch (state) {
            case HEADER -> header();
            case DATA -> data();
            default -> nextState = tlast ? HEADER : DRAIN;
        }
    }

    private void header() {
        int region = tdata >>> 12 & 3;
        int tile = tdata >>> 14 & 3;
        boolean malformed = (tdata >>> 24) != FabricRegisterMap.STREAM_MAGIC || (tdata >>> 16 & 0xFF) != 0
                || region == 3 || (region == FabricRegisterMap.STREAM_REGION_BROADCAST && tile != 0);
        if (malformed) {
            refuse(DeviceStatus.ERR_PACK);
        } else if (tile >= tiles) {
            refuse(DeviceStatus.ERR_ADDR);
        } else {
            nextPointer = tdata & 0xFFF;
            nextRegion = region;
            nextTile = tile;
            nextBurstWait = 0;
            nextState = tlast ? HEADER : DATA;
        }
    }

    private void data() {
        if (pointer >= Sram.WORDS) {
            refuse(DeviceStatus.ERR_ADDR);
        } else if (!Pt5Word.valid(tdata)) {
            refuse(DeviceStatus.ERR_PACK);
        } else {
            int all = (1 << tiles) - 1;
            switch (region) {
                case FabricRegisterMap.STREAM_REGION_WEIGHTS -> weightWrites = 1 << tile;
                case FabricRegisterMap.STREAM_REGION_INPUTS -> inputWrites = 1 << tile;
                default -> weightWrites = all;
            }
            nextPointer = pointer + 1;
            nextState = tlast ? HEADER : DATA;
        }
    }

    private void refuse(DeviceStatus status) {
        error = status.code();
        nextState = tlast ? HEADER : DRAIN;
    }

    @Override
    public void commit() {
        state = nextState;
        pointer = nextPointer;
        region = nextRegion;
        tile = nextTile;
        burstWait = nextBurstWait;
    }

    /** The DeviceStatus code of this edge's refused beat, 0 if none (valid after evaluate). */
    int error() {
        return error;
    }

    /** Bit t: this edge writes tile t's weight bank (valid after evaluate). */
    int weightWrites() {
        return weightWrites;
    }

    /** Bit t: this edge writes tile t's input bank (valid after evaluate). */
    int inputWrites() {
        return inputWrites;
    }

    int writeAddress() {
        return writeAddress;
    }

    int writeData() {
        return writeData;
    }

    int burstWait() {
        return burstWait;
    }

    int state() {
        return state;
    }
}

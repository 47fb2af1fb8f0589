package dev.lockstep.fabric.top;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.sim.Clocked;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;

/**
 * The fabric's AXI4-Lite slave and register file (RTL twin: axi_lite_regs.v), the map of tfmbs.md 2.7
 * without its bugs: full 32-bit decode (no aliasing), START a pulse that leaves TILE_MASK alone,
 * refused writes answered SLVERR and recorded in LOAD_ERROR instead of dropped. Map and timing:
 * docs/fabric-top.md.
 *
 * <p>Every output is a register or a function of registers only. Write: the AW and W beats are
 * captured independently (awready = AW slot empty, wready = W slot empty); on the first edge with
 * both slots full and no B response pending the write is performed, both slots empty and bvalid
 * rises; bvalid falls on the edge that sees bready. Read: arready = !rvalid; the edge of the AR
 * handshake registers rdata from the current state and raises rvalid, which falls on the edge that
 * sees rready.
 *
 * <p>While a frame runs (BUSY) only CONTROL may be written; any other write is refused with SLVERR
 * and LOAD_ERROR = ERR_BUSY, so the running frame's banks and lane configuration never change under
 * it. A bank write holding a byte above 242 is refused with ERR_PACK. LOAD_ERROR also takes the stream
 * loader's refusals and is cleared by a START written while idle.
 */
final class AxiLiteRegs implements Clocked {
    private static final int KIND_NONE = 0;
    private static final int KIND_CONTROL = 1;
    private static final int KIND_CONFIG = 2;
    private static final int KIND_BANK = 3;

    private final int tiles;
    private final int lanes;
    private final FabricStatus status;

    private boolean reset;
    private boolean awvalid;
    private int awaddr;
    private boolean wvalid;
    private int wdata;
    private boolean bready;
    private boolean arvalid;
    private int araddr;
    private boolean rready;
    private int streamError;

    // Registers.
    private boolean awFull;
    private int awAddr;
    private boolean wFull;
    private int wData;
    private boolean bvalid;
    private int bresp;
    private boolean rvalid;
    private int rdata;
    private boolean startPulse;
    private int loadError;
    private int base;
    private int depth;
    private int stride;
    private int hints;
    private int laneCount;
    private long laneMask;
    private int tileMask;

    private boolean nextAwFull;
    private int nextAwAddr;
    private boolean nextWFull;
    private int nextWData;
    private boolean nextBvalid;
    private int nextBresp;
    private boolean nextRvalid;
    private int nextRdata;
    private boolean nextStartPulse;
    private int nextLoadError;
    private int nextBase;
    private int nextDepth;
    private int nextStride;
    private int nextHints;
    private int nextLaneCount;
    private long nextLaneMask;
    private int nextTileMask;

    // This edge's bank write (valid after evaluate).
    private int weightWrites;
    private int inputWrites;
    private int writeAddress;
    private int writeData;

    AxiLiteRegs(int tiles, int lanes, FabricStatus status) {
        this.tiles = tiles;
        this.lanes = lanes;
        this.status = status;
        resetValues();
        commit();
    }

    void setReset(boolean reset) {
        this.reset = reset;
    }

    void setWriteChannels(boolean awvalid, int awaddr, boolean wvalid, int wdata, boolean bready) {
        this.awvalid = awvalid;
        this.awaddr = awaddr;
        this.wvalid = wvalid;
        this.wdata = wdata;
        this.bready = bready;
    }

    void setReadChannels(boolean arvalid, int araddr, boolean rready) {
        this.arvalid = arvalid;
        this.araddr = araddr;
        this.rready = rready;
    }

    /** The stream loader's refusal code of this edge, 0 if none. */
    void setStreamError(int code) {
        this.streamError = code;
    }

    private void resetValues() {
        nextAwFull = false;
        nextAwAddr = 0;
        nextWFull = false;
        nextWData = 0;
        nextBvalid = false;
        nextBresp = RESP_OKAY;
        nextRvalid = false;
        nextRdata = 0;
        nextStartPulse = false;
        nextLoadError = 0;
        nextBase = 0;
        nextDepth = 0;
        nextStride = 0;
        nextHints = 0;
        nextLaneCount = lanes;
        nextLaneMask = allLanes();
        nextTileMask = (1 << tiles) - 1;
    }

    private long allLanes() {
        return (1L << lanes) - 1;
    }

    @Override
    public void evaluate() {
        weightWrites = 0;
        inputWrites = 0;
        writeAddress = awAddr >>> 2 & (WINDOW_WORDS - 1);
        writeData = wData & 0xFF_FFFF;
        if (reset) {
            resetValues();
            return;
        }
        nextAwFull = awFull;
        nextAwAddr = awAddr;
        nextWFull = wFull;
        nextWData = wData;
        nextBvalid = bvalid;
        nextBresp = bresp;
        nextRvalid = rvalid;
        nextRdata = rdata;
        nextStartPulse = false;
        nextLoadError = streamError != 0 ? streamError : loadError;
        nextBase = base;
        nextDepth = depth;
        nextStride = stride;
        nextHints = hints;
        nextLaneCount = laneCount;
        nextLaneMask = laneMask;
        nextTileMask = tileMask;

        if (awvalid && !awFull) {
            nextAwFull = true;
            nextAwAddr = awaddr;
        }
        if (wvalid && !wFull) {
            nextWFull = true;
            nextWData = wdata;
        }
        if (bvalid && bready) {
            nextBvalid = false;
        }
        if (awFull && wFull && !bvalid) {
            nextAwFull = false;
            nextWFull = false;
            nextBvalid = true;
            nextBresp = perform();
        }
        if (arvalid && !rvalid) {
            nextRvalid = true;
            nextRdata = read(araddr);
        } else if (rvalid && rready) {
            nextRvalid = false;
        }
    }

    /** The captured write, at the edge it is performed; returns bresp. */
    private int perform() {
        int a = awAddr;
        int kind = writeKind(a);
        boolean busy = status.busy();
        if (kind == KIND_NONE) {
            return RESP_SLVERR;
        }
        if (kind == KIND_CONTROL) {
            boolean start = (wData & 1) != 0;
            nextStartPulse = start;
            if (start && !busy) {
                nextLoadError = 0;
            }
            return RESP_OKAY;
        }
        if (busy) {
            nextLoadError = DeviceStatus.ERR_BUSY.code();
            return RESP_SLVERR;
        }
        if (kind == KIND_BANK) {
            if (!Pt5Word.valid(wData)) {
                nextLoadError = DeviceStatus.ERR_PACK.code();
                return RESP_SLVERR;
            }
            int window = a >>> 12;
            if (window == BROADCAST_WINDOW >>> 12) {
                weightWrites = (1 << tiles) - 1;
            } else if ((window & 1) == 1) {
                weightWrites = 1 << (window >>> 1);
            } else {
                inputWrites = 1 << ((window >>> 1) - 1);
            }
            return RESP_OKAY;
        }
        switch (a) {
            case BASE_ADDR -> nextBase = wData;
            case DEPTH -> nextDepth = wData;
            case STRIDE -> nextStride = wData;
            case EXEC_HINTS -> nextHints = wData;
            case LANE_COUNT -> nextLaneCount = wData & 0xFFFF;
            case LANE_MASK -> nextLaneMask = wData & allLanes();
            default -> nextTileMask = wData & ((1 << tiles) - 1);
        }
        return RESP_OKAY;
    }

    private int writeKind(int a) {
        if ((a & 0xFFFF_0003) != 0) {
            return KIND_NONE;
        }
        int window = a >>> 12;
        if (window == BROADCAST_WINDOW >>> 12) {
            return KIND_BANK;
        }
        if (window >= 1 && window <= 8) {
            // 0x1000/0x3000/0x5000/0x7000 weights, 0x2000/0x4000/0x6000/0x8000 inputs of tiles 0..3.
            int tile = (window - 1) >>> 1;
            return tile < tiles ? KIND_BANK : KIND_NONE;
        }
        return switch (a) {
            case CONTROL -> KIND_CONTROL;
            case BASE_ADDR, DEPTH, STRIDE, EXEC_HINTS, LANE_COUNT, LANE_MASK, TILE_MASK -> KIND_CONFIG;
            default -> KIND_NONE;
        };
    }

    /** The read data of address {@code a} from the current state. */
    private int read(int a) {
        if ((a & 0xFFFF_0003) != 0 || a >= 0x1000) {
            return UNMAPPED;
        }
        if (a < 0x100) {
            switch (a) {
                case CONTROL:
                    return 0;
                case STATUS:
                    return statusWord();
                case BASE_ADDR:
                    return base;
                case DEPTH:
                    return depth;
                case STRIDE:
                    return stride;
                case EXEC_HINTS:
                    return hints;
                case LANE_COUNT:
                    return laneCount;
                case LANE_MASK:
                    return (int) laneMask;
                case CYCLES:
                    return status.cycles();
                case UTILIZATION:
                    return status.utilization();
                case BURST_WAIT:
                    return status.burstWait();
                case TILE_MASK:
                    return tileMask;
                default:
                    return tileCounter(0, a);
            }
        }
        if (a < 0x200) {
            int tile = a >>> 6 & 3;
            int lane = a >>> 2 & 0xF;
            return tile < tiles && lane < lanes ? status.result(tile, lane) : UNMAPPED;
        }
        int tile = (a >>> 8) - 1;
        return tile < tiles ? tileCounter(tile, a & 0xFF) : UNMAPPED;
    }

    /** SKIP, OVERFLOW and ACTIVE of a tile's counter block, by offset within the block. */
    private int tileCounter(int tile, int offset) {
        if (offset == OVERFLOW_OFFSET) {
            return (int) status.overflowMask(tile);
        }
        int skipLane = (offset - SKIP_OFFSET) >> 2;
        if (offset >= SKIP_OFFSET && skipLane < lanes) {
            return status.skipCount(tile, skipLane);
        }
        int activeLane = (offset - ACTIVE_OFFSET) >> 2;
        if (offset >= ACTIVE_OFFSET && activeLane < lanes) {
            return status.activeCycles(tile, activeLane);
        }
        return UNMAPPED;
    }

    /** STATUS reports a START from the edge its write is performed, before the controller has sampled it. */
    private int statusWord() {
        boolean busy = status.busy() || startPulse;
        boolean done = status.done() && !startPulse;
        int frameError = startPulse ? 0 : status.frameError();
        return (busy ? STATUS_BUSY : 0) | (done ? STATUS_DONE : 0)
                | frameError << STATUS_FRAME_ERROR_SHIFT | loadError << STATUS_LOAD_ERROR_SHIFT;
    }

    @Override
    public void commit() {
        awFull = nextAwFull;
        awAddr = nextAwAddr;
        wFull = nextWFull;
        wData = nextWData;
        bvalid = nextBvalid;
        bresp = nextBresp;
        rvalid = nextRvalid;
        rdata = nextRdata;
        startPulse = nextStartPulse;
        loadError = nextLoadError;
        base = nextBase;
        depth = nextDepth;
        stride = nextStride;
        hints = nextHints;
        laneCount = nextLaneCount;
        laneMask = nextLaneMask;
        tileMask = nextTileMask;
    }

    boolean awready() {
        return !awFull;
    }

    boolean wready() {
        return !wFull;
    }

    boolean bvalid() {
        return bvalid;
    }

    int bresp() {
        return bresp;
    }

    boolean arready() {
        return !rvalid;
    }

    boolean rvalid() {
        return rvalid;
    }

    int rdata() {
        return rdata;
    }

    /** Both write slots are full: a write is performed at the next edge that has no B response pending. */
    boolean writePending() {
        return awFull && wFull;
    }

    boolean startPulse() {
        return startPulse;
    }

    int base() {
        return base;
    }

    int depth() {
        return depth;
    }

    int stride() {
        return stride;
    }

    int hints() {
        return hints;
    }

    int laneCount() {
        return laneCount;
    }

    long laneMask() {
        return laneMask;
    }

    int tileMask() {
        return tileMask;
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
}

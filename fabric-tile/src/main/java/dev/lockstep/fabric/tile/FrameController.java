package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.device.ExecHints;
import dev.lockstep.sim.Clocked;

/**
 * The tile's frame controller in the intended semantics of tfmbs.md 2.9 (not the as-built one of
 * 2.8): START is a pulse, addresses are issued one cycle ahead of the 1-cycle SRAM read, exactly
 * DEPTH compute edges read base + d x step, and DONE is sticky until the next START.
 *
 * <p>Per-edge timeline for depth D, E0 being the edge that samples START (all outputs are registers,
 * so each is visible after the edge named):
 * <pre>
 * E0        accept: state FILL, busy, done 0, clear 1, address base issued (read enable 1), CYCLES 0
 * E1        fill:   bank reads base; engine clears; clear 0, engine enable 1, next address issued
 * E(d+2)    compute word d (d = 0..D-1); the bank reads word d+1 in the same edge
 * E(D+1)    last compute; engine enable 0
 * E(D+2)    pipeline empty: state DONE, done 1, busy 0
 * </pre>
 * START to DONE therefore takes D + 3 edges (1 accept, 1 fill, D compute, 1 done), as 2.9 suggests.
 *
 * <p>Base, depth, stride and hints are sampled at the accepting edge only. A START that cannot run is
 * refused by that edge's {@link #evaluate()} with a {@link TileException}, and no register changes:
 * DEPTH 0 or above 65535 (ERR_ADDR), stride above 255 (ERR_ADDR), a frame whose base or last address
 * base + (D-1) x step is past word 4095 (ERR_ADDR; the original wraps, 2.4), START while busy
 * (ERR_BUSY).
 */
public final class FrameController implements Clocked {
    public static final int MAX_DEPTH = 0xFFFF;
    public static final int MAX_STRIDE = 0xFF;

    private boolean reset;
    private boolean start;
    private int base;
    private int depth;
    private int stride;
    private int hints;

    private FrameState state = FrameState.IDLE;
    private int address;
    private boolean readEnable;
    private int remaining;
    private boolean engineEnable;
    private boolean clear;
    private boolean done;
    private int cycles;
    private int step;
    private int frameHints;

    private FrameState nextState = FrameState.IDLE;
    private int nextAddress;
    private boolean nextReadEnable;
    private int nextRemaining;
    private boolean nextEngineEnable;
    private boolean nextClear;
    private boolean nextDone;
    private int nextCycles;
    private int nextStep;
    private int nextFrameHints;

    public void setReset(boolean reset) {
        this.reset = reset;
    }

    /** START: sampled at each edge; keep it high for exactly the one edge that should accept it. */
    public void setStart(boolean start) {
        this.start = start;
    }

    /** BASE_ADDR, a word index in the banks. */
    public void setBase(int base) {
        this.base = base;
    }

    /** DEPTH, in words (compute cycles), 1..65535. */
    public void setDepth(int depth) {
        this.depth = depth;
    }

    /** STRIDE, in words, 0..255; 0 rereads the base word, as the original's reset value does (2.4). */
    public void setStride(int stride) {
        this.stride = stride;
    }

    /** exec_hints; the controller reads the kernel and conv stride, and passes the word on per frame. */
    public void setHints(int hints) {
        this.hints = hints;
    }

    @Override
    public void evaluate() {
        nextState = state;
        nextAddress = address;
        nextReadEnable = readEnable;
        nextRemaining = remaining;
        nextEngineEnable = engineEnable;
        nextClear = clear;
        nextDone = done;
        nextCycles = cycles;
        nextStep = step;
        nextFrameHints = frameHints;
        if (reset) {
            evaluateReset();
            return;
        }
        if (engineEnable) {
            nextCycles = cycles + 1;
        }
        switch (state) {
            case IDLE, DONE -> {
                if (start) {
                    accept();
                }
            }
            case FILL, RUN -> {
                if (start) {
                    throw new TileException(DeviceStatus.ERR_BUSY,
                            "frame START while a frame runs (state " + state + ")");
                }
                advance();
            }
        }
    }

    private void evaluateReset() {
        nextState = FrameState.IDLE;
        nextAddress = 0;
        nextReadEnable = false;
        nextRemaining = 0;
        nextEngineEnable = false;
        nextClear = false;
        nextDone = false;
        nextCycles = 0;
        nextStep = 0;
        nextFrameHints = 0;
    }

    private void accept() {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new TileException(DeviceStatus.ERR_ADDR,
                    "frame START: DEPTH " + depth + ", allowed 1.." + MAX_DEPTH);
        }
        if (stride < 0 || stride > MAX_STRIDE) {
            throw new TileException(DeviceStatus.ERR_ADDR,
                    "frame START: STRIDE " + stride + ", allowed 0.." + MAX_STRIDE);
        }
        // The step is not truncated to 8 bits as in the original (2.4): at most 255 x 16 = 4080,
        // and a frame that would leave the bank is refused below instead of wrapping.
        long frameStep = new ExecHints(hints).addressStep(stride);
        long last = (base & 0xFFFF_FFFFL) + (depth - 1) * frameStep;
        if (last >= Sram.WORDS) {
            throw new TileException(DeviceStatus.ERR_ADDR, String.format(
                    "frame START: BASE_ADDR %d + (DEPTH %d - 1) x step %d reaches word %d, allowed 0..%d",
                    base & 0xFFFF_FFFFL, depth, frameStep, last, Sram.WORDS - 1));
        }
        nextState = FrameState.FILL;
        nextAddress = base;
        nextReadEnable = true;
        nextRemaining = depth - 1;
        nextEngineEnable = false;
        nextClear = true;
        nextDone = false;
        nextCycles = 0;
        nextStep = (int) frameStep;
        nextFrameHints = hints;
    }

    /** FILL and RUN: the word read this edge is consumed next edge; the next address goes out. */
    private void advance() {
        nextClear = false;
        nextEngineEnable = readEnable;
        if (readEnable && remaining > 0) {
            nextAddress = address + step;
            nextRemaining = remaining - 1;
        } else {
            nextReadEnable = false;
        }
        if (state == FrameState.FILL) {
            nextState = FrameState.RUN;
        } else if (!readEnable && !engineEnable) {
            nextState = FrameState.DONE;
            nextDone = true;
        }
    }

    @Override
    public void commit() {
        state = nextState;
        address = nextAddress;
        readEnable = nextReadEnable;
        remaining = nextRemaining;
        engineEnable = nextEngineEnable;
        clear = nextClear;
        done = nextDone;
        cycles = nextCycles;
        step = nextStep;
        frameHints = nextFrameHints;
    }

    public FrameState state() {
        return state;
    }

    /** The word address the banks read at the next edge (valid while {@link #readEnable()}). */
    public int readAddress() {
        return address;
    }

    /** Bank enable: the address is a word of the running frame. */
    public boolean readEnable() {
        return readEnable;
    }

    /** The engine computes at the next edge on the words the banks read at the previous one. */
    public boolean engineEnable() {
        return engineEnable;
    }

    /** The frame-start clear pulse for the engine, high for the one edge after the accepting edge. */
    public boolean clear() {
        return clear;
    }

    /** A frame was accepted and DONE is not yet up. */
    public boolean busy() {
        return state == FrameState.FILL || state == FrameState.RUN;
    }

    /** Sticky DONE: up from the end of a frame until the next START is accepted. */
    public boolean done() {
        return done;
    }

    /** CYCLES: compute edges of the current or last frame (D once done), whatever the tile mask. */
    public int cycles() {
        return cycles;
    }

    /** The address step of the current or last frame (stride, x s for CONV2D, x s^2 for CONV3D). */
    public int step() {
        return step;
    }

    /** exec_hints as sampled by the last accepted START; the engine runs the frame with these. */
    public int frameHints() {
        return frameHints;
    }
}

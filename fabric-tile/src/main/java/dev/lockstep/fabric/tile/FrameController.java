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
 * refused, as hardware must, by an observable register rather than an exception: {@link #error()}
 * takes the refusal's {@link DeviceStatus} code at the refusing edge and keeps it until the next
 * accepted START (or reset) clears it to OK. The refusals: DEPTH 0 or above 65535 (ERR_ADDR), stride
 * above 255 (ERR_ADDR), a frame whose base or last address base + (D-1) x step is past word 4095
 * (ERR_ADDR; the original wraps, 2.4), START while busy (ERR_BUSY). A refused START changes no other
 * register: idle or done, everything holds (DONE stays up); busy, the running frame goes on as if
 * START were low. {@link #refusal()} tells a host-level owner of the refusal after
 * {@link #evaluate()} and before {@link #commit()}, so it can refuse the whole edge instead
 * ({@link #throwIfRefused()}, which {@link Tile} uses to keep its exception contract).
 */
public final class FrameController implements Clocked {
    public static final int MAX_DEPTH = 0xFFFF;
    public static final int MAX_STRIDE = 0xFF;

    /** Why the last evaluated edge refused its START; a constant per kind, so refusing allocates nothing. */
    private enum Refusal {
        NONE(DeviceStatus.OK), DEPTH(DeviceStatus.ERR_ADDR), STRIDE(DeviceStatus.ERR_ADDR),
        RANGE(DeviceStatus.ERR_ADDR), BUSY(DeviceStatus.ERR_BUSY);

        final DeviceStatus status;

        Refusal(DeviceStatus status) {
            this.status = status;
        }
    }

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
    private int error;

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
    private int nextError;
    private Refusal refusal = Refusal.NONE;

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
        nextError = error;
        refusal = Refusal.NONE;
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
                    refuse(Refusal.BUSY);
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
        nextError = DeviceStatus.OK.code();
    }

    private void accept() {
        if (depth < 1 || depth > MAX_DEPTH) {
            refuse(Refusal.DEPTH);
            return;
        }
        if (stride < 0 || stride > MAX_STRIDE) {
            refuse(Refusal.STRIDE);
            return;
        }
        // The step is not truncated to 8 bits as in the original (2.4): at most 255 x 16 = 4080,
        // and a frame that would leave the bank is refused below instead of wrapping.
        long frameStep = new ExecHints(hints).addressStep(stride);
        if (lastAddress(frameStep) >= Sram.WORDS) {
            refuse(Refusal.RANGE);
            return;
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
        nextError = DeviceStatus.OK.code();
    }

    private long lastAddress(long frameStep) {
        return (base & 0xFFFF_FFFFL) + (depth - 1) * frameStep;
    }

    private void refuse(Refusal why) {
        refusal = why;
        nextError = why.status.code();
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
        error = nextError;
    }

    /** The status with which the last {@link #evaluate()} refuses its START: OK when it refuses none. */
    public DeviceStatus refusal() {
        return refusal.status;
    }

    /**
     * For a host-level owner that refuses a whole edge rather than let the refusal register: throws
     * the {@link TileException} describing the START the last {@link #evaluate()} refused, if any.
     * Call it between evaluate and commit; nothing is committed when it throws.
     */
    public void throwIfRefused() {
        switch (refusal) {
            case NONE -> { }
            case DEPTH -> throw new TileException(refusal.status,
                    "frame START: DEPTH " + depth + ", allowed 1.." + MAX_DEPTH);
            case STRIDE -> throw new TileException(refusal.status,
                    "frame START: STRIDE " + stride + ", allowed 0.." + MAX_STRIDE);
            case RANGE -> {
                long frameStep = new ExecHints(hints).addressStep(stride);
                throw new TileException(refusal.status, String.format(
                        "frame START: BASE_ADDR %d + (DEPTH %d - 1) x step %d reaches word %d, allowed 0..%d",
                        base & 0xFFFF_FFFFL, depth, frameStep, lastAddress(frameStep), Sram.WORDS - 1));
            }
            case BUSY -> throw new TileException(refusal.status,
                    "frame START while a frame runs (state " + state + ")");
        }
    }

    /**
     * ERROR: the {@link DeviceStatus} code of the last refused START (ERR_ADDR or ERR_BUSY), set by the
     * refusing edge and cleared to OK (0) by the next accepted START or reset.
     */
    public int error() {
        return error;
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

package dev.lockstep.fabric.tile;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.sim.Clocked;

import java.util.Objects;

/**
 * One SRAM bank of a tile (tfmbs.md 2.5): 4096 words of 24 bits, one synchronous port with an enable,
 * read-first (a write edge returns the old word), registered read of latency 1; with enable low the
 * output holds. {@link #load} is the host's loading path, applied between edges like a
 * {@code $readmemh}; the owning {@link Tile} refuses it while a frame runs.
 */
public final class TileSram implements Clocked {
    public static final int WORDS = 4096;
    public static final int WORD_MASK = 0xFF_FFFF;

    private final String name;
    private final int[] mem = new int[WORDS];

    private boolean enable;
    private boolean write;
    private int address;
    private int writeData;

    private int dout;
    private int nextDout;
    private boolean pendingWrite;
    private int pendingAddress;
    private int pendingData;

    /** @param name how errors name this bank, e.g. {@code weight bank} */
    public TileSram(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public void setEnable(boolean enable) {
        this.enable = enable;
    }

    public void setWriteEnable(boolean write) {
        this.write = write;
    }

    /** The 12-bit word address; the frame controller never drives one outside the bank. */
    public void setAddress(int address) {
        this.address = address;
    }

    /** Only bits 23:0 are stored, as the 24-bit data port would. */
    public void setWriteData(int data) {
        this.writeData = data & WORD_MASK;
    }

    @Override
    public void evaluate() {
        pendingWrite = false;
        if (!enable) {
            nextDout = dout;
            return;
        }
        Objects.checkIndex(address, WORDS);
        nextDout = mem[address];
        if (write) {
            pendingWrite = true;
            pendingAddress = address;
            pendingData = writeData;
        }
    }

    @Override
    public void commit() {
        dout = nextDout;
        if (pendingWrite) {
            mem[pendingAddress] = pendingData;
        }
    }

    /** The registered read data. */
    public int dout() {
        return dout;
    }

    /**
     * Host load of word {@code index}, effective at once. Bits 31:24 of {@code word} are dropped, as
     * the original's loaders and AXI path do (tfmbs.md 1.1); an index outside 0..4095 is ERR_ADDR.
     */
    public void load(int index, int word) {
        checkIndex(index);
        mem[index] = word & WORD_MASK;
    }

    /** The stored word at {@code index} (debug read; the original has no SRAM read path, 2.7). */
    public int peek(int index) {
        checkIndex(index);
        return mem[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= WORDS) {
            throw new TileException(DeviceStatus.ERR_ADDR,
                    name + " word " + index + ": outside the bank, allowed 0.." + (WORDS - 1));
        }
    }
}

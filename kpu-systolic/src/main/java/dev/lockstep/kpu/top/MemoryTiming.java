package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Program;
import java.util.Locale;

/** How DMA and BlockMover instructions are timed. */
public enum MemoryTiming {
    /** The hierarchy's engines: bursts through every memory's ports (the reference). */
    BURST,
    /** {@link FlowMemory}: one closed form per instruction, for big runs; not cycle-exact. */
    FLOW;

    /**
     * Up to this many bytes moved by DMA and BlockMover instructions, {@link #forProgram} keeps the
     * burst engines: 1024^3 int8 on edge_ai moves about 42 MB that way in a few seconds of CPU, while
     * 2048^3 (about 0.3 GB) took 15 s, and the cost grows with the bytes (a few events per burst).
     */
    public static final long BURST_LIMIT_BYTES = 64L << 20;

    public static MemoryTiming parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "burst" -> BURST;
            case "flow" -> FLOW;
            default -> throw new IllegalArgumentException("memory must be burst, flow or auto, got '" + s + "'");
        };
    }

    /** The exact burst engines while the program's data movement is cheap to simulate, flow beyond. */
    public static MemoryTiming forProgram(Program p) {
        long moved = 0;
        for (Instruction in : p.instructions()) {
            switch (in.op()) {
                case DMA_LOAD, DMA_STORE, BM_MOVE, BM_TRANSPOSE, BM_DEQUANT -> moved += in.streamedBytes();
                default -> { }
            }
        }
        return moved <= BURST_LIMIT_BYTES ? BURST : FLOW;
    }
}

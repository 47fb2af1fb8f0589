package dev.lockstep.fabric.top;

/** The read-only state the register block reads back (RTL: the status and counter buses into axi_lite_regs). */
interface FabricStatus {
    boolean busy();

    boolean done();

    int frameError();

    int cycles();

    int utilization();

    int burstWait();

    int result(int tile, int lane);

    int skipCount(int tile, int lane);

    int activeCycles(int tile, int lane);

    int overflowMask(int tile);
}

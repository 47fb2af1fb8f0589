package dev.lockstep.fabric.top;

import dev.lockstep.sim.random.SplitMix64;

/**
 * A host program's view of a {@link FabricTop}: blocking AXI4-Lite writes and reads, stream loads
 * and frames, each run through an {@link AxiMaster} edge by edge on the pins. For tests, examples and
 * tools; the register map is {@link FabricRegisterMap}.
 */
public final class FabricHost {
    /** A transaction that has not completed after this many edges is a hung bus. */
    private static final long LIMIT = 1L << 24;

    private final FabricTop top;
    private final AxiMaster master;
    private long edges;

    public FabricHost(FabricTop top) {
        this(top, new AxiMaster());
    }

    public FabricHost(FabricTop top, AxiMaster master) {
        this.top = top;
        this.master = master;
    }

    public FabricTop top() {
        return top;
    }

    /** Edges stepped so far. */
    public long edges() {
        return edges;
    }

    /** Holds reset for one edge. */
    public void reset() {
        top.setReset(true);
        step();
        top.setReset(false);
    }

    /** @return bresp */
    public int write(int address, int data) {
        master.write(address, data);
        drain();
        return master.lastResponse();
    }

    public int read(int address) {
        master.read(address);
        drain();
        return master.lastRead();
    }

    /** One stream transfer (header first), tlast on the last beat. */
    public void stream(int... beats) {
        master.stream(beats);
        drain();
    }

    /** Writes START, then polls STATUS until DONE or a FRAME_ERROR; returns that STATUS word. */
    public int runFrame() {
        write(FabricRegisterMap.CONTROL, 1);
        master.poll(FabricRegisterMap.STATUS, FabricRegisterMap.STATUS_DONE | 0xFF << FabricRegisterMap.STATUS_FRAME_ERROR_SHIFT);
        drain();
        return master.lastRead();
    }

    public void idle(int cycles) {
        master.idle(cycles);
        drain();
    }

    /** A host whose master stalls at random (seeded), for handshake coverage. */
    public static FabricHost withRandomStalls(FabricTop top, long seed) {
        return new FabricHost(top, new AxiMaster(new SplitMix64(seed)));
    }

    /** The master, to queue transactions by hand; {@link #drain()} runs them. */
    public AxiMaster master() {
        return master;
    }

    /** Steps until every queued transaction has completed. */
    public void drain() {
        long start = edges;
        while (!master.quiet()) {
            if (edges - start > LIMIT) {
                throw new IllegalStateException("fabric bus transaction not complete after " + LIMIT + " edges");
            }
            step();
        }
    }

    private void step() {
        master.next(top);
        master.applyTo(top);
        top.step();
        edges++;
    }
}

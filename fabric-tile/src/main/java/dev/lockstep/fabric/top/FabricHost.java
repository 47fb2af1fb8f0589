package dev.lockstep.fabric.top;

import dev.lockstep.sim.random.SplitMix64;

/**
 * A host program's view of a fabric top (the Java {@link FabricTop} or the RTL, through {@link FabricPins}): blocking AXI4-Lite writes and reads, stream loads
 * and frames, each run through an {@link AxiMaster} edge by edge on the pins. For tests, examples and
 * tools; the register map is {@link FabricRegisterMap}.
 */
public final class FabricHost {
    /** A transaction that has not completed after this many edges is a hung bus. */
    private static final long LIMIT = 1L << 24;

    private final FabricPins top;
    private final AxiMaster master;
    private long edges;
    private long busyEdges;

    public FabricHost(FabricPins top) {
        this(top, new AxiMaster());
    }

    public FabricHost(FabricPins top, AxiMaster master) {
        this.top = top;
        this.master = master;
    }

    public FabricPins top() {
        return top;
    }

    /** Edges stepped so far. */
    public long edges() {
        return edges;
    }

    /**
     * Edges after which the busy pin was high. A frame of D compute edges adds D + 2 (the accepting edge
     * through the last compute edge; see {@link dev.lockstep.fabric.tile.FrameController}), so its
     * START-to-DONE edge count is the increase plus one, the edge that raises DONE.
     */
    public long busyEdges() {
        return busyEdges;
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
    public static FabricHost withRandomStalls(FabricPins top, long seed) {
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
        if (top.busy()) {
            busyEdges++;
        }
    }
}

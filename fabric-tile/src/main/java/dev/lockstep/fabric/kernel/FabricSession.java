package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;

import java.util.Objects;

/** A backend with the {@link KernelStats} counters of everything sent through it; kernels run on one. */
public final class FabricSession {
    private final FabricBackend backend;
    private long totalOps;
    private long zeroSkips;
    private long bankReads;
    private long bankWrites;
    private long broadcasts;
    private long cycles;
    private long edges;
    private long frames;

    public FabricSession(FabricBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public FabricBackend backend() {
        return backend;
    }

    public int tiles() {
        return backend.tiles();
    }

    public int lanes() {
        return backend.lanes();
    }

    public void loadWeight(int tile, int index, int word) {
        backend.loadWeight(tile, index, word);
        bankWrites++;
    }

    public void loadInput(int tile, int index, int word) {
        backend.loadInput(tile, index, word);
        bankWrites++;
    }

    /** One write through the broadcast window: the word lands in every tile's weight bank (tfmbs.md 4.4). */
    public void broadcastWeight(int index, int word) {
        for (int t = 0; t < backend.tiles(); t++) {
            backend.loadWeight(t, index, word);
        }
        bankWrites += backend.tiles();
        broadcasts++;
    }

    public FrameResult run(FrameRegisters frame) {
        FrameResult r = backend.run(frame);
        long active = r.totalActive();
        totalOps += active;
        zeroSkips += r.totalSkips();
        bankReads += 2L * frame.depth() * backend.tiles();
        cycles += r.cycles();
        edges += r.edges();
        frames++;
        return r;
    }

    public KernelStats stats() {
        return new KernelStats(totalOps, zeroSkips, totalOps - zeroSkips, bankReads, bankWrites, broadcasts,
                cycles, edges, frames);
    }
}

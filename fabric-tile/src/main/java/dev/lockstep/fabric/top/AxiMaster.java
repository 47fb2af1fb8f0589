package dev.lockstep.fabric.top;

import dev.lockstep.sim.random.SplitMix64;

import java.util.ArrayDeque;

/**
 * A bus-functional AXI4-Lite and AXI4-Stream master for the fabric top: a queue of transactions
 * (write, read, poll, stream load, idle) turned into pin values one cycle at a time. Each cycle
 * {@link #next(FabricTop)} looks at the top's outputs (all registers, so they are what the coming edge
 * samples) and sets the pins for that edge; a handshake happens exactly when it drives valid and
 * sees ready. The same master drives the Java top ({@link FabricHost}) and, pin for pin, the RTL in
 * co-simulation.
 *
 * <p>With a random source it inserts idle cycles before transactions and between stream beats and
 * holds bready/rready low at random, so the slave sees every handshake order; a valid once raised
 * stays up until its handshake, as AXI requires. Without one it runs back to back.
 */
public final class AxiMaster {
    private enum Kind { WRITE, READ, POLL, POLL_CLEAR, STREAM, IDLE }

    private record Op(Kind kind, int address, int data, int[] beats) {
    }

    private final ArrayDeque<Op> queue = new ArrayDeque<>();
    private final SplitMix64 rng;

    private Op current;
    private int wait;
    private boolean awDone;
    private boolean wDone;
    private boolean arDone;
    private int beat;
    private boolean beatOffered;

    private boolean awvalid;
    private int awaddr;
    private boolean wvalid;
    private int wdata;
    private boolean bready;
    private boolean arvalid;
    private int araddr;
    private boolean rready;
    private boolean tvalid;
    private int tdata;
    private boolean tlast;

    private int lastRead;
    private int lastResponse;
    private long completed;

    /** A master that never waits on its own. */
    public AxiMaster() {
        this(null);
    }

    /** @param rng random idle cycles and ready stalls, or null for none */
    public AxiMaster(SplitMix64 rng) {
        this.rng = rng;
    }

    public void write(int address, int data) {
        queue.add(new Op(Kind.WRITE, address, data, null));
    }

    public void read(int address) {
        queue.add(new Op(Kind.READ, address, 0, null));
    }

    /** Reads {@code address} again and again until the value has a bit of {@code mask} set. */
    public void poll(int address, int mask) {
        queue.add(new Op(Kind.POLL, address, mask, null));
    }

    /** Reads {@code address} again and again until the value has no bit of {@code mask} set. */
    public void pollUntilClear(int address, int mask) {
        queue.add(new Op(Kind.POLL_CLEAR, address, mask, null));
    }

    /** One stream transfer: tlast on the last beat. */
    public void stream(int... beats) {
        if (beats.length == 0) {
            throw new IllegalArgumentException("a stream transfer has at least one beat");
        }
        queue.add(new Op(Kind.STREAM, 0, 0, beats.clone()));
    }

    public void idle(int cycles) {
        queue.add(new Op(Kind.IDLE, 0, cycles, null));
    }

    /** No transaction queued or in flight. */
    public boolean quiet() {
        return current == null && queue.isEmpty();
    }

    /** Sets the pins for the coming edge from the top's current outputs. */
    public void next(FabricTop top) {
        awvalid = wvalid = bready = arvalid = rready = tvalid = tlast = false;
        if (current == null) {
            current = queue.poll();
            if (current == null) {
                return;
            }
            awDone = wDone = arDone = beatOffered = false;
            beat = 0;
            wait = current.kind == Kind.IDLE ? current.data : randomGap();
        }
        if (wait > 0) {
            wait--;
            return;
        }
        switch (current.kind) {
            case WRITE -> write(top);
            case READ, POLL, POLL_CLEAR -> read(top);
            case STREAM -> stream(top);
            case IDLE -> finish();
        }
    }

    private void write(FabricTop top) {
        boolean both = awDone && wDone;
        if (!awDone) {
            awvalid = true;
            awaddr = current.address;
            awDone = top.awready();
        }
        if (!wDone) {
            wvalid = true;
            wdata = current.data;
            wDone = top.wready();
        }
        bready = randomReady();
        if (both && top.bvalid() && bready) {
            lastResponse = top.bresp();
            finish();
        }
    }

    private void read(FabricTop top) {
        if (!arDone) {
            arvalid = true;
            araddr = current.address;
            arDone = top.arready();
            return;
        }
        rready = randomReady();
        if (top.rvalid() && rready) {
            lastRead = top.rdata();
            boolean again = current.kind == Kind.POLL ? (lastRead & current.data) == 0
                    : current.kind == Kind.POLL_CLEAR && (lastRead & current.data) != 0;
            if (again) {
                arDone = false;
                return;
            }
            finish();
        }
    }

    private void stream(FabricTop top) {
        if (!beatOffered && rng != null && rng.oneIn(6)) {
            return;
        }
        beatOffered = true;
        tvalid = true;
        tdata = current.beats[beat];
        tlast = beat == current.beats.length - 1;
        if (top.tready()) {
            beatOffered = false;
            if (++beat == current.beats.length) {
                finish();
            }
        }
    }

    private void finish() {
        current = null;
        completed++;
    }

    private int randomGap() {
        return rng != null && rng.oneIn(3) ? rng.nextInt(4) : 0;
    }

    private boolean randomReady() {
        return rng == null || !rng.oneIn(4);
    }

    /** Applies the pins set by {@link #next(FabricTop)} to a Java top. */
    public void applyTo(FabricTop top) {
        top.setWriteChannels(awvalid, awaddr, wvalid, wdata, bready);
        top.setReadChannels(arvalid, araddr, rready);
        top.setStream(tvalid, tdata, tlast);
    }

    public boolean awvalid() {
        return awvalid;
    }

    public int awaddr() {
        return awaddr;
    }

    public boolean wvalid() {
        return wvalid;
    }

    public int wdata() {
        return wdata;
    }

    public boolean bready() {
        return bready;
    }

    public boolean arvalid() {
        return arvalid;
    }

    public int araddr() {
        return araddr;
    }

    public boolean rready() {
        return rready;
    }

    public boolean tvalid() {
        return tvalid;
    }

    public int tdata() {
        return tdata;
    }

    public boolean tlast() {
        return tlast;
    }

    /** rdata of the last completed read or poll. */
    public int lastRead() {
        return lastRead;
    }

    /** bresp of the last completed write. */
    public int lastResponse() {
        return lastResponse;
    }

    /** Transactions completed so far. */
    public long completed() {
        return completed;
    }
}

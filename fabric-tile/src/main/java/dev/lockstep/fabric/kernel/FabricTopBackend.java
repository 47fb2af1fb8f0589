package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.frame.FrameException;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.tile.Tile;
import dev.lockstep.fabric.top.FabricHost;
import dev.lockstep.fabric.top.FabricPins;
import dev.lockstep.fabric.top.FabricRegisterMap;
import dev.lockstep.fabric.top.FabricTop;

import java.util.Arrays;

/**
 * A fabric top driven only through its pins, as a host program drives the chip: bank words are queued
 * and sent before the next frame as AXI4-Stream loads (one per contiguous run, one beat a word;
 * broadcast weights as broadcast-region loads, sent before the per-tile words queued after them), the
 * frame registers that changed as AXI4-Lite writes, then START, a STATUS poll, and AXI reads of the
 * results and counters. Over the Java {@link FabricTop} this is the {@code pe} fidelity ({@link #pe});
 * over the verilated fabric_top.v (cosim's {@code RtlFabricBackend}) the {@code rtl} one, so both run
 * the same bus program.
 *
 * <p>The edge count of a frame is measured on the busy pin ({@link FabricHost#busyEdges()}). The AXI map
 * has UTILIZATION summed over tiles only; since every tile shares LANE_COUNT and LANE_MASK, each
 * enabled tile's share is the sum over the number of enabled tiles.
 */
public final class FabricTopBackend implements FabricBackend {
    private static final int WORD_BITS = 0xFF_FFFF;
    private static final int[] FRAME_REGISTERS = {
            FabricRegisterMap.BASE_ADDR, FabricRegisterMap.DEPTH, FabricRegisterMap.STRIDE,
            FabricRegisterMap.EXEC_HINTS, FabricRegisterMap.LANE_COUNT, FabricRegisterMap.LANE_MASK,
            FabricRegisterMap.TILE_MASK};

    private final String fidelity;
    private final FabricHost host;
    private final int tiles;
    private final int lanes;
    private final Pt5Mapping mapping;
    /** Queued bank words, index 2 x tile + region (0 weights, 1 inputs), and which are queued. */
    private final int[][] queued;
    private final boolean[][] dirty;
    /** Queued broadcast weight words; per-tile words queued before a broadcast are sent first. */
    private final int[] broadcast = new int[FrameRegisters.BANK_WORDS];
    private final boolean[] broadcastDirty = new boolean[FrameRegisters.BANK_WORDS];
    private final int[] written = new int[FRAME_REGISTERS.length];
    private boolean anyWritten;
    private final FrameResult out;

    /** The {@code pe} fidelity: a Java {@link FabricTop} of {@code tiles} x 15 lanes, mapping A. */
    public static FabricTopBackend pe(int tiles) {
        return pe(tiles, Tile.MAX_LANES, Pt5Mapping.A);
    }

    public static FabricTopBackend pe(int tiles, int lanes, Pt5Mapping mapping) {
        return new FabricTopBackend("pe", new FabricTop(tiles, lanes, mapping), tiles, lanes, mapping);
    }

    /**
     * @param top a fabric top of {@code tiles} x {@code lanes} reading PT-5 with {@code mapping}; it is
     *            reset for one edge here
     */
    public FabricTopBackend(String fidelity, FabricPins top, int tiles, int lanes, Pt5Mapping mapping) {
        this.fidelity = fidelity;
        this.host = new FabricHost(top);
        this.tiles = tiles;
        this.lanes = lanes;
        this.mapping = mapping;
        queued = new int[2 * tiles][FrameRegisters.BANK_WORDS];
        dirty = new boolean[2 * tiles][FrameRegisters.BANK_WORDS];
        out = new FrameResult(tiles, lanes);
        host.reset();
    }

    @Override
    public String fidelity() {
        return fidelity;
    }

    @Override
    public int tiles() {
        return tiles;
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public Pt5Mapping mapping() {
        return mapping;
    }

    /** Clock edges stepped so far, bus traffic included. */
    public long edges() {
        return host.edges();
    }

    @Override
    public void loadWeight(int tile, int index, int word) {
        queue(tile, FabricRegisterMap.STREAM_REGION_WEIGHTS, index, word);
    }

    @Override
    public void loadInput(int tile, int index, int word) {
        queue(tile, FabricRegisterMap.STREAM_REGION_INPUTS, index, word);
    }

    @Override
    public void broadcastWeight(int index, int word) {
        int w = checked("broadcast weight", index, word);
        sendTileWords();
        broadcast[index] = w;
        broadcastDirty[index] = true;
    }

    private void queue(int tile, int region, int index, int word) {
        if (tile < 0 || tile >= tiles) {
            throw new FrameException(DeviceStatus.ERR_ADDR, "tile " + tile + ": allowed 0.." + (tiles - 1));
        }
        String bank = region == FabricRegisterMap.STREAM_REGION_WEIGHTS ? "weight" : "input";
        int w = checked("tile " + tile + " " + bank, index, word);
        queued[2 * tile + region][index] = w;
        dirty[2 * tile + region][index] = true;
    }

    /** Checked here, where the caller is, rather than as a LOAD_ERROR the next frame would find. */
    private static int checked(String bank, int index, int word) {
        if (index < 0 || index >= FrameRegisters.BANK_WORDS) {
            throw new FrameException(DeviceStatus.ERR_ADDR, bank + " bank word " + index
                    + ": allowed 0.." + (FrameRegisters.BANK_WORDS - 1));
        }
        int w = word & WORD_BITS;
        for (int k = 0; k < 3; k++) {
            int b = w >>> 8 * k & 0xFF;
            if (b > 242) {
                throw new FrameException(DeviceStatus.ERR_PACK, String.format(
                        "%s bank host write word %d: byte %d (lanes %d..%d) is 0x%02X, not a PT-5 code (0..242)",
                        bank, index, k, 5 * k, 5 * k + 4, b));
            }
        }
        return w;
    }

    @Override
    public FrameResult run(FrameRegisters f) {
        sendQueuedWords();
        int tileMask = f.tileMask() & (1 << tiles) - 1;
        int[] values = {f.base(), f.depth(), f.stride(), f.hints(), f.laneCount(), (int) f.laneMask(), tileMask};
        for (int r = 0; r < values.length; r++) {
            if (!anyWritten || written[r] != values[r]) {
                host.write(FRAME_REGISTERS[r], values[r]);
                written[r] = values[r];
            }
        }
        anyWritten = true;
        long busyBefore = host.busyEdges();
        int status = host.runFrame();
        int frameError = status >>> FabricRegisterMap.STATUS_FRAME_ERROR_SHIFT & 0xFF;
        int loadError = status >>> FabricRegisterMap.STATUS_LOAD_ERROR_SHIFT & 0xFF;
        if (frameError != 0) {
            throw new FrameException(statusOf(frameError), fidelity + " fabric refused the frame " + f);
        }
        if (loadError != 0) {
            // Every word was checked when queued: a refusal here is a fault of the fabric, not of the input.
            throw new IllegalStateException(fidelity + " fabric refused a checked bank load, LOAD_ERROR " + loadError);
        }
        int edges = (int) (host.busyEdges() - busyBefore) + 1;
        int cycles = host.read(FabricRegisterMap.CYCLES);
        int utilization = host.read(FabricRegisterMap.UTILIZATION);
        int enabledTiles = Integer.bitCount(tileMask);
        for (int t = 0; t < tiles; t++) {
            for (int i = 0; i < lanes; i++) {
                out.set(t, i, host.read(FabricRegisterMap.result(t, i)), host.read(FabricRegisterMap.skip(t, i)),
                        host.read(FabricRegisterMap.active(t, i)));
            }
            int share = (tileMask >>> t & 1) != 0 ? utilization / enabledTiles : 0;
            out.setTile(t, host.read(FabricRegisterMap.overflow(t)) & 0xFFFF_FFFFL, share);
        }
        out.setTiming(cycles, edges);
        return out;
    }

    private void sendQueuedWords() {
        send(FabricRegisterMap.STREAM_REGION_BROADCAST, 0, broadcast, broadcastDirty);
        sendTileWords();
    }

    private void sendTileWords() {
        for (int t = 0; t < tiles; t++) {
            for (int region = 0; region < 2; region++) {
                send(region, t, queued[2 * t + region], dirty[2 * t + region]);
            }
        }
    }

    /** One stream load per run of queued words. */
    private void send(int region, int tile, int[] words, boolean[] d) {
        int a = 0;
        while (a < d.length) {
            if (!d[a]) {
                a++;
                continue;
            }
            int end = a;
            while (end < d.length && d[end]) {
                end++;
            }
            int[] beats = new int[1 + end - a];
            beats[0] = FabricRegisterMap.streamHeader(region, tile, a);
            System.arraycopy(words, a, beats, 1, end - a);
            host.stream(beats);
            Arrays.fill(d, a, end, false);
            a = end;
        }
    }

    private static DeviceStatus statusOf(int code) {
        for (DeviceStatus s : DeviceStatus.values()) {
            if (s.code() == code) {
                return s;
            }
        }
        throw new IllegalStateException("fabric FRAME_ERROR " + code + " is not a device status");
    }
}

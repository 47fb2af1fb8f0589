package dev.lockstep.cosim;

import static dev.lockstep.fabric.top.FabricRegisterMap.*;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.top.AxiMaster;
import dev.lockstep.sim.random.SplitMix64;

/**
 * Seeded random frames for the fabric top, queued as bus transactions on an {@link AxiMaster}: bank
 * loads (AXI4-Lite per tile, 0x9000 broadcast, stream loads per tile and broadcast), the frame
 * registers (every op including NOP/ADD/MUL/POOL, conv strides, ZERO_SKIP, BIAS_EN, WEIGHT_BRDCST,
 * lane counts, lane masks, tile masks), START, polling STATUS until not busy, then reading back every
 * result and a sample of the counters. Some frames carry faults on purpose: refused STARTs (DEPTH 0,
 * past word 4095, stride above 255, START while busy), bank and register writes during the frame,
 * invalid PT-5 words, malformed stream headers, loads past the bank, unmapped reads and writes.
 */
final class FabricFrameProgram {
    private static final int[] OPS = {Hints.OP_DOT, Hints.OP_MUL, Hints.OP_CONV2D, Hints.OP_POOL, Hints.OP_TGEMM,
            Hints.OP_CONV3D, Hints.OP_LSTM, Hints.OP_ATTN, Hints.OP_NOP, Hints.OP_ADD};

    private final SplitMix64 rng;
    private final AxiMaster master;
    private final int tiles;
    private final int lanes;

    private long frames;
    private long refusedStarts;
    private long streamLoads;
    private long broadcastLoads;
    private long faults;

    FabricFrameProgram(SplitMix64 rng, AxiMaster master, int tiles, int lanes) {
        this.rng = rng;
        this.master = master;
        this.tiles = tiles;
        this.lanes = lanes;
    }

    /** Queues one frame's transactions. */
    void queueFrame() {
        frames++;
        int hints = OPS[rng.nextInt(OPS.length)] | rng.nextInt(4) << 20 | rng.nextInt(4) << Hints.POOL_OP_SHIFT
                | (rng.oneIn(2) ? Hints.ZERO_SKIP : 0) | (rng.oneIn(4) ? Hints.BIAS_EN : 0)
                | (rng.oneIn(6) ? Hints.WEIGHT_BRDCST : 0);
        int base = rng.nextInt(48);
        int depth = 1 + rng.nextInt(20);
        int stride = rng.nextInt(4);
        int pick = rng.nextInt(40);
        if (pick == 0) {
            depth = 0;
            refusedStarts++;
        } else if (pick == 1) {
            base = 4000;
            depth = 200;
            stride = 1;
            refusedStarts++;
        } else if (pick == 2) {
            stride = 256 + rng.nextInt(100);
            refusedStarts++;
        }
        int s = (hints >>> 20 & 3) + 1;
        int step = stride * switch (hints & 0xFF) {
            case Hints.OP_CONV2D -> s;
            case Hints.OP_CONV3D -> s * s;
            default -> 1;
        };
        int last = Math.min(base + Math.max(depth - 1, 0) * step, WINDOW_WORDS - 1);
        if (last >= base) {
            loadWords(base, Math.min(last, base + 23));
        }
        if (rng.oneIn(12)) {
            faultyLoad();
        }
        master.write(BASE_ADDR, base);
        master.write(DEPTH, depth);
        master.write(STRIDE, stride);
        master.write(EXEC_HINTS, hints);
        master.write(LANE_COUNT, laneCount());
        master.write(LANE_MASK, rng.oneIn(2) ? -1 : (int) rng.nextLong());
        master.write(TILE_MASK, rng.oneIn(3) ? 0xF : rng.nextInt(16));
        master.write(CONTROL, 1);
        if (rng.oneIn(6)) {
            duringFrame(base);
        }
        master.pollUntilClear(STATUS, STATUS_BUSY);
        readBack();
    }

    private int laneCount() {
        int p = rng.nextInt(10);
        return p < 5 ? lanes : p < 8 ? rng.nextInt(lanes + 1) : rng.nextInt(0x10000);
    }

    private void loadWords(int from, int to) {
        int n = to - from + 1;
        for (int t = 0; t < tiles; t++) {
            if (rng.oneIn(2)) {
                continue;
            }
            if (rng.oneIn(2)) {
                streamLoads++;
                master.stream(stream(STREAM_REGION_INPUTS, t, from, n));
            } else {
                for (int i = from; i <= to; i++) {
                    master.write(inputWord(t, i), word());
                }
            }
        }
        switch (rng.nextInt(4)) {
            case 0 -> {
                broadcastLoads++;
                for (int i = from; i <= to; i++) {
                    master.write(broadcastWord(i), word());
                }
            }
            case 1 -> {
                broadcastLoads++;
                streamLoads++;
                master.stream(stream(STREAM_REGION_BROADCAST, 0, from, n));
            }
            case 2 -> {
                int t = rng.nextInt(tiles);
                streamLoads++;
                master.stream(stream(STREAM_REGION_WEIGHTS, t, from, n));
            }
            default -> {
                int t = rng.nextInt(tiles);
                for (int i = from; i <= to; i++) {
                    master.write(weightWord(t, i), word());
                }
            }
        }
    }

    private int[] stream(int region, int tile, int base, int words) {
        int[] beats = new int[words + 1];
        beats[0] = streamHeader(region, tile, base);
        for (int k = 1; k <= words; k++) {
            beats[k] = word();
        }
        return beats;
    }

    /** A valid PT-5 word with zero bytes one time in three; bits 31:24 random (never stored). */
    private int word() {
        int w = rng.oneIn(4) ? rng.nextInt(256) << 24 : 0;
        for (int b = 0; b < 3; b++) {
            w |= (rng.oneIn(3) ? 0 : rng.nextInt(243)) << (8 * b);
        }
        return w;
    }

    private void faultyLoad() {
        faults++;
        switch (rng.nextInt(6)) {
            case 0 -> master.write(inputWord(rng.nextInt(tiles), rng.nextInt(WINDOW_WORDS)), 243 + rng.nextInt(13));
            case 1 -> master.stream(0x1234_5678, word(), word());
            case 2 -> master.stream(streamHeader(STREAM_REGION_INPUTS, 0, 4094), word(), word(), word());
            case 3 -> master.stream(streamHeader(STREAM_REGION_WEIGHTS, 0, 7), word(), 0xF5, word());
            case 4 -> master.write(0x88 + 4 * rng.nextInt(4), word());
            default -> master.write(STATUS, -1);
        }
    }

    private void duringFrame(int base) {
        faults++;
        switch (rng.nextInt(4)) {
            case 0 -> master.write(inputWord(0, base), word());
            case 1 -> master.write(CONTROL, 1);
            case 2 -> master.write(TILE_MASK, 0);
            default -> master.stream(stream(STREAM_REGION_INPUTS, rng.nextInt(tiles), base, 3));
        }
    }

    private void readBack() {
        master.read(STATUS);
        master.read(CYCLES);
        master.read(UTILIZATION);
        for (int t = 0; t < tiles; t++) {
            for (int l = 0; l < lanes; l++) {
                master.read(result(t, l));
            }
        }
        int t = rng.nextInt(tiles);
        master.read(overflow(t));
        for (int k = 0; k < 3; k++) {
            master.read(skip(t, rng.nextInt(lanes)));
            master.read(active(t, rng.nextInt(lanes)));
        }
        if (rng.oneIn(4)) {
            master.read(BURST_WAIT);
            master.read(rng.oneIn(2) ? 0x64 : 0x1000 + 4 * rng.nextInt(1024));
        }
    }

    long frames() {
        return frames;
    }

    long refusedStarts() {
        return refusedStarts;
    }

    long streamLoads() {
        return streamLoads;
    }

    long broadcastLoads() {
        return broadcastLoads;
    }

    long faults() {
        return faults;
    }
}

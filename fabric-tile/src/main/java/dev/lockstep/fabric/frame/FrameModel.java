package dev.lockstep.fabric.frame;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.TritCode;
import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5FormatException;
import dev.lockstep.fabric.pt5.Pt5Options;

import java.util.Arrays;
import java.util.Objects;

/**
 * The fabric at transaction level ({@code tile} fidelity): N tiles' banks and accumulators, and a whole
 * frame computed in one call as a straight loop over the frame's words (O(DEPTH x tiles x lanes), no
 * per-edge objects). It gives what N register-level tiles run in lockstep leave behind (tfmbs.md 2.9,
 * docs/tile.md): at START the counters clear, and the accumulators too unless BIAS_EN (POOL MAX/MIN
 * from the 32-bit minimum/maximum); compute edge d feeds lane i trit i of the weight and input words at
 * base + d x step; CYCLES = DEPTH whatever the masks; START to DONE = DEPTH + 3 edges.
 */
public final class FrameModel {
    private static final int HOLD = 0;
    private static final int ACCUMULATE = 1;
    private static final int AVERAGE = 2;
    private static final int LOAD = 3;
    private static final int MAX = 4;
    private static final int MIN = 5;
    /** START accepted, read pipeline filled, DONE raised: the edges a frame takes besides its compute edges. */
    public static final int OVERHEAD_EDGES = 3;

    private final int tiles;
    private final int lanes;
    private final Pt5Options options;
    private final FrameTiming timing;
    /** Trit values (-1, 0, +1) of every bank word, 15 per word, decoded once at load. */
    private final byte[][] weightTrits;
    private final byte[][] inputTrits;
    private final int[] acc;
    private final int[] codes = new int[Pt5Codec.LANES_PER_WORD];
    private final FrameResult out;

    /**
     * @param tiles   1..32
     * @param lanes   lanes per tile, 1..15
     * @param options how words decode; under REJECT a word with a byte 243..255 is refused at load
     */
    public FrameModel(int tiles, int lanes, Pt5Options options, FrameTiming timing) {
        if (tiles < 1 || tiles > 32) {
            throw new IllegalArgumentException("tiles must be in 1..32, got " + tiles);
        }
        if (lanes < 1 || lanes > Pt5Codec.LANES_PER_WORD) {
            throw new IllegalArgumentException("lanes must be in 1..15, got " + lanes);
        }
        this.tiles = tiles;
        this.lanes = lanes;
        this.options = Objects.requireNonNull(options, "options");
        this.timing = Objects.requireNonNull(timing, "timing");
        weightTrits = new byte[tiles][FrameRegisters.BANK_WORDS * Pt5Codec.LANES_PER_WORD];
        inputTrits = new byte[tiles][FrameRegisters.BANK_WORDS * Pt5Codec.LANES_PER_WORD];
        acc = new int[tiles * lanes];
        out = new FrameResult(tiles, lanes);
    }

    public int tiles() {
        return tiles;
    }

    public int lanes() {
        return lanes;
    }

    public void loadWeight(int tile, int index, int word) {
        store(weightTrits[checkTile(tile)], checkWord("weight", tile, index, word));
    }

    public void loadInput(int tile, int index, int word) {
        store(inputTrits[checkTile(tile)], checkWord("input", tile, index, word));
    }

    /** Keeps the codes {@link #checkWord} just decoded, as trit values. */
    private void store(byte[] trits, int index) {
        int at = index * Pt5Codec.LANES_PER_WORD;
        for (int i = 0; i < Pt5Codec.LANES_PER_WORD; i++) {
            trits[at + i] = (byte) TritCode.value(codes[i]);
        }
    }

    /**
     * Overwrites a lane's accumulator now, between frames (fault injection, debugging, and reaching the
     * 32-bit bounds in tests without 2^31 edges); a BIAS_EN frame then starts from it.
     */
    public void depositAccumulator(int tile, int lane, int value) {
        acc[checkTile(tile) * lanes + Objects.checkIndex(lane, lanes)] = value;
    }

    /** Runs one frame; the returned result is this model's one result object, refilled by every frame. */
    public FrameResult run(FrameRegisters f) {
        int hints = f.hints();
        int mode = mode(hints);
        boolean bias = Hints.biasEnabled(hints);
        boolean zeroSkip = Hints.zeroSkip(hints);
        boolean broadcast = Hints.weightBroadcast(hints);
        long portMask = (1L << lanes) - 1;
        long below = f.laneCount() >= lanes ? portMask : (1L << f.laneCount()) - 1;
        long configured = f.laneMask() & portMask & below;
        int clearValue = mode == MAX ? Integer.MIN_VALUE : mode == MIN ? Integer.MAX_VALUE : 0;
        if (!bias) {
            Arrays.fill(acc, clearValue);
        }
        Arrays.fill(out.skips, 0);
        Arrays.fill(out.active, 0);
        Arrays.fill(out.overflow, 0);
        int depth = f.depth();
        boolean anyLane = false;
        for (int t = 0; t < tiles; t++) {
            boolean on = f.tileEnabled(t);
            anyLane |= on && configured != 0;
            out.utilization[t] = on ? depth * Long.bitCount(configured) : 0;
        }
        boolean compact = timing == FrameTiming.SKIP_COMPACTION && zeroSkip && mode == ACCUMULATE && anyLane;
        int compacted = 0;
        if (mode == ACCUMULATE && !compact) {
            accumulateByLane(f, configured, zeroSkip, broadcast);
        } else {
            compacted = runByEdge(f, mode, configured, zeroSkip, broadcast, compact);
        }
        System.arraycopy(acc, 0, out.result, 0, acc.length);
        int cycles = depth - compacted;
        out.setTiming(cycles, cycles + OVERHEAD_EDGES);
        return out;
    }

    /**
     * The accumulating ops in closed form, one lane at a time: acc += sum of the D products. A skip
     * only ever drops a zero product, so it changes no sum, and SKIP is the count of zero products.
     * Overflow needs a step-by-step check only when the accumulator starts within D of a 32-bit bound.
     */
    private void accumulateByLane(FrameRegisters f, long configured, boolean zeroSkip, boolean broadcast) {
        int depth = f.depth();
        int stride = f.step() * Pt5Codec.LANES_PER_WORD;
        int first = f.base() * Pt5Codec.LANES_PER_WORD;
        for (int t = 0; t < tiles; t++) {
            if (!f.tileEnabled(t)) {
                continue;
            }
            byte[] wt = weightTrits[t];
            byte[] xt = inputTrits[t];
            for (int i = 0, k = t * lanes; i < lanes; i++, k++) {
                if ((configured >>> i & 1) == 0) {
                    continue;
                }
                int a = acc[k];
                int w = broadcast ? first : first + i;
                int x = first + i;
                int sum = 0;
                int zeros = 0;
                boolean nearBound = (long) a + depth > Integer.MAX_VALUE || (long) a - depth < Integer.MIN_VALUE;
                for (int d = 0; d < depth; d++, w += stride, x += stride) {
                    int p = wt[w] * xt[x];
                    sum += p;
                    zeros += p & 1 ^ 1;
                    if (nearBound) {
                        int before = a + sum - p;
                        int after = before + p;
                        if (((before ^ after) & (p ^ after)) < 0) {
                            out.overflow[t] |= 1L << i;
                        }
                    }
                }
                acc[k] = a + sum;
                out.active[k] = depth;
                out.skips[k] = zeroSkip ? zeros : 0;
            }
        }
    }

    /** Every other op, and the skip-compaction timing: edge by edge. Returns the edges compacted away. */
    private int runByEdge(FrameRegisters f, int mode, long configured, boolean zeroSkip, boolean broadcast,
                          boolean compact) {
        int depth = f.depth();
        int step = f.step();
        int compacted = 0;
        for (int d = 0, address = f.base(); d < depth; d++, address += step) {
            boolean allSkip = true;
            for (int t = 0; t < tiles; t++) {
                if (!f.tileEnabled(t) || configured == 0) {
                    continue;
                }
                byte[] wt = weightTrits[t];
                byte[] xt = inputTrits[t];
                int at = address * Pt5Codec.LANES_PER_WORD;
                int k = t * lanes;
                for (int i = 0; i < lanes; i++, k++) {
                    if ((configured >>> i & 1) == 0) {
                        continue;
                    }
                    int w = wt[broadcast ? at : at + i];
                    int x = xt[at + i];
                    int p = w * x;
                    boolean skip = zeroSkip && p == 0;
                    allSkip &= skip;
                    out.active[k]++;
                    if (skip) {
                        out.skips[k]++;
                    }
                    int a = acc[k];
                    switch (mode) {
                        case ACCUMULATE, AVERAGE -> {
                            int addend = mode == ACCUMULATE && skip ? 0 : p;
                            int sum = a + addend;
                            if (((a ^ sum) & (addend ^ sum)) < 0) {
                                out.overflow[t] |= 1L << i;
                            }
                            acc[k] = sum;
                        }
                        case LOAD -> acc[k] = p;
                        case MAX -> acc[k] = Math.max(a, p);
                        case MIN -> acc[k] = Math.min(a, p);
                        default -> { }
                    }
                }
            }
            if (compact && allSkip) {
                compacted++;
            }
        }
        return compacted;
    }

    /** The lane's op mode (tfmbs.md 2.2 with the intended POOL clear of 2.9). */
    private static int mode(int hints) {
        return switch (Hints.op(hints)) {
            case Hints.OP_DOT, Hints.OP_CONV2D, Hints.OP_TGEMM, Hints.OP_CONV3D, Hints.OP_LSTM, Hints.OP_ATTN ->
                    ACCUMULATE;
            case Hints.OP_MUL -> LOAD;
            case Hints.OP_POOL -> switch (Hints.poolOp(hints)) {
                case Hints.POOL_MAX -> MAX;
                case Hints.POOL_MIN -> MIN;
                case Hints.POOL_AVG -> AVERAGE;
                default -> HOLD;
            };
            default -> HOLD;
        };
    }

    private int checkTile(int tile) {
        if (tile < 0 || tile >= tiles) {
            throw new FrameException(DeviceStatus.ERR_ADDR, "tile " + tile + ": allowed 0.." + (tiles - 1));
        }
        return tile;
    }

    private int checkWord(String bank, int tile, int index, int word) {
        if (index < 0 || index >= FrameRegisters.BANK_WORDS) {
            throw new FrameException(DeviceStatus.ERR_ADDR, String.format(
                    "tile %d %s bank word %d: outside the bank, allowed 0..%d", tile, bank, index,
                    FrameRegisters.BANK_WORDS - 1));
        }
        try {
            Pt5Codec.decodeWord(word, codes, 0, options);
        } catch (Pt5FormatException e) {
            throw new FrameException(DeviceStatus.ERR_PACK, String.format(
                    "tile %d %s bank word %d: %s", tile, bank, index, e.getMessage()));
        }
        return index;
    }
}

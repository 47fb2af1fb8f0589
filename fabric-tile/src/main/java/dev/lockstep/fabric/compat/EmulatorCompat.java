package dev.lockstep.fabric.compat;

import dev.lockstep.fabric.telemetry.CostModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Emulator-compat metrics mode: a re-creation of the original C device emulator's API-level kernels and
 * its reported metrics ({@code fabric_emulator.c}, tfmbs.md 4.3-4.5 and 5), so the published numbers of
 * tfmbs.md 6 can serve as regression targets. It reproduces the emulator on purpose, quirks included,
 * and is kept apart from Lockstep's intended device ({@link dev.lockstep.fabric.runtime.FabricDevice})
 * and telemetry: nothing here should be read as what the fabric really does.
 *
 * <p>What it reproduces: mapping-B flat packing that leaves the tail byte unwritten (fresh memory is
 * 0x00, i.e. five -1 trits); GEMV and LSTM computed for real with the emulator's counting (every MAC
 * with a zero operand is a skip, whatever the hints); ATTN and CONV3D as metrics-only formulas with the
 * hard-coded 0.66 and 0.7 skip ratios; per-instance cumulative residency counters with the tile-binding
 * rule; LSTM leaving {@code cycles} stale; the cost formula over cumulative misses. Buffers go to the
 * fabric instances round-robin in allocation order, which is what the published per-run hit counts
 * of 1, 2 and 4 instances imply; each kernel runs on the instance of its first operand and only that
 * instance's blocks count for residency. Not reproduced: eviction and the pool's capacity (the
 * published runs never evict), reuse of freed memory (a new buffer here always reads 0x00), the
 * scheduling projection and its "learning", which never reach a reported number.
 *
 * <p>Deterministic and single-threaded: each call runs to completion, as the emulator's sync path does.
 */
public final class EmulatorCompat {
    public static final int LANES_PER_TILE = 15;
    /** The tile mask the emulator's async path uses unless FABRIC_TILE_MASK says otherwise. */
    public static final int DEFAULT_TILE_MASK = 0x0F;
    /** exec_hints bit 20 as the emulator's cost reads it: FUSED, x0.7 (it overlaps the conv stride). */
    public static final int FUSED_BIT = 1 << 20;
    static final double ATTN_SKIP_RATIO = 0.66;
    static final double CONV3D_SKIP_RATIO = 0.7;

    /** One emulator instance's books: its last metrics and its cumulative counters. */
    private static final class Instance {
        long hits;
        long misses;
        long cycles;
        int lanesUsed;
        CompatMetrics last;
    }

    /** One buffer: its bytes (fresh memory is zero) and the residency flags the emulator keeps. */
    private static final class Buffer {
        final int instance;
        final byte[] bytes;
        boolean resident = true;
        /** calloc'ed block, so bound to tile 0 from the start (tfmbs.md 5). */
        int tileId = 0;

        Buffer(int instance, int size) {
            this.instance = instance;
            this.bytes = new byte[size];
        }
    }

    private final Instance[] instances;
    private final List<Buffer> buffers = new ArrayList<>();

    /** @param fabrics number of fabric instances, 1..16 as TFMBS_NUM_FABRICS is clamped */
    public EmulatorCompat(int fabrics) {
        if (fabrics < 1 || fabrics > 16) {
            throw new IllegalArgumentException("fabrics must be 1..16 (TFMBS_NUM_FABRICS), got " + fabrics);
        }
        instances = new Instance[fabrics];
        for (int k = 0; k < fabrics; k++) {
            instances[k] = new Instance();
        }
    }

    /** A new zero-filled buffer of {@code sizeBytes} on the next instance in turn; returns its id. */
    public int alloc(int sizeBytes) {
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("buffer size must be at least 1 byte, got " + sizeBytes);
        }
        buffers.add(new Buffer(buffers.size() % instances.length, sizeBytes));
        return buffers.size() - 1;
    }

    /** The instance a buffer lives on. */
    public int instanceOf(int buffer) {
        return buffer(buffer).instance;
    }

    /**
     * {@code memcpy_to} with {@code pack_pt5 = 1}: writes floor(n / 5) mapping-B bytes of the n trits
     * and leaves the tail byte as it was; marks the block resident.
     */
    public void writeTrits(int buffer, int[] trits) {
        Buffer b = buffer(buffer);
        if (trits.length / 5 > b.bytes.length) {
            throw new IllegalArgumentException("buffer " + buffer + " holds " + b.bytes.length
                    + " bytes, " + trits.length + " trits need " + trits.length / 5);
        }
        EmulatorPt5.packWholeBytes(trits, b.bytes);
        b.resident = true;
    }

    /** {@code memcpy_from} with {@code unpack_pt5 = 1}: n trits from ceil(n / 5) bytes. */
    public int[] readTrits(int buffer, int n) {
        int[] out = new int[n];
        EmulatorPt5.unpack(checkedBytes(buffer, (n + 4) / 5), n, out);
        return out;
    }

    /** The first {@code n} int32 values of a buffer, little-endian as on x86-64. */
    public int[] readInt32(int buffer, int n) {
        byte[] bytes = checkedBytes(buffer, 4 * n);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = bytes[4 * k] & 0xFF | (bytes[4 * k + 1] & 0xFF) << 8 | (bytes[4 * k + 2] & 0xFF) << 16
                    | bytes[4 * k + 3] << 24;
        }
        return out;
    }

    /** y = W x on the instance of {@code w}, FUSED clear; see {@link #gemv(int, int, int, int, int, int, int)}. */
    public CompatMetrics gemv(int w, int x, int y, int rows, int cols, int tileMask) {
        return gemv(w, x, y, rows, cols, tileMask, 0);
    }

    /**
     * {@code internal_exec_gemv} (tfmbs.md 4.3): W is rows x cols trits row-major, flat packed; x is cols
     * trits; y gets rows int32. total = R·C, skips = MACs with a zero operand, cycles = floor(R·C /
     * lanes_used) with lanes_used = 15·popcount(mask) (mask 0 counts as one tile), reads = floor(R·C/5) +
     * floor(C/5), writes = 4R. Residency: w then x.
     */
    public CompatMetrics gemv(int w, int x, int y, int rows, int cols, int tileMask, int execHints) {
        Instance inst = instances[buffer(w).instance];
        track(inst, w, tileMask);
        track(inst, x, tileMask);
        long skips = multiply(w, x, y, rows, cols, null);
        long total = (long) rows * cols;
        inst.lanesUsed = lanesUsed(tileMask);
        inst.cycles = total / inst.lanesUsed;
        return record(inst, "GEMV", total, skips, total / 5 + cols / 5, 4L * rows, execHints);
    }

    /**
     * {@code internal_exec_lstm} (tfmbs.md 4.3): 4h rows x (i + h) columns of raw gate pre-activations,
     * no nonlinearity. Plain: the input is i + h trits from {@code x}. Persistent: i trits from
     * {@code x} then sign(h_prev[j]) of the first h int32 of {@code state}, and all 4h results are
     * written back to {@code state}. Reads = floor(C/5) + floor(R·C/5), writes = 4R; cycles and lanes
     * used keep the previous kernel's values. Residency: w, x, state.
     */
    public CompatMetrics lstm(int w, int x, int state, int hidden, int input, int tileMask, boolean persistent) {
        Instance inst = instances[buffer(w).instance];
        track(inst, w, tileMask);
        track(inst, x, tileMask);
        track(inst, state, tileMask);
        int rows = 4 * hidden;
        int cols = input + hidden;
        int[] in;
        if (persistent) {
            in = new int[cols];
            System.arraycopy(readTrits(x, input), 0, in, 0, input);
            int[] hPrev = readInt32(state, hidden);
            for (int j = 0; j < hidden; j++) {
                in[input + j] = Integer.signum(hPrev[j]);
            }
        } else {
            in = readTrits(x, cols);
        }
        long skips = multiply(w, -1, state, rows, cols, in);
        long total = (long) rows * cols;
        return record(inst, persistent ? "LSTM-P" : "LSTM", total, skips, cols / 5 + total / 5, 4L * rows, 0);
    }

    /**
     * ATTN, metrics only (no data touched): total = 2·L²·d, skips = floor(0.66·total), reads =
     * floor(total/5), writes = 4·L·d, cycles = floor(total / lanes_used). Runs on the instance of
     * {@code q}; counts no residency (the reference names none for it).
     */
    public CompatMetrics attention(int q, int seqLen, int headDim, int tileMask) {
        Instance inst = instances[buffer(q).instance];
        long total = 2L * seqLen * seqLen * headDim;
        inst.lanesUsed = lanesUsed(tileMask);
        inst.cycles = total / inst.lanesUsed;
        return record(inst, "ATTN", total, (long) (ATTN_SKIP_RATIO * total), total / 5,
                4L * seqLen * headDim, 0);
    }

    /**
     * CONV3D, metrics only: total = out_c·in_c·dhw (the spatial extent is ignored), skips =
     * floor(0.7·total), reads = floor(total/5), writes = 4·out_c, cycles = floor(total / lanes_used).
     * Runs on the instance of {@code w}; counts no residency.
     */
    public CompatMetrics conv3d(int w, int inChannels, int outChannels, int dhw, int tileMask) {
        Instance inst = instances[buffer(w).instance];
        long total = (long) outChannels * inChannels * dhw;
        inst.lanesUsed = lanesUsed(tileMask);
        inst.cycles = total / inst.lanesUsed;
        return record(inst, "CONV3D", total, (long) (CONV3D_SKIP_RATIO * total), total / 5,
                4L * outChannels, 0);
    }

    /** {@code fabric_get_metrics}: instance 0's last metrics, null before any kernel ran there. */
    public CompatMetrics metrics() {
        return instances[0].last;
    }

    /** The last metrics of one instance. */
    public CompatMetrics metrics(int instance) {
        return instances[instance].last;
    }

    /**
     * Multiplies and counts: weights from {@code w} (rows x cols, decoded with the emulator's table),
     * inputs from {@code x} unless {@code in} is given, int32 results into {@code y}. Returns the skips.
     */
    private long multiply(int w, int x, int y, int rows, int cols, int[] in) {
        long total = (long) rows * cols;
        if (total > Integer.MAX_VALUE - 4) {
            throw new IllegalArgumentException(rows + " x " + cols + " weights do not fit one Java array");
        }
        int[] weights = readTrits(w, (int) total);
        int[] inputs = in != null ? in : readTrits(x, cols);
        byte[] out = checkedBytes(y, 4 * rows);
        long skips = 0;
        for (int r = 0; r < rows; r++) {
            int acc = 0;
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                int p = weights[base + c] * inputs[c];
                acc += p;
                skips += 1 - (p & 1);
            }
            out[4 * r] = (byte) acc;
            out[4 * r + 1] = (byte) (acc >>> 8);
            out[4 * r + 2] = (byte) (acc >>> 16);
            out[4 * r + 3] = (byte) (acc >>> 24);
        }
        return skips;
    }

    /**
     * {@code track_residency_inst} (tfmbs.md 5): a hit if any tile of the mask finds the block resident
     * and bound to it or unbound; otherwise a miss that makes it resident and binds it to the mask's
     * first tile if unbound. A block on another instance counts nothing.
     */
    private void track(Instance inst, int buffer, int tileMask) {
        Buffer b = buffer(buffer);
        if (instances[b.instance] != inst) {
            return;
        }
        boolean hit = false;
        for (int t = 0; t < 8; t++) {
            if ((tileMask & 1 << t) != 0 && b.resident && (b.tileId == t || b.tileId == -1)) {
                hit = true;
            }
        }
        if (hit) {
            inst.hits++;
            return;
        }
        inst.misses++;
        b.resident = true;
        if (b.tileId == -1 && tileMask != 0) {
            b.tileId = Integer.numberOfTrailingZeros(tileMask);
        }
    }

    private CompatMetrics record(Instance inst, String kernel, long total, long skips, long reads, long writes,
                                 int execHints) {
        double cost = CostModel.PUBLISHED.cost(total - skips, reads, writes, 0, inst.misses,
                (execHints & FUSED_BIT) != 0);
        inst.last = new CompatMetrics(kernel, total, skips, reads, writes, 0, inst.hits, inst.misses,
                inst.cycles, inst.lanesUsed, cost);
        return inst.last;
    }

    private static int lanesUsed(int tileMask) {
        int tiles = Integer.bitCount(tileMask & 0xFF);
        return LANES_PER_TILE * (tiles == 0 ? 1 : tiles);
    }

    private byte[] checkedBytes(int buffer, long needed) {
        byte[] bytes = buffer(buffer).bytes;
        if (needed > bytes.length) {
            throw new IllegalArgumentException("buffer " + buffer + " holds " + bytes.length + " bytes, "
                    + needed + " are needed");
        }
        return bytes;
    }

    private Buffer buffer(int id) {
        if (id < 0 || id >= buffers.size()) {
            throw new IllegalArgumentException("unknown buffer " + id);
        }
        return buffers.get(id);
    }
}

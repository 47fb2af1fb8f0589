package dev.lockstep.kpu.systolic;

import dev.lockstep.sim.Clocked;

import java.util.Arrays;

/**
 * Register-level (pin-level) model of an R x C systolic array, OS or WS hardware; RTL twin:
 * {@code systolic_array}. The per-edge behaviour is the contract in docs/systolic.md, section "Ports
 * and per-cycle behaviour". PE state lives in flat arrays indexed {@code i * cols + j}, two banks
 * side by side ({@code bank * rows * cols + p}), with no object per PE and no allocation per edge.
 *
 * <p>An edge first moves every travelling register one PE along (drain chain, B, the east-moving
 * operand; block copies), so each PE's register then holds what it sees this edge, and then does
 * all MACs in one flat loop; the drain reads the accumulators before, the weight shift comes after,
 * the MACs. That is register-transfer semantics without a second copy of the state.
 */
public final class SystolicArray implements Clocked, SystolicPins {
    private final int rows;
    private final int cols;
    private final int cells;
    private final Dataflow hardware;
    private final DType dtype;
    private final boolean floating;

    // Pins as the feeder set them, and the copy taken by evaluate() for commit().
    private final int[] westData;
    private final boolean[] westValid;
    private final int[] westBank;
    private final int[] northData;
    private boolean reset;
    private boolean control;
    private int controlBank;
    private final Pins sampled;

    // Registers common to both dataflows: the east-moving operand a, av, ab, packed by pack().
    private final long[] op;
    // OS: south-moving operand, two accumulator banks, drain chain.
    private final int[] b;
    private final long[] acc;
    private final float[] accF;
    private final long[] o;
    private final boolean[] ov;
    // WS: two weight banks, partial sums.
    private final int[] w;
    private final long[] ps;
    private final float[] psF;
    private final boolean[] psv;

    private long macs;

    /** hardware is OS or WS; IS runs on a WS array with the operands swapped. */
    public SystolicArray(int rows, int cols, Dataflow hardware, DType dtype) {
        if (rows < 1 || cols < 1 || (long) rows * cols > 1 << 24) {
            throw new IllegalArgumentException("array must be at least 1 x 1 and at most 2^24 PEs, got " + rows + " x " + cols);
        }
        if (hardware == Dataflow.IS) {
            throw new IllegalArgumentException("IS has no hardware of its own: build a WS array and feed it A transposed");
        }
        this.rows = rows;
        this.cols = cols;
        this.cells = rows * cols;
        this.hardware = hardware;
        this.dtype = dtype;
        this.floating = dtype.floating();
        westData = new int[rows];
        westValid = new boolean[rows];
        westBank = new int[rows];
        northData = new int[cols];
        sampled = new Pins(rows, cols);
        op = new long[cells];
        boolean os = hardware == Dataflow.OS;
        b = os ? new int[cells] : null;
        acc = os && !floating ? new long[2 * cells] : null;
        accF = os && floating ? new float[2 * cells] : null;
        o = os ? new long[cells] : null;
        ov = os ? new boolean[cells] : null;
        w = os ? null : new int[2 * cells];
        ps = !os && !floating ? new long[cells] : null;
        psF = !os && floating ? new float[cells] : null;
        psv = os ? null : new boolean[cells];
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Dataflow hardware() {
        return hardware;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    public void setReset(boolean reset) {
        this.reset = reset;
    }

    /** west_data/valid/bank[row]; bits above the operand width are dropped. */
    @Override
    public void setWest(int row, int bits, boolean valid, int bank) {
        westData[row] = dtype.decode(bits);
        westValid[row] = valid;
        westBank[row] = bank & 1;
    }

    /** north_data[col]: operand B (OS) or the weight being shifted in (WS). */
    @Override
    public void setNorth(int col, int bits) {
        northData[col] = dtype.decode(bits);
    }

    /** OS: drain and drain_bank. Ignored by WS hardware. */
    @Override
    public void setDrain(boolean drain, int bank) {
        if (hardware == Dataflow.OS) {
            control = drain;
            controlBank = bank & 1;
        }
    }

    /** WS: wload and wload_bank. Ignored by OS hardware. */
    @Override
    public void setWeightLoad(boolean wload, int bank) {
        if (hardware == Dataflow.WS) {
            control = wload;
            controlBank = bank & 1;
        }
    }

    /** One rising edge. */
    @Override
    public void step() {
        edge(reset, westData, westValid, westBank, northData, control, controlBank);
    }

    @Override
    public void evaluate() {
        sampled.take(this);
    }

    @Override
    public void commit() {
        edge(sampled.reset, sampled.westData, sampled.westValid, sampled.westBank, sampled.northData,
                sampled.control, sampled.controlBank);
    }

    /** south_data[col]: int8 as a sign-extended 32-bit value, int16 64-bit, floats fp32 bits (unsigned). */
    @Override
    public long southData(int col) {
        int p = (rows - 1) * cols + col;
        if (hardware == Dataflow.OS) {
            return port(o[p]);
        }
        return floating ? Float.floatToRawIntBits(psF[p]) & 0xFFFF_FFFFL : port(ps[p]);
    }

    @Override
    public boolean southValid(int col) {
        int p = (rows - 1) * cols + col;
        return hardware == Dataflow.OS ? ov[p] : psv[p];
    }

    /** MACs performed since construction or the last reset edge; a statistic, not a port. */
    @Override
    public long macs() {
        return macs;
    }

    /** OS accumulator register of PE(row, col), bank 0 or 1, in the south_data format (for traces). */
    public long accumulator(int row, int col, int bank) {
        int q = (bank & 1) * cells + row * cols + col;
        return floating ? Float.floatToRawIntBits(accF[q]) & 0xFFFF_FFFFL : port(acc[q]);
    }

    /** WS weight register of PE(row, col), bank 0 or 1, as decoded operand bits (for traces). */
    public int weight(int row, int col, int bank) {
        return w[(bank & 1) * cells + row * cols + col];
    }

    private long port(long value) {
        return dtype == DType.INT8 ? (int) value : value;
    }

    private void edge(boolean rst, int[] wd, boolean[] wv, int[] wb, int[] nd, boolean ctl, int bank) {
        if (rst) {
            clear();
        } else if (hardware == Dataflow.OS) {
            os(wd, wv, wb, nd, ctl, bank);
        } else {
            ws(wd, wv, wb, nd, ctl, bank);
        }
    }

    private void clear() {
        Arrays.fill(op, 0);
        if (hardware == Dataflow.OS) {
            Arrays.fill(b, 0);
            if (floating) {
                Arrays.fill(accF, 0f);
            } else {
                Arrays.fill(acc, 0);
            }
            Arrays.fill(o, 0);
            Arrays.fill(ov, false);
        } else {
            Arrays.fill(w, 0);
            if (floating) {
                Arrays.fill(psF, 0f);
            } else {
                Arrays.fill(ps, 0);
            }
            Arrays.fill(psv, false);
        }
        macs = 0;
    }

    /**
     * Moves the east-moving operands one column right, the west pins entering column 0. Afterwards
     * {@code op[p]} holds what PE p sees this edge (ain, avin, abin), which is also its new register.
     */
    private void shiftEast(int[] wd, boolean[] wv, int[] wb) {
        final int c = cols;
        for (int i = 0, row = 0; i < rows; i++, row += c) {
            System.arraycopy(op, row, op, row + 1, c - 1);
            op[row] = pack(wd[i], wv[i], wb[i]);
        }
    }

    /** An operand with its valid and bank bits: high word 0 when invalid, else bank + 1. */
    private static long pack(int data, boolean valid, int bank) {
        return valid ? ((long) (bank + 1) << 32) | (data & 0xFFFF_FFFFL) : data & 0xFFFF_FFFFL;
    }

    /** OS drain chain: a parallel load (and clear of the bank) on drain, else one row south. */
    private void drainChain(boolean drain, int drainBank) {
        final int c = cols;
        if (drain) {
            int off = drainBank * cells;
            if (floating) {
                for (int p = 0; p < cells; p++) {
                    o[p] = Float.floatToRawIntBits(accF[off + p]) & 0xFFFF_FFFFL;
                }
                Arrays.fill(accF, off, off + cells, 0f);
            } else {
                System.arraycopy(acc, off, o, 0, cells);
                Arrays.fill(acc, off, off + cells, 0);
            }
            Arrays.fill(ov, true);
        } else {
            System.arraycopy(o, 0, o, c, cells - c);
            System.arraycopy(ov, 0, ov, c, cells - c);
            Arrays.fill(o, 0, c, 0);
            Arrays.fill(ov, 0, c, false);
        }
    }

    private void os(int[] wd, boolean[] wv, int[] wb, int[] nd, boolean drain, int drainBank) {
        // Drain first: it takes the accumulators as they were before this edge's MACs.
        drainChain(drain, drainBank);
        System.arraycopy(b, 0, b, cols, cells - cols);
        System.arraycopy(nd, 0, b, 0, cols);
        shiftEast(wd, wv, wb);
        final long[] op = this.op;
        final int[] b = this.b;
        final int n = cells;
        long count = 0;
        if (floating) {
            final float[] acc = accF;
            for (int p = 0; p < n; p++) {
                long x = op[p];
                int code = (int) (x >>> 32);
                if (code != 0) {
                    int q = (code - 1) * n + p;
                    acc[q] = acc[q] + Float.intBitsToFloat((int) x) * Float.intBitsToFloat(b[p]);
                    count++;
                }
            }
        } else {
            final long[] acc = this.acc;
            for (int p = 0; p < n; p++) {
                long x = op[p];
                int code = (int) (x >>> 32);
                if (code != 0) {
                    acc[(code - 1) * n + p] += (long) (int) x * b[p];
                    count++;
                }
            }
        }
        macs += count;
    }

    private void ws(int[] wd, boolean[] wv, int[] wb, int[] nd, boolean wload, int loadBank) {
        final int c = cols;
        final int n = cells;
        shiftEast(wd, wv, wb);
        final long[] op = this.op;
        final int[] w = this.w;
        // Partial sums move one row south; row 0 starts from 0, valid when its operand is.
        System.arraycopy(psv, 0, psv, c, n - c);
        for (int j = 0; j < c; j++) {
            psv[j] = (op[j] >>> 32) != 0;
        }
        long count = 0;
        if (floating) {
            final float[] ps = psF;
            System.arraycopy(ps, 0, ps, c, n - c);
            Arrays.fill(ps, 0, c, 0f);
            for (int p = 0; p < n; p++) {
                long x = op[p];
                int code = (int) (x >>> 32);
                if (code != 0) {
                    ps[p] = ps[p] + Float.intBitsToFloat((int) x) * Float.intBitsToFloat(w[(code - 1) * n + p]);
                    count++;
                }
            }
        } else {
            final long[] ps = this.ps;
            System.arraycopy(ps, 0, ps, c, n - c);
            Arrays.fill(ps, 0, c, 0);
            for (int p = 0; p < n; p++) {
                long x = op[p];
                int code = (int) (x >>> 32);
                if (code != 0) {
                    ps[p] += (long) (int) x * w[(code - 1) * n + p];
                    count++;
                }
            }
        }
        // After the MACs: they read the weights as they were before this edge.
        if (wload) {
            int off = loadBank * n;
            System.arraycopy(w, off, w, off + c, n - c);
            System.arraycopy(nd, 0, w, off, c);
        }
        macs += count;
    }

    /** The pins as sampled by evaluate(), so commit() is immune to pins changed in between. */
    private static final class Pins {
        final int[] westData;
        final boolean[] westValid;
        final int[] westBank;
        final int[] northData;
        boolean reset;
        boolean control;
        int controlBank;

        Pins(int rows, int cols) {
            westData = new int[rows];
            westValid = new boolean[rows];
            westBank = new int[rows];
            northData = new int[cols];
        }

        void take(SystolicArray s) {
            System.arraycopy(s.westData, 0, westData, 0, westData.length);
            System.arraycopy(s.westValid, 0, westValid, 0, westValid.length);
            System.arraycopy(s.westBank, 0, westBank, 0, westBank.length);
            System.arraycopy(s.northData, 0, northData, 0, northData.length);
            reset = s.reset;
            control = s.control;
            controlBank = s.controlBank;
        }
    }
}

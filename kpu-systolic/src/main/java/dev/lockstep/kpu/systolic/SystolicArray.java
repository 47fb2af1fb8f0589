package dev.lockstep.kpu.systolic;

import dev.lockstep.sim.Clocked;

import java.util.Arrays;

/**
 * Register-level (pin-level) model of an R x C systolic array, OS or WS hardware; RTL twin:
 * {@code systolic_array}. The per-edge behaviour is the contract in docs/systolic.md, section "Ports
 * and per-cycle behaviour". PE state lives in flat arrays indexed {@code i * cols + j}, two banks
 * side by side ({@code bank * rows * cols + p}), with no object per PE and no allocation per edge.
 *
 * <p>An edge updates the registers in place, visiting rows and columns from the last to the first:
 * every register a PE reads from a neighbour (west, north) is then still its value before the edge,
 * which is register-transfer semantics without a second copy of the state.
 */
public final class SystolicArray implements Clocked {
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

    // Registers common to both dataflows: the east-moving operand.
    private final int[] a;
    private final boolean[] av;
    private final int[] ab;
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
        a = new int[cells];
        av = new boolean[cells];
        ab = new int[cells];
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

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Dataflow hardware() {
        return hardware;
    }

    public DType dtype() {
        return dtype;
    }

    public void setReset(boolean reset) {
        this.reset = reset;
    }

    /** west_data/valid/bank[row]; bits above the operand width are dropped. */
    public void setWest(int row, int bits, boolean valid, int bank) {
        westData[row] = dtype.decode(bits);
        westValid[row] = valid;
        westBank[row] = bank & 1;
    }

    /** north_data[col]: operand B (OS) or the weight being shifted in (WS). */
    public void setNorth(int col, int bits) {
        northData[col] = dtype.decode(bits);
    }

    /** OS: drain and drain_bank. Ignored by WS hardware. */
    public void setDrain(boolean drain, int bank) {
        if (hardware == Dataflow.OS) {
            control = drain;
            controlBank = bank & 1;
        }
    }

    /** WS: wload and wload_bank. Ignored by OS hardware. */
    public void setWeightLoad(boolean wload, int bank) {
        if (hardware == Dataflow.WS) {
            control = wload;
            controlBank = bank & 1;
        }
    }

    /** One rising edge. */
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
    public long southData(int col) {
        int p = (rows - 1) * cols + col;
        if (hardware == Dataflow.OS) {
            return port(o[p]);
        }
        return floating ? Float.floatToRawIntBits(psF[p]) & 0xFFFF_FFFFL : port(ps[p]);
    }

    public boolean southValid(int col) {
        int p = (rows - 1) * cols + col;
        return hardware == Dataflow.OS ? ov[p] : psv[p];
    }

    /** MACs performed since construction or the last reset edge; a statistic, not a port. */
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
            if (floating) {
                osFloat(wd, wv, wb, nd, ctl, bank);
            } else {
                osInt(wd, wv, wb, nd, ctl, bank);
            }
        } else if (floating) {
            wsFloat(wd, wv, wb, nd, ctl, bank);
        } else {
            wsInt(wd, wv, wb, nd, ctl, bank);
        }
    }

    private void clear() {
        Arrays.fill(a, 0);
        Arrays.fill(av, false);
        Arrays.fill(ab, 0);
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

    private void osInt(int[] wd, boolean[] wv, int[] wb, int[] nd, boolean drain, int drainBank) {
        final int c = cols;
        final int drainOff = drainBank * cells;
        long n = 0;
        for (int i = rows - 1; i >= 0; i--) {
            final int row = i * c;
            for (int j = c - 1; j >= 0; j--) {
                final int p = row + j;
                final int ain;
                final boolean avin;
                final int abin;
                if (j == 0) {
                    ain = wd[i];
                    avin = wv[i];
                    abin = wb[i];
                } else {
                    ain = a[p - 1];
                    avin = av[p - 1];
                    abin = ab[p - 1];
                }
                final int bin = i == 0 ? nd[j] : b[p - c];
                if (drain) {
                    o[p] = acc[drainOff + p];
                    ov[p] = true;
                    acc[drainOff + p] = 0;
                } else if (i == 0) {
                    o[p] = 0;
                    ov[p] = false;
                } else {
                    o[p] = o[p - c];
                    ov[p] = ov[p - c];
                }
                if (avin) {
                    acc[abin * cells + p] += (long) ain * bin;
                    n++;
                }
                a[p] = ain;
                av[p] = avin;
                ab[p] = abin;
                b[p] = bin;
            }
        }
        macs += n;
    }

    private void osFloat(int[] wd, boolean[] wv, int[] wb, int[] nd, boolean drain, int drainBank) {
        final int c = cols;
        final int drainOff = drainBank * cells;
        long n = 0;
        for (int i = rows - 1; i >= 0; i--) {
            final int row = i * c;
            for (int j = c - 1; j >= 0; j--) {
                final int p = row + j;
                final int ain;
                final boolean avin;
                final int abin;
                if (j == 0) {
                    ain = wd[i];
                    avin = wv[i];
                    abin = wb[i];
                } else {
                    ain = a[p - 1];
                    avin = av[p - 1];
                    abin = ab[p - 1];
                }
                final int bin = i == 0 ? nd[j] : b[p - c];
                if (drain) {
                    o[p] = Float.floatToRawIntBits(accF[drainOff + p]) & 0xFFFF_FFFFL;
                    ov[p] = true;
                    accF[drainOff + p] = 0f;
                } else if (i == 0) {
                    o[p] = 0;
                    ov[p] = false;
                } else {
                    o[p] = o[p - c];
                    ov[p] = ov[p - c];
                }
                if (avin) {
                    final int q = abin * cells + p;
                    accF[q] = accF[q] + Float.intBitsToFloat(ain) * Float.intBitsToFloat(bin);
                    n++;
                }
                a[p] = ain;
                av[p] = avin;
                ab[p] = abin;
                b[p] = bin;
            }
        }
        macs += n;
    }

    private void wsInt(int[] wd, boolean[] wv, int[] wb, int[] nd, boolean wload, int loadBank) {
        final int c = cols;
        final int loadOff = loadBank * cells;
        long n = 0;
        for (int i = rows - 1; i >= 0; i--) {
            final int row = i * c;
            for (int j = c - 1; j >= 0; j--) {
                final int p = row + j;
                final int ain;
                final boolean avin;
                final int abin;
                if (j == 0) {
                    ain = wd[i];
                    avin = wv[i];
                    abin = wb[i];
                } else {
                    ain = a[p - 1];
                    avin = av[p - 1];
                    abin = ab[p - 1];
                }
                long sum = i == 0 ? 0 : ps[p - c];
                final boolean sumValid = i == 0 ? avin : psv[p - c];
                if (avin) {
                    sum += (long) ain * w[abin * cells + p];
                    n++;
                }
                ps[p] = sum;
                psv[p] = sumValid;
                // After the MAC: the MAC reads the weight as it was before this edge.
                if (wload) {
                    w[loadOff + p] = i == 0 ? nd[j] : w[loadOff + p - c];
                }
                a[p] = ain;
                av[p] = avin;
                ab[p] = abin;
            }
        }
        macs += n;
    }

    private void wsFloat(int[] wd, boolean[] wv, int[] wb, int[] nd, boolean wload, int loadBank) {
        final int c = cols;
        final int loadOff = loadBank * cells;
        long n = 0;
        for (int i = rows - 1; i >= 0; i--) {
            final int row = i * c;
            for (int j = c - 1; j >= 0; j--) {
                final int p = row + j;
                final int ain;
                final boolean avin;
                final int abin;
                if (j == 0) {
                    ain = wd[i];
                    avin = wv[i];
                    abin = wb[i];
                } else {
                    ain = a[p - 1];
                    avin = av[p - 1];
                    abin = ab[p - 1];
                }
                float sum = i == 0 ? 0f : psF[p - c];
                final boolean sumValid = i == 0 ? avin : psv[p - c];
                if (avin) {
                    sum = sum + Float.intBitsToFloat(ain) * Float.intBitsToFloat(w[abin * cells + p]);
                    n++;
                }
                psF[p] = sum;
                psv[p] = sumValid;
                if (wload) {
                    w[loadOff + p] = i == 0 ? nd[j] : w[loadOff + p - c];
                }
                a[p] = ain;
                av[p] = avin;
                ab[p] = abin;
            }
        }
        macs += n;
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

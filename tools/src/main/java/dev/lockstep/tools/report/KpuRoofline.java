package dev.lockstep.tools.report;

import dev.lockstep.kpu.systolic.FoldPlan;

/**
 * Puts KPU matrix products on a roofline. A MAC is 2 ops; the peak is rows x columns MACs a cycle. A
 * product's bytes are its compulsory traffic, each operand read once and the result written once
 * (M x K + K x N inputs of {@code inputBytes}, M x N outputs of {@code outputBytes}): the intensity a
 * perfect on-chip reuse would give, so the dot's x is an upper bound of what the hierarchy sees.
 */
public final class KpuRoofline {
    public static final String OP_UNIT = "ops (1 MAC = 2 ops)";

    private KpuRoofline() {}

    public static double peak(int rows, int cols, double hertz) {
        return 2.0 * rows * cols * hertz;
    }

    public static Roofline.Point point(String label, FoldPlan p, int inputBytes, int outputBytes, double hertz) {
        double bytes = ((double) p.m() * p.k() + (double) p.k() * p.n()) * inputBytes + (double) p.m() * p.n() * outputBytes;
        return new Roofline.Point(label, 2.0 * p.macs(), bytes, p.cycles() / hertz);
    }
}

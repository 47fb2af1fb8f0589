package dev.lockstep.tools.report;

import dev.lockstep.fabric.compat.CompatMetrics;

/**
 * Puts ternary-fabric kernels on a roofline. Each lane does one ternary multiply-accumulate per cycle,
 * counted as 2 ternary ops (multiply and add, as a MAC is 2 ops on the KPU); a kernel's bytes are what it
 * read from and wrote to fabric memory; its time is its cycles at the fabric clock.
 */
public final class FabricRoofline {
    public static final String OP_UNIT = "ternary ops (1 ternary MAC = 2 ops)";

    private FabricRoofline() {}

    /** Peak ternary ops per second of {@code lanes} lanes at {@code hertz}. */
    public static double peak(int lanes, double hertz) {
        return 2.0 * lanes * hertz;
    }

    /** The point of one kernel run; the MACs counted are all of them, zero-skipped ones included. */
    public static Roofline.Point point(String label, CompatMetrics m, double hertz) {
        return new Roofline.Point(label, 2.0 * m.totalOps(), m.memReads() + m.memWrites(), m.cycles() / hertz);
    }
}

package dev.lockstep.tools.report;

import java.util.List;

/**
 * What a roofline picture shows, independent of the machine: a compute roof, one bandwidth roof per
 * memory level and the measured kernels. Both the KPU (a MAC is 2 ops) and the ternary fabric (a
 * ternary MAC is 2 ternary ops) fill it in; {@code opUnit} names what was counted so the picture
 * says it.
 *
 * @param title          the picture's title, e.g. the machine and configuration
 * @param opUnit         what one op is, e.g. "ops (1 MAC = 2 ops)" or "ternary ops (1 MAC = 2 ops)"
 * @param peakOpsPerSec  the compute roof
 * @param roofs          bandwidth roofs, outermost level (DRAM) first
 * @param points         one per kernel or layer
 */
public record Roofline(String title, String opUnit, double peakOpsPerSec, List<Roof> roofs, List<Point> points) {

    /** One memory level's bandwidth roof. */
    public record Roof(String level, double bytesPerSec) {
        public Roof {
            if (!(bytesPerSec > 0) || Double.isInfinite(bytesPerSec)) {
                throw new IllegalArgumentException("roof " + level + ": bandwidth must be positive and finite, got " + bytesPerSec);
            }
        }
    }

    /**
     * One measured kernel: the ops it did, the bytes it moved across the level the roofline is about,
     * and the simulated time it took.
     */
    public record Point(String label, double ops, double bytes, double seconds) {
        public Point {
            if (!(ops > 0) || !(bytes > 0) || !(seconds > 0)) {
                throw new IllegalArgumentException("point " + label + ": ops, bytes and seconds must be positive, got "
                        + ops + ", " + bytes + ", " + seconds);
            }
        }

        /** Arithmetic intensity, ops per byte. */
        public double intensity() {
            return ops / bytes;
        }

        /** Attained performance, ops per second. */
        public double opsPerSec() {
            return ops / seconds;
        }
    }

    public Roofline {
        if (!(peakOpsPerSec > 0) || Double.isInfinite(peakOpsPerSec)) {
            throw new IllegalArgumentException("peak must be positive and finite, got " + peakOpsPerSec);
        }
        if (roofs.isEmpty()) {
            throw new IllegalArgumentException("a roofline needs at least one bandwidth roof");
        }
        roofs = List.copyOf(roofs);
        points = List.copyOf(points);
    }

    /** The intensity where {@code roof} meets the compute roof: peak / bandwidth (ops per byte). */
    public double ridge(Roof roof) {
        return peakOpsPerSec / roof.bytesPerSec();
    }

    /** The best performance a kernel of {@code intensity} can reach under {@code roof}. */
    public double attainable(Roof roof, double intensity) {
        return Math.min(peakOpsPerSec, roof.bytesPerSec() * intensity);
    }

    /** The same picture with more points. */
    public Roofline withPoints(List<Point> more) {
        return new Roofline(title, opUnit, peakOpsPerSec, roofs,
                java.util.stream.Stream.concat(points.stream(), more.stream()).toList());
    }
}

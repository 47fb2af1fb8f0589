package dev.lockstep.cosim;

/**
 * One port of a verilated top, as declared in the generated header.
 *
 * @param bytes storage Verilator uses for it: 1, 2, 4 or 8, or 4 per 32-bit word for ports wider than 64
 */
public record PortInfo(String name, int msb, int lsb, Direction direction, int bytes) {
    public enum Direction { IN, OUT, INOUT }

    public int width() {
        return msb - lsb + 1;
    }

    boolean wide() {
        return width() > 64;
    }
}

package dev.lockstep.cosim;

/**
 * One input or output of a block under co-simulation. The name is the RTL port's name and also the
 * trace field both sides record, so the Java model and the RTL share one schema.
 *
 * @param width bits, 1..64: the runner carries every value in a long
 */
public record SignalSpec(String name, int width) {
    public SignalSpec {
        if (width < 1 || width > 64) {
            throw new IllegalArgumentException("signal " + name + ": width must be 1..64, got " + width);
        }
    }

    long mask() {
        return width == 64 ? -1L : (1L << width) - 1;
    }
}

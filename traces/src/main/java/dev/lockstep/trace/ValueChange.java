package dev.lockstep.trace;

/** Field {@code field} of the component at {@code path} takes {@code value} at {@code cycle}. */
public record ValueChange(long cycle, String path, String field, BitValue value) implements TraceRecord {
}

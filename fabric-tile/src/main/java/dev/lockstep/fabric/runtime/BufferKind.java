package dev.lockstep.fabric.runtime;

/** How a buffer's values sit in fabric memory. */
public enum BufferKind {
    /** Trits, PT-5 packed with mapping A, ceil(n / 5) bytes (weights and inputs). */
    TRITS,
    /** int32 values, 4 bytes each, little-endian (results, LSTM state). */
    INT32;

    /** Bytes of fabric memory that {@code length} values take. */
    long deviceBytes(int length) {
        return this == TRITS ? (length + 4) / 5 : 4L * length;
    }
}

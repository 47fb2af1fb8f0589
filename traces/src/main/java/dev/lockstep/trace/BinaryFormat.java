package dev.lockstep.trace;

/**
 * Layout constants of the binary codec (documented in docs/traces.md). The magic starts with a non-ASCII
 * byte and holds CR LF, SUB and LF, so text-mode mangling and the JSON Lines codec's '{' are told apart at
 * once.
 */
final class BinaryFormat {
    private BinaryFormat() {
    }

    static final byte[] MAGIC = {(byte) 0x89, 'L', 'K', 'T', '\r', '\n', 0x1A, '\n'};
    static final int VERSION = 1;

    static final int TAG_DECLARE = 0x01;
    static final int TAG_CHANGE = 0x02;
    static final int TAG_TRANSACTION = 0x03;
    static final int TAG_END = 0x04;

    static final int MAX_STRING_BYTES = 0xFFFF;
    /** Bounds what a corrupt length can make a reader allocate for one transaction. */
    static final int MAX_TRANSACTION_BYTES = 1 << 26;
}

package dev.lockstep.memory.dram;

/** When the controller closes a row. */
public enum PagePolicy {
    /** Keep the row open until a request to another row of the bank (or a refresh) needs the bank. */
    OPEN,
    /** Precharge as soon as no queued request hits the open row. */
    CLOSED
}

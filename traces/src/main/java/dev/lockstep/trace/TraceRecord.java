package dev.lockstep.trace;

/** One record of a trace: a register-level value change or a transaction of a higher-level model. */
public sealed interface TraceRecord permits ValueChange, Transaction {
}

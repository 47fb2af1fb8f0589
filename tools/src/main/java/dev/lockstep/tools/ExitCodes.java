package dev.lockstep.tools;

/** The exit codes every lockstep command keeps to; scripts and CI depend on them. */
public final class ExitCodes {
    /** The run finished and every check of the design passed. */
    public static final int OK = 0;
    /** The simulated design failed a check: a cosim divergence, a trace difference, a regression. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage or bad input: arguments, configs, traces, missing tools. */
    public static final int BAD_INPUT = 2;
    /** A bug in Lockstep itself; the stack trace is printed so it can be reported. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes() {}
}

package dev.lockstep.sim;

/**
 * Marks an exception that reports bad input: a file, configuration, program, trace or argument the
 * user can fix. The command line prints such an exception as one line and exits with code 2 instead
 * of treating it as an internal error, so its message must name what was wrong and where.
 */
public interface BadInput {
}

package dev.lockstep.kpu.scalesim;

import dev.lockstep.sim.BadInput;

/**
 * A SCALE-Sim config or topology file that cannot be read as SCALE-Sim v2 reads it. The message is one
 * line, {@code file:line: problem}, naming the key or field; the CLI maps it to exit code 2.
 */
public final class ScaleSimFormatException extends RuntimeException implements BadInput {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /** {@code line} is 1-based; 0 when the problem concerns the whole file. */
    public ScaleSimFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem.replace('\n', ' '));
        this.source = source;
        this.line = line;
    }

    /** The file (or resource) named in the message. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, 0 for the whole file. */
    public int line() {
        return line;
    }
}

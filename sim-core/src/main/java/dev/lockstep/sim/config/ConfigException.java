package dev.lockstep.sim.config;

import dev.lockstep.sim.BadInput;

/**
 * A configuration value that is missing, unknown, of the wrong type or out of range. The message is
 * one line: where (file and line when known), the path ({@code kpu.array.rows}), the value given and
 * what is allowed. The CLI maps it to exit code 2.
 */
public final class ConfigException extends RuntimeException implements BadInput {
    private final String path;
    private final String problem;

    /** {@code path} relative to the record being built; {@link ConfigReader} adds the outer path and the location. */
    public ConfigException(String path, String problem) {
        this(path, problem, null, 0);
    }

    ConfigException(String path, String problem, String source, int line) {
        super(format(path, problem, source, line));
        this.path = path;
        this.problem = problem;
    }

    /** Dotted path of the offending value, e.g. {@code kpu.array.rows}; empty for the whole document. */
    public String path() {
        return path;
    }

    /** The message without location and path. */
    public String problem() {
        return problem;
    }

    private static String format(String path, String problem, String source, int line) {
        StringBuilder b = new StringBuilder();
        if (source != null) {
            b.append(source);
            if (line > 0) {
                b.append(':').append(line);
            }
            b.append(": ");
        }
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(problem.replace('\n', ' ')).toString();
    }
}

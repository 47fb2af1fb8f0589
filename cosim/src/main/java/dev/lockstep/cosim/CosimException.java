package dev.lockstep.cosim;

import dev.lockstep.sim.BadInput;

/**
 * A co-simulation could not be set up because of its inputs or environment (missing tool, RTL that
 * does not build, a harness that does not fit its RTL). The CLI maps it to exit code 2; it never
 * means the design under test diverged (that is a {@link CosimResult}).
 */
public class CosimException extends RuntimeException implements BadInput {
    public CosimException(String message) {
        super(message);
    }

    public CosimException(String message, Throwable cause) {
        super(message, cause);
    }
}

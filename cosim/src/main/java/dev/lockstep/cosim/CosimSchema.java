package dev.lockstep.cosim;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The signals of one block, named once for both sides: the inputs the stimulus drives (reset
 * included; the clock is not a signal, it is the cycle) and every output the runner compares.
 *
 * @param block trace path of the block, e.g. {@code ternary_lane}; a signal reads {@code block.name}
 */
public record CosimSchema(String block, List<SignalSpec> inputs, List<SignalSpec> outputs) {
    public CosimSchema {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Set<String> seen = new HashSet<>();
        for (SignalSpec s : inputs) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("schema " + block + ": signal " + s.name() + " declared twice");
            }
        }
        for (SignalSpec s : outputs) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("schema " + block + ": signal " + s.name() + " declared twice");
            }
        }
    }

    /** {@code block.name} of output {@code i}. */
    public String outputPath(int i) {
        return block + "." + outputs.get(i).name();
    }
}

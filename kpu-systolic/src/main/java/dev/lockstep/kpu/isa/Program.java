package dev.lockstep.kpu.isa;

import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import java.util.List;

/**
 * A KPU program: a name, the problem it computes (informational: m, n, k, dtype), and the
 * instructions in program order. Version 1 is the form docs/kpu-top.md documents.
 */
public record Program(int version, String name, String dtype, int m, int n, int k, List<Instruction> instructions) {
    public static final int VERSION = 1;

    public Program {
        if (version != VERSION) {
            throw new ConfigException("version", "value " + version + " is not supported, allowed " + VERSION);
        }
        Check.notBlank("name", name);
        Check.notBlank("dtype", dtype);
        Check.present("instructions", instructions);
        instructions = List.copyOf(instructions);
    }

    public static Program of(String name, String dtype, int m, int n, int k, List<Instruction> instructions) {
        return new Program(VERSION, name, dtype, m, n, k, instructions);
    }
}

package dev.lockstep.memory;

import dev.lockstep.memory.config.OffChipConfig;
import dev.lockstep.sim.ClockDomain;

/**
 * Makes the timing model of one external-memory channel when the configuration asks for {@code kind:
 * dram}; the DRAM model registers itself here, so this module does not depend on it.
 */
@FunctionalInterface
public interface ExternalMemoryFactory {
    ExternalMemory create(String name, ClockDomain clock, OffChipConfig config, int channel);
}

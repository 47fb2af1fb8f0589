package dev.lockstep.memory;

import dev.lockstep.memory.config.OffChipConfig;
import dev.lockstep.memory.dram.Dram;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;

/**
 * Makes the timing model of one off-chip channel from its configuration: {@code kind: simple} gives a
 * {@link SimpleMemory} in the configured clock, {@code kind: dram} a {@link Dram} of the configured
 * preset (which runs on the preset's tCK; the configuration checks that its clock matches).
 */
public final class ExternalMemoryFactory {
    private ExternalMemoryFactory() {
    }

    public static ExternalMemory create(Simulation sim, String name, ClockDomain clock, OffChipConfig config) {
        if (OffChipConfig.DRAM.equals(config.kind())) {
            return new Dram(sim, name, config.dramSpec());
        }
        return new SimpleMemory(name, clock, config.latencyCycles(), config.bytesPerCycle(), 1, config.queueDepth());
    }
}

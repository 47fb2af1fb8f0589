package dev.lockstep.tools.report;

import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.SramConfig;
import dev.lockstep.sim.config.ClockConfig;

import java.util.List;

/**
 * The bandwidth roofs of a memory hierarchy configuration: the aggregate peak of each level with every
 * instance busy. External memory ("DRAM"): channels x bytes per cycle / period, or for the DRAM model channels x
 * the device's data-bus peak. SRAM levels: instances
 * x ports x bytes per cycle / period. These are the ceilings the hierarchy's contention model enforces
 * (docs/memory.md, "Contention"); no kernel can beat them, many cannot reach them.
 */
public final class MemoryRoofs {
    private MemoryRoofs() {}

    public static List<Roofline.Roof> of(HierarchyConfig c) {
        double dram = c.external().peakBytesPerSecond(c.external().count(), periodPs(c, c.external().clock()));
        return List.of(
                new Roofline.Roof("DRAM", dram),
                sram(c, "L3", c.l3()),
                sram(c, "L2", c.l2()),
                sram(c, "L1", c.l1()));
    }

    /** The clock frequency (Hz) of the named clock of the configuration. */
    public static double hertz(HierarchyConfig c, String clock) {
        return 1 / seconds(c, clock);
    }

    private static Roofline.Roof sram(HierarchyConfig c, String level, SramConfig s) {
        return new Roofline.Roof(level, (double) s.count() * s.ports() * s.bytesPerCycle() / seconds(c, s.clock()));
    }

    private static double seconds(HierarchyConfig c, String clock) {
        return periodPs(c, clock) * 1e-12;
    }

    /** The period in picoseconds of the named clock of the configuration. */
    public static long periodPs(HierarchyConfig c, String clock) {
        for (ClockConfig k : c.clocks()) {
            if (k.name().equals(clock)) {
                return k.periodPs();
            }
        }
        // HierarchyConfig checks every clock reference when it is built.
        throw new IllegalStateException("clock " + clock + " missing from a checked configuration");
    }
}

package dev.lockstep.memory.dram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DRAM standard as data: its organization presets, its timing presets and the defaults a
 * configuration gets when it names only the standard. Each standard lives in its own file
 * ({@link Ddr4}, {@link Lpddr5}, {@link Gddr6}, {@link Hbm3}) as tables.
 */
public record DramStandard(String name, Map<String, DramOrganization> organizations,
                           Map<String, DramTiming> timings, String defaultOrganization,
                           String defaultTiming, String defaultMapping) {

    public DramStandard {
        organizations = Map.copyOf(organizations);
        timings = Map.copyOf(timings);
        if (!organizations.containsKey(defaultOrganization) || !timings.containsKey(defaultTiming)) {
            throw new IllegalArgumentException(name + ": the defaults must name presets of the standard");
        }
    }

    /** The standard called {@code name} (DDR4, LPDDR5, GDDR6, HBM3), or null. */
    public static DramStandard byName(String name) {
        return Registry.ALL.get(name);
    }

    /** Names of every standard, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(Registry.ALL.keySet());
    }

    /**
     * The registry in its own class: the standards' files construct DramStandard records while they
     * initialise, so DramStandard's own initialisation must not depend on them.
     */
    private static final class Registry {
        static final Map<String, DramStandard> ALL = new LinkedHashMap<>();

        static {
            for (DramStandard s : List.of(Ddr4.STANDARD, Lpddr5.STANDARD, Gddr6.STANDARD, Hbm3.STANDARD)) {
                ALL.put(s.name(), s);
            }
        }
    }

    static Map<String, DramOrganization> organizationTable(DramOrganization... rows) {
        Map<String, DramOrganization> m = new LinkedHashMap<>();
        for (DramOrganization o : rows) {
            m.put(o.name(), o);
        }
        return m;
    }

    static Map<String, DramTiming> timingTable(DramTiming... rows) {
        Map<String, DramTiming> m = new LinkedHashMap<>();
        for (DramTiming t : rows) {
            m.put(t.name(), t);
        }
        return m;
    }
}

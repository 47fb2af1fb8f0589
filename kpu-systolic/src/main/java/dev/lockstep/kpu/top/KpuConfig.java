package dev.lockstep.kpu.top;

import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A KPU: its memory hierarchy and its compute tiles. The array is as wide as a Streamer has lanes
 * (one lane per array row or column) and runs in the Streamers' clock, which feeds it; one compute
 * or more compute tiles (the compiler gives each its own share of the C tiles).
 */
public record KpuConfig(String name, HierarchyConfig hierarchy, int rows, int cols, int tiles) {

    public KpuConfig {
        if (rows < 1 || cols < 1 || tiles < 1) {
            throw new ConfigException("array", "rows, cols and tiles must be >= 1, got " + rows + ", " + cols + ", " + tiles);
        }
    }

    public static KpuConfig of(HierarchyConfig h) {
        int lanes = h.streamer().lanes();
        return new KpuConfig(h.name(), h, lanes, lanes, h.computeTiles());
    }

    /** The same KPU with {@code n} compute tiles (the CLI's --tiles over the file's compute_tiles). */
    public KpuConfig withTiles(int n) {
        if (n < 1) {
            throw new ConfigException("compute_tiles", "value " + n + " is out of range, allowed >= 1");
        }
        return new KpuConfig(name, hierarchy, rows, cols, n);
    }

    /** A preset name (minimal, edge_ai, embodied_ai, datacenter) or a hierarchy YAML/JSON file. */
    public static KpuConfig load(String presetOrFile) {
        if (Presets.NAMES.contains(presetOrFile)) {
            return of(Presets.load(presetOrFile));
        }
        Path file = Path.of(presetOrFile);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("", "'" + presetOrFile + "' is neither a preset (" + String.join(", ", Presets.NAMES)
                    + ") nor a readable file");
        }
        return of(ConfigReader.read(file, HierarchyConfig.class));
    }

    /** Name of the clock the arrays (and the Streamers feeding them) run in. */
    public String arrayClock() {
        return hierarchy.streamer().clock();
    }
}

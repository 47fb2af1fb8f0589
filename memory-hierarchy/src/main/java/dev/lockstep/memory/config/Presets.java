package dev.lockstep.memory.config;

import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The four KPU presets of the reference (kpu.md section 3.1), shipped as YAML resources. */
public final class Presets {
    public static final List<String> NAMES = List.of("minimal", "edge_ai", "embodied_ai", "datacenter");

    private Presets() {
    }

    public static HierarchyConfig load(String name) {
        if (!NAMES.contains(name)) {
            throw new ConfigException("", "unknown preset '" + name + "', allowed " + String.join(", ", NAMES));
        }
        return ConfigReader.read(text(name), ConfigReader.Format.YAML, "preset " + name, HierarchyConfig.class);
    }

    /** The preset's YAML as shipped. */
    public static String text(String name) {
        try (InputStream in = Presets.class.getResourceAsStream("/dev/lockstep/memory/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset resource " + name + ".yaml is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preset " + name, e);
        }
    }
}

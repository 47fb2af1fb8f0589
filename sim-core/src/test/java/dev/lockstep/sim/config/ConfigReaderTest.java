package dev.lockstep.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.sim.config.ConfigReader.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    /** A small nested record set standing in for a machine config: kpu.array.rows and a clock list. */
    record ArrayConfig(int rows, int cols) {
        ArrayConfig {
            Check.range("rows", rows, 1, 256);
            Check.range("cols", cols, 1, 256);
        }
    }

    record KpuConfig(ArrayConfig array, ClockConfig clock) {
    }

    record Machine(KpuConfig kpu, List<ClockConfig> clocks) {
    }

    private static final String GOOD_YAML = """
            kpu:
              array:
                rows: 16
                cols: 32
              clock: {name: array, period_ps: 500}
            clocks:
              - {name: dma, period_ps: 1000, phase_ps: 250}
            """;

    private static ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigReader.read(yaml, Format.YAML, "m.yaml", Machine.class));
    }

    @Test
    void readsNestedRecordsAndAppliesDeclaredDefaultOnly() {
        Machine m = ConfigReader.read(GOOD_YAML, Format.YAML, "m.yaml", Machine.class);
        assertEquals(new ArrayConfig(16, 32), m.kpu().array());
        assertEquals(new ClockConfig("array", 500, 0L), m.kpu().clock());
        assertEquals(250, m.clocks().get(0).toDomain().timeOf(0));
    }

    @Test
    void outOfRangeNamesPathValueAllowedFileAndLine() {
        ConfigException e = fails(GOOD_YAML.replace("rows: 16", "rows: 300"));
        assertEquals("kpu.array.rows", e.path());
        // Jackson knows the record is complete only at the next token after the mapping: line 5 (clock).
        assertEquals("m.yaml:5: kpu.array.rows: value 300 is out of range, allowed 1..256", e.getMessage());
    }

    @Test
    void unknownKeyListsAllowedKeys() {
        ConfigException e = fails(GOOD_YAML.replace("cols: 32", "cols: 32\n    depth: 3"));
        assertEquals("m.yaml:5: kpu.array.depth: unknown key, allowed keys: cols, rows", e.getMessage());
    }

    @Test
    void wrongTypeIsNotCoerced() {
        ConfigException e = fails(GOOD_YAML.replace("rows: 16", "rows: \"16\""));
        assertEquals("kpu.array.rows", e.path());
        assertEquals(true, e.getMessage().startsWith("m.yaml:3: kpu.array.rows: "), e.getMessage());
        assertEquals(true, e.getMessage().contains("\"16\""), e.getMessage());
        ConfigException f = fails(GOOD_YAML.replace("rows: 16", "rows: 1.5"));
        assertEquals(true, f.getMessage().contains("1.5"), f.getMessage());
    }

    @Test
    void missingRequiredKeyIsAnErrorButDefaultedOneIsNot() {
        ConfigException e = fails(GOOD_YAML.replace("    cols: 32\n", ""));
        assertEquals("kpu.array.cols", e.path());
        assertEquals("missing, a value is required", e.problem());
        ConfigException n = fails(GOOD_YAML.replace("rows: 16", "rows: null"));
        assertEquals("kpu.array.rows", n.path());
    }

    @Test
    void crossFieldCheckAndListIndexInPath() {
        ConfigException e = fails(GOOD_YAML.replace("phase_ps: 250", "phase_ps: 1000"));
        assertEquals("clocks[0].phase_ps", e.path());
        assertEquals("value 1000 is out of range, allowed 0..999", e.problem());
    }

    @Test
    void jsonFileWithSyntaxErrorAndDuplicateKey(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("clock.json");
        Files.writeString(bad, "{\n  \"name\": \"c\",\n  \"period_ps\": 10,\n  \"period_ps\": 20\n}\n");
        ConfigException dup = assertThrows(ConfigException.class, () -> ConfigReader.read(bad, ClockConfig.class));
        assertEquals(true, dup.getMessage().startsWith(bad + ":4: "), dup.getMessage());
        assertEquals(true, dup.getMessage().contains("period_ps"), dup.getMessage());
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"name\": \"c\", \"period_ps\": 10}");
        assertEquals(new ClockConfig("c", 10, 0L), ConfigReader.read(ok, ClockConfig.class));
        Path txt = dir.resolve("clock.txt");
        Files.writeString(txt, "");
        assertThrows(ConfigException.class, () -> ConfigReader.read(txt, ClockConfig.class));
    }
}

package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import org.junit.jupiter.api.Test;

/** Reading a DRAM configuration: presets, overrides, and errors that name the key. */
class DramConfigTest {
    private static DramConfig yaml(String text) {
        return ConfigReader.read(text, ConfigReader.Format.YAML, "dram.yaml", DramConfig.class);
    }

    @Test
    void standardAloneTakesItsDefaults() {
        DramSpec s = yaml("standard: DDR4\n").toSpec();
        assertEquals("DDR4_3200", s.timing().name());
        assertEquals("DDR4_8Gb_x8", s.organization().name());
        assertEquals("RoRaBaCoBgCh", s.mapping());
        assertEquals(PagePolicy.OPEN, s.pagePolicy());
        assertEquals(22, s.timing().rcd());
        // 8 Gb x8 devices, 8 per 64-bit rank: 16 banks x 65536 rows x 8 KB = 8 GiB.
        assertEquals(8L << 30, s.organization().capacityBytes());
        assertEquals(25.6e9, s.peakBytesPerSecond(), 1);
    }

    @Test
    void overridesReplacePresetValues() {
        DramSpec s = yaml("""
                standard: HBM3
                channels: 8
                mapping: RoBaRaCoCh
                page_policy: closed
                read_queue: 16
                write_queue: 16
                write_high_watermark: 12
                write_low_watermark: 4
                timing: {tRCD: 30, tREFI: 7000, tCK_ps: 500}
                """).toSpec();
        assertEquals(8, s.organization().channels());
        assertEquals(30, s.timing().rcd());
        assertEquals(7000, s.timing().refi());
        assertEquals(500, s.timing().tCkPs());
        assertEquals(23, s.timing().rp());
        assertEquals(PagePolicy.CLOSED, s.pagePolicy());
        assertEquals(12, s.writeHigh());
        // 8 pseudo channels x 32 B per 2 clocks of 500 ps = 256 GB/s.
        assertEquals(256e9, s.peakBytesPerSecond(), 1);
    }

    @Test
    void unknownStandardNamesTheKeyAndTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> yaml("standard: DDR9\n"));
        assertEquals("standard", e.path());
        // The reader places record-level errors at the end of the record (here line 2).
        assertEquals("dram.yaml:2: standard: unknown standard 'DDR9', allowed: DDR4, LPDDR5, GDDR6, HBM3", e.getMessage());
    }

    @Test
    void unknownTimingKeyNamesItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> yaml("standard: DDR4\ntiming:\n  tXYZ: 3\n"));
        assertEquals("timing.tXYZ", e.path());
    }

    @Test
    void badValuesNameTheirKeys() {
        assertEquals("channels", assertThrows(ConfigException.class, () -> yaml("standard: DDR4\nchannels: 3\n")).path());
        assertEquals("mapping", assertThrows(ConfigException.class, () -> yaml("standard: DDR4\nmapping: RoRoBaCo\n")).path());
        assertEquals("page_policy", assertThrows(ConfigException.class, () -> yaml("standard: DDR4\npage_policy: lazy\n")).path());
        assertEquals("speed", assertThrows(ConfigException.class, () -> yaml("standard: DDR4\nspeed: DDR4_9999\n")).path());
        assertEquals("timing.tRCD", assertThrows(ConfigException.class, () -> yaml("standard: DDR4\ntiming: {tRCD: 0}\n")).path());
        assertEquals("write_low_watermark", assertThrows(ConfigException.class,
                () -> yaml("standard: DDR4\nwrite_high_watermark: 8\nwrite_low_watermark: 8\n")).path());
        assertEquals("standard", assertThrows(ConfigException.class, () -> yaml("channels: 2\n")).path());
    }
}

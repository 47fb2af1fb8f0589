package dev.lockstep.memory.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.ExternalMemory;
import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.memory.SimpleMemory;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressMapTest {
    private final Simulation sim = new Simulation();
    private final ClockDomain clock = sim.add(new ClockDomain("c", 1000, 0));
    private final ExternalMemory[] timing = {new SimpleMemory("t", clock, 1, 8, 1, 4)};

    private Region region(String name, long base, long size) {
        return new Region(name, RegionKind.L2, 0, base, size, timing, size);
    }

    @Test
    void overlappingRegionsNameBoth() {
        var e = assertThrows(ConfigException.class, () -> new AddressMap(List.of(
                region("l2.0", 0x1000, 0x1000), region("l2.1", 0x1800, 0x1000))));
        assertTrue(e.getMessage().contains("l2.0 [0x1000, 0x2000)"), e.getMessage());
        assertTrue(e.getMessage().contains("l2.1 [0x1800, 0x2800)"), e.getMessage());
    }

    @Test
    void adjacentRegionsAreFine() {
        AddressMap m = new AddressMap(List.of(region("b", 0x2000, 0x1000), region("a", 0x1000, 0x1000)));
        assertEquals("a", m.regionOf(0x1fff, 1).name());
        assertEquals("b", m.regionOf(0x2000, 0x1000).name());
    }

    @Test
    void unmappedAndPastTheEndAreErrorsNotWraps() {
        AddressMap m = new AddressMap(List.of(region("a", 0x1000, 0x1000)));
        var below = assertThrows(MemoryAccessException.class, () -> m.regionOf(0xfff, 1));
        assertTrue(below.getMessage().contains("0xfff is not mapped"), below.getMessage());
        assertThrows(MemoryAccessException.class, () -> m.regionOf(0x2000, 1));
        var past = assertThrows(MemoryAccessException.class, () -> m.write(0x1ff0, new byte[17]));
        assertTrue(past.getMessage().contains("runs past the end of a"), past.getMessage());
    }

    @Test
    void bytesRoundTripAcrossPagesAndUntouchedBytesReadZero() {
        // 200 KiB spans pages of 64 KiB; write 16 bytes straddling the first page boundary (65536).
        AddressMap m = new AddressMap(List.of(region("a", 0, 200 << 10)));
        byte[] data = new byte[16];
        for (int i = 0; i < 16; i++) {
            data[i] = (byte) (i + 1);
        }
        m.write(65_528, data);
        assertArrayEquals(data, m.read(65_528, 16));
        assertArrayEquals(new byte[4], m.read(150_000, 4));
        assertArrayEquals(new byte[] {0, 1}, m.read(65_527, 2));
    }

    @Test
    void interleavedRegionSpreadsGranulesOverChannels() {
        ExternalMemory[] two = {new SimpleMemory("x0", clock, 1, 8, 1, 4), new SimpleMemory("x1", clock, 1, 8, 1, 4)};
        Region r = new Region("external", RegionKind.EXTERNAL, 0, 4096, 4096, two, 256);
        // (a - base) / 256 mod 2: 4096 -> 0, 4096 + 256 -> 1, 4096 + 512 -> 0; 4096 + 300 is 212 bytes from its granule end.
        assertEquals("x0", r.channelFor(4096).name());
        assertEquals("x1", r.channelFor(4096 + 256).name());
        assertEquals("x0", r.channelFor(4096 + 512).name());
        assertEquals(212, r.granuleRemaining(4096 + 300));
    }
}

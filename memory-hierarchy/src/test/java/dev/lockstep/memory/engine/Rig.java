package dev.lockstep.memory.engine;

import dev.lockstep.memory.ExternalMemory;
import dev.lockstep.memory.SimpleMemory;
import dev.lockstep.memory.map.AddressMap;
import dev.lockstep.memory.map.Region;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-built hierarchy at 1 GHz with round numbers, so expected cycles can be derived by hand:
 * external memory (latency 20, 32 B/cycle, channels interleaved every 256 B) at 0x10000, two L3 tiles
 * (latency 4, one 64 B port) at 0x100000, two L2 banks (latency 2, one 64 B port) at 0x200000.
 */
final class Rig {
    static final long EXT = 0x10000;
    static final long L3 = 0x100000;
    static final long L2 = 0x200000;
    static final long TILE = 0x10000;

    final Simulation sim = new Simulation();
    final ClockDomain clock = sim.add(new ClockDomain("clk", 1000, 0));
    final SimpleMemory[] ext;
    final SimpleMemory[] l3 = new SimpleMemory[2];
    final SimpleMemory[] l2 = new SimpleMemory[2];
    final AddressMap map;

    Rig(int externalChannels) {
        ext = new SimpleMemory[externalChannels];
        for (int i = 0; i < externalChannels; i++) {
            ext[i] = new SimpleMemory("ext.ch" + i, clock, 20, 32, 1, 64);
        }
        List<Region> regions = new ArrayList<>();
        regions.add(new Region("external", RegionKind.EXTERNAL, 0, EXT, L3 - EXT, ext, 256));
        for (int i = 0; i < 2; i++) {
            l3[i] = new SimpleMemory("l3." + i, clock, 4, 64, 1, 32);
            l2[i] = new SimpleMemory("l2." + i, clock, 2, 64, 1, 32);
            regions.add(new Region("l3." + i, RegionKind.L3, i, L3 + i * TILE, TILE, new ExternalMemory[] {l3[i]}, TILE));
            regions.add(new Region("l2." + i, RegionKind.L2, i, L2 + i * TILE, TILE, new ExternalMemory[] {l2[i]}, TILE));
        }
        map = new AddressMap(regions);
    }

    DmaEngine dma(String name) {
        return new DmaEngine(name, clock, map, 64, 64, 16, TransactionLog.none());
    }

    BlockMover mover(String name) {
        return new BlockMover(name, clock, map, 64, 64, 16, TransactionLog.none());
    }

    /** Fills {@code n} bytes at {@code address} with a pattern that differs at every offset mod 251. */
    byte[] fill(long address, int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((i * 7 + seed) % 251);
        }
        map.write(address, b);
        return b;
    }
}

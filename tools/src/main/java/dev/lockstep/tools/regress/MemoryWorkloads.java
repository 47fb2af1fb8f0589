package dev.lockstep.tools.regress;

import dev.lockstep.memory.bench.BandwidthSweep;
import dev.lockstep.memory.bench.BandwidthSweep.Engine;
import dev.lockstep.memory.bench.BandwidthSweep.Pattern;
import dev.lockstep.memory.config.Presets;

import java.util.List;

/**
 * Memory-hierarchy workloads: one engine streaming a fixed amount of data, on the minimal preset, and a
 * DRAM-bound stream on the datacenter preset (its DRAM timing model behind the DMA).
 */
final class MemoryWorkloads {
    private static final long SEED = 1;

    private MemoryWorkloads() {}

    static List<Workload> all() {
        return List.of(
                stream("memory.dma.seq", "DMA, external (DRAM) -> L3, 1 MiB sequential, minimal preset",
                        Engine.DMA, Pattern.SEQUENTIAL, 1 << 20),
                stream("memory.dma.random", "DMA, external (DRAM) -> L3, 256 KiB at random offsets, minimal preset",
                        Engine.DMA, Pattern.RANDOM, 256 << 10),
                stream("memory.bm.seq", "BlockMover, L3 -> L2, 256 KiB sequential, minimal preset",
                        Engine.BLOCK_MOVER, Pattern.SEQUENTIAL, 256 << 10),
                stream("memory.streamer.seq", "Streamer, L2 -> L1, 64 KiB sequential, minimal preset",
                        Engine.STREAMER, Pattern.SEQUENTIAL, 64 << 10),
                stream("memory.dram.datacenter.seq", "DMA, DRAM -> L3, 4 MiB sequential, datacenter preset (HBM3 model)",
                        "datacenter", Engine.DMA, Pattern.SEQUENTIAL, 4 << 20),
                // One 256-byte descriptor at a time at random offsets: each pays a DRAM row miss.
                stream("memory.dram.datacenter.random", "DMA, DRAM -> L3, 256 KiB at random offsets, datacenter preset (HBM3 model)",
                        "datacenter", Engine.DMA, Pattern.RANDOM, 256 << 10));
    }

    private static Workload stream(String name, String description, Engine e, Pattern p, long bytes) {
        return stream(name, description, "minimal", e, p, bytes);
    }

    private static Workload stream(String name, String description, String preset, Engine e, Pattern p, long bytes) {
        return new SimpleWorkload(name, description, () -> {
            BandwidthSweep.Result r = BandwidthSweep.run(Presets.load(preset), e, p, bytes, SEED);
            return List.of(
                    Metric.count("simulated_ps", r.simulatedPs()),
                    Metric.count("events", r.events()),
                    Metric.rate("achieved_gbps", r.achieved() / 1e9),
                    Metric.count("peak_gbps", r.peak() / 1e9));
        });
    }
}

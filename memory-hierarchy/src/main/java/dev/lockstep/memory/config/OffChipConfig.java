package dev.lockstep.memory.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.Defaulted;

/**
 * Host or external memory. Host memory is {@code count} separate regions (NUMA nodes) of {@code mb}
 * MiB each, one channel each. External memory is one region of {@code count} channels of {@code mb}
 * MiB, interleaved every {@code interleave_bytes}. {@code kind} picks the timing model: {@code simple}
 * (latency + bandwidth, {@link dev.lockstep.memory.SimpleMemory}) or {@code dram} (the DRAM model,
 * preset named by {@code dram_preset}); the simple fields also give the DRAM channel's clock and peak.
 */
public record OffChipConfig(
        String kind,
        @JsonProperty("dram_preset") @Defaulted String dramPreset,
        long base,
        int count,
        long mb,
        String clock,
        @JsonProperty("bytes_per_cycle") int bytesPerCycle,
        @JsonProperty("latency_cycles") int latencyCycles,
        @JsonProperty("queue_depth") int queueDepth,
        @JsonProperty("interleave_bytes") @Defaulted Long interleaveBytes) {

    public static final String SIMPLE = "simple";
    public static final String DRAM = "dram";

    public OffChipConfig {
        if (!SIMPLE.equals(kind) && !DRAM.equals(kind)) {
            throw new ConfigException("kind", "value '" + kind + "' is not a memory model, allowed simple, dram");
        }
        if (DRAM.equals(kind)) {
            Check.notBlank("dram_preset", dramPreset);
        } else if (dramPreset != null) {
            throw new ConfigException("dram_preset", "value '" + dramPreset + "' is only allowed with kind dram");
        }
        Check.range("base", base, 0, Long.MAX_VALUE / 2);
        Check.range("count", count, 1, 1 << 16);
        Check.range("mb", mb, 1, 1L << 20);
        Check.notBlank("clock", clock);
        Check.range("bytes_per_cycle", bytesPerCycle, 1, 1 << 16);
        Check.range("latency_cycles", latencyCycles, 1, 1 << 20);
        Check.range("queue_depth", queueDepth, 1, 1 << 16);
        if (interleaveBytes != null) {
            Check.range("interleave_bytes", interleaveBytes, 1, mb << 20);
            if (Long.bitCount(interleaveBytes) != 1) {
                throw new ConfigException("interleave_bytes", "value " + interleaveBytes + " is not a power of two, allowed 1, 2, 4, ...");
            }
        }
    }

    public long bytes() {
        return mb << 20;
    }
}

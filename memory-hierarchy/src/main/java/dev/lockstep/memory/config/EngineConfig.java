package dev.lockstep.memory.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;

/** DMA engines or BlockMovers: how many, their clock, bytes per cycle, burst size and bursts in flight. */
public record EngineConfig(
        int count,
        String clock,
        @JsonProperty("bytes_per_cycle") int bytesPerCycle,
        @JsonProperty("burst_bytes") int burstBytes,
        int outstanding) {

    public EngineConfig {
        Check.range("count", count, 1, 1 << 16);
        Check.notBlank("clock", clock);
        Check.range("bytes_per_cycle", bytesPerCycle, 1, 1 << 16);
        Check.range("burst_bytes", burstBytes, 1, 1 << 20);
        Check.range("outstanding", outstanding, 1, 1 << 12);
    }
}

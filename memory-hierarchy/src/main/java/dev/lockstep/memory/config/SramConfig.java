package dev.lockstep.memory.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;

/**
 * A level of on-chip SRAM: {@code count} regions (L3 tiles, L2 banks, L1 buffers) of {@code kb} KiB
 * laid out back to back from {@code base}, each with {@code ports} ports of {@code bytes_per_cycle}
 * at {@code clock}, an access latency and a bound on outstanding requests.
 */
public record SramConfig(
        long base,
        int count,
        long kb,
        String clock,
        int ports,
        @JsonProperty("bytes_per_cycle") int bytesPerCycle,
        @JsonProperty("latency_cycles") int latencyCycles,
        @JsonProperty("queue_depth") int queueDepth) {

    public SramConfig {
        Check.range("base", base, 0, Long.MAX_VALUE / 2);
        Check.range("count", count, 1, 1 << 20);
        Check.range("kb", kb, 1, 1L << 24);
        Check.notBlank("clock", clock);
        Check.range("ports", ports, 1, 64);
        Check.range("bytes_per_cycle", bytesPerCycle, 1, 1 << 16);
        Check.range("latency_cycles", latencyCycles, 1, 1 << 16);
        Check.range("queue_depth", queueDepth, 1, 1 << 16);
    }

    public long bytes() {
        return kb << 10;
    }
}

package dev.lockstep.memory.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;

/** Streamers: how many, their clock (the array's), lanes per stream (the array edge) and L1 FIFO depth. */
public record StreamerConfig(
        int count,
        String clock,
        int lanes,
        @JsonProperty("fifo_depth") int fifoDepth) {

    public StreamerConfig {
        Check.range("count", count, 1, 1 << 16);
        Check.notBlank("clock", clock);
        Check.range("lanes", lanes, 1, 4096);
        Check.range("fifo_depth", fifoDepth, 1, 1 << 16);
    }
}

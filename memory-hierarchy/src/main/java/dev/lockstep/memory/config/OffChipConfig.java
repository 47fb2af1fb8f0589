package dev.lockstep.memory.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.memory.dram.DramConfig;
import dev.lockstep.memory.dram.DramSpec;
import dev.lockstep.memory.dram.DramStandard;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.Defaulted;
import java.util.ArrayList;
import java.util.List;

/**
 * Host or external memory. Host memory is {@code count} separate regions (NUMA nodes) of {@code mb}
 * MiB each, one channel each. External memory is one region of {@code count} channels of {@code mb}
 * MiB, interleaved every {@code interleave_bytes}. {@code kind} picks the timing model of a channel:
 * {@code simple} (latency + bandwidth, {@link dev.lockstep.memory.SimpleMemory}; needs {@code
 * bytes_per_cycle} and {@code latency_cycles}) or {@code dram} (one DRAM device of the speed preset
 * {@code dram_preset}, e.g. HBM3_6400, with its standard's default organization; its timing comes from
 * the preset, so those two keys are refused, and {@code queue_depth} is its request slots per kind).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OffChipConfig(
        String kind,
        @JsonProperty("dram_preset") @Defaulted String dramPreset,
        long base,
        int count,
        long mb,
        String clock,
        @JsonProperty("bytes_per_cycle") @Defaulted Integer bytesPerCycle,
        @JsonProperty("latency_cycles") @Defaulted Integer latencyCycles,
        @JsonProperty("queue_depth") int queueDepth,
        @JsonProperty("interleave_bytes") @Defaulted Long interleaveBytes) {

    public static final String SIMPLE = "simple";
    public static final String DRAM = "dram";

    public OffChipConfig {
        if (!SIMPLE.equals(kind) && !DRAM.equals(kind)) {
            throw new ConfigException("kind", "value '" + kind + "' is not a memory model, allowed simple, dram");
        }
        Check.range("base", base, 0, Long.MAX_VALUE / 2);
        Check.range("count", count, 1, 1 << 16);
        Check.range("mb", mb, 1, 1L << 20);
        Check.notBlank("clock", clock);
        Check.range("queue_depth", queueDepth, 1, 1 << 16);
        if (DRAM.equals(kind)) {
            Check.notBlank("dram_preset", dramPreset);
            refuseForDram("bytes_per_cycle", bytesPerCycle);
            refuseForDram("latency_cycles", latencyCycles);
            long capacity = spec(dramPreset, queueDepth).organization().capacityBytes();
            if ((mb << 20) > capacity) {
                throw new ConfigException("mb", "value " + mb + " exceeds one " + dramPreset + " device ("
                        + (capacity >> 20) + " MiB), allowed 1.." + (capacity >> 20));
            }
        } else {
            if (dramPreset != null) {
                throw new ConfigException("dram_preset", "value '" + dramPreset + "' is only allowed with kind dram");
            }
            Check.present("bytes_per_cycle", bytesPerCycle);
            Check.present("latency_cycles", latencyCycles);
            Check.range("bytes_per_cycle", bytesPerCycle, 1, 1 << 16);
            Check.range("latency_cycles", latencyCycles, 1, 1 << 20);
        }
        if (interleaveBytes != null) {
            Check.range("interleave_bytes", interleaveBytes, 1, mb << 20);
            if (Long.bitCount(interleaveBytes) != 1) {
                throw new ConfigException("interleave_bytes", "value " + interleaveBytes + " is not a power of two, allowed 1, 2, 4, ...");
            }
        }
    }

    private static void refuseForDram(String key, Integer value) {
        if (value != null) {
            throw new ConfigException(key, "value " + value + " is not allowed with kind dram (the DRAM preset sets the timing), leave it out");
        }
    }

    public long bytes() {
        return mb << 20;
    }

    /**
     * What closed-form estimates (the KPU's flow timing and cost models) take for {@code channels}
     * channels: bytes_per_cycle each at the clock's period (simple), or each device's data bus busy
     * all the time (dram; the DRAM model itself does worse under refresh and row misses).
     */
    public double peakBytesPerSecond(int channels, long clockPeriodPs) {
        double one = DRAM.equals(kind) ? dramSpec().peakBytesPerSecond() : bytesPerCycle * 1e12 / clockPeriodPs;
        return channels * one;
    }

    /**
     * The unloaded latency of one access, for the same estimates: latency_cycles of the clock
     * (simple), or a read to an idle bank with no open row, ACT then RD then the burst: tRCD + CL + nBL
     * device clocks (dram; docs/dram.md derives it, DDR4-3200 48 clocks).
     */
    public long latencyPs(long clockPeriodPs) {
        if (DRAM.equals(kind)) {
            var t = dramSpec().timing();
            return (t.rcd() + t.cl() + t.burstClocks()) * t.tCkPs();
        }
        return latencyCycles * clockPeriodPs;
    }

    /** The DRAM device of one channel ({@code kind: dram} only). */
    public DramSpec dramSpec() {
        if (!DRAM.equals(kind)) {
            throw new IllegalStateException("kind " + kind + " has no DRAM device");
        }
        return spec(dramPreset, queueDepth);
    }

    private static DramSpec spec(String preset, int slots) {
        List<String> known = new ArrayList<>();
        for (String name : DramStandard.names()) {
            DramStandard s = DramStandard.byName(name);
            if (s.timings().containsKey(preset)) {
                return new DramConfig(name, null, preset, null, null, null, null, null, null, null, null, slots, null).toSpec();
            }
            known.addAll(s.timings().keySet().stream().sorted().toList());
        }
        throw new ConfigException("dram_preset", "unknown DRAM preset '" + preset + "', allowed: " + String.join(", ", known));
    }
}

package dev.lockstep.kpu.top;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.ConfigReader;
import java.nio.file.Path;

/**
 * Energy per operation of a KPU, for the estimate in run reports: picojoules per MAC and per byte
 * read or written at each memory level. It is a file of its own (JSON or YAML, every key required)
 * because the hierarchy file belongs to the memory model.
 *
 * <p>Defaults ({@link #defaults}) are the 45 nm figures of M. Horowitz, "Computing's energy problem
 * (and what we can do about it)", ISSCC 2014: 8-bit multiply 0.2 pJ, 32-bit integer add 0.1, 32-bit
 * float multiply 3.7 and add 0.9, 16-bit float multiply 1.1, 32-bit integer multiply 3.1; SRAM per
 * 64-bit access 10 pJ (8 KB), 20 pJ (32 KB), 100 pJ (1 MB); DRAM 1.3-2.6 nJ per 64 bits (the low end
 * taken). So per byte: L1 1.25, L2 2.5, L3 12.5, external 162.5 pJ; per MAC: int8 0.3 (multiply +
 * 32-bit add), int16 3.2 (the 32-bit multiply, an upper bound), fp32 4.6, bf16 2.0 (16-bit multiply,
 * fp32 add). Scale them for other nodes; they are orders of magnitude, not a process model.
 */
public record EnergyConfig(
        @JsonProperty("pj_per_mac") double pjPerMac,
        @JsonProperty("external_pj_per_byte") double externalPjPerByte,
        @JsonProperty("l3_pj_per_byte") double l3PjPerByte,
        @JsonProperty("l2_pj_per_byte") double l2PjPerByte,
        @JsonProperty("l1_pj_per_byte") double l1PjPerByte) {

    public EnergyConfig {
        nonNegative("pj_per_mac", pjPerMac);
        nonNegative("external_pj_per_byte", externalPjPerByte);
        nonNegative("l3_pj_per_byte", l3PjPerByte);
        nonNegative("l2_pj_per_byte", l2PjPerByte);
        nonNegative("l1_pj_per_byte", l1PjPerByte);
    }

    private static void nonNegative(String field, double v) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new ConfigException(field, "value " + v + " is out of range, allowed a finite number >= 0");
        }
    }

    public static EnergyConfig defaults(DType dtype) {
        double mac = switch (dtype) {
            case INT8 -> 0.3;
            case INT16 -> 3.2;
            case FP32 -> 4.6;
            case BF16 -> 2.0;
        };
        return new EnergyConfig(mac, 162.5, 12.5, 2.5, 1.25);
    }

    public static EnergyConfig load(Path file) {
        return ConfigReader.read(file, EnergyConfig.class);
    }
}

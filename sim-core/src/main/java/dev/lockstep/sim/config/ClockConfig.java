package dev.lockstep.sim.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.ClockDomain;

/**
 * A clock as configured: {@code name}, {@code period_ps} (1 ps .. 1 s) and optionally {@code
 * phase_ps} (0 .. period - 1, default 0).
 */
public record ClockConfig(
        String name,
        @JsonProperty("period_ps") long periodPs,
        @JsonProperty("phase_ps") @Defaulted Long phasePs) {

    public static final long MAX_PERIOD_PS = 1_000_000_000_000L;

    public ClockConfig {
        Check.notBlank("name", name);
        Check.range("period_ps", periodPs, 1, MAX_PERIOD_PS);
        phasePs = phasePs == null ? 0L : Check.range("phase_ps", phasePs, 0, periodPs - 1);
    }

    public ClockDomain toDomain() {
        return new ClockDomain(name, periodPs, phasePs);
    }
}

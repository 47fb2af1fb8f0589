package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.telemetry.KernelTelemetry;

/**
 * What a {@link KernelRunner} returns: one int32 per output row and the kernel's counters (ops, skips,
 * memory traffic, broadcasts, cycles). Its residency hits and misses must be 0: the device counts
 * those itself, around the kernel.
 */
public record KernelResult(int[] outputs, KernelTelemetry telemetry) {
}

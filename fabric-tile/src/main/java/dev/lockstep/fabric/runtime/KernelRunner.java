package dev.lockstep.fabric.runtime;

/**
 * Runs one decoded kernel on the fabric: the seam between the device contract (queue, buffers,
 * residency, telemetry) and the kernel mappers that compute and time it. The device hands over
 * unpacked operands and takes back results plus the kernel's own counters; it adds the residency
 * counters itself. Implementations must be deterministic: same request, same result.
 */
@FunctionalInterface
public interface KernelRunner {
    KernelResult run(KernelRequest request);
}

package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.telemetry.CostModel;
import dev.lockstep.fabric.telemetry.KernelTelemetry;

/**
 * A finished task: its status, its own telemetry (residency and re-pack traffic included) and when it
 * ran, in fabric cycles of the device's simulated clock.
 *
 * @param kernel       the kernel's name (DOT, TGEMM, LSTM, ...)
 * @param submitCycle  the host's clock when it was submitted
 * @param startCycle   when the fabric took it: the later of the submission and the previous task's end
 * @param endCycle     startCycle + the kernel's cycles; the moment its pins are released
 */
public record Completion(TaskHandle handle, DeviceStatus status, String kernel, KernelTelemetry telemetry,
                         long submitCycle, long startCycle, long endCycle) {
    /** The published cost (tfmbs.md 5). Never fused: no descriptor field means FUSED (docs/device.md). */
    public double cost() {
        return CostModel.PUBLISHED.cost(telemetry, false);
    }

    /** active_ops / cost. */
    public double economicEfficiency() {
        return CostModel.PUBLISHED.economicEfficiency(telemetry, false);
    }
}

package dev.lockstep.kpu.graph;

import java.util.List;

/**
 * A graph run: kernels one after another (a barrier between fused kernels), so {@code cycles} is
 * the sum of theirs, in the array clock. JSON keys in this order.
 */
public record GraphResult(String graph, String config, String dtype, boolean fused, long arrayPeriodPs, long cycles,
                          double nanoseconds, long macs, double computeUtilization, long compulsoryBytes,
                          long externalBytes, long savedBytes, List<KernelReport> kernels) {
}

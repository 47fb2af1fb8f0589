package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.top.EngineReport;
import java.util.List;
import java.util.Map;

/**
 * A graph run: kernels one after another (a barrier between fused kernels), so {@code cycles} is
 * the sum of theirs, in the array clock. {@code weights}: "operand" (the dtype's width), "int8" or
 * "int4". {@code gops} counts 2 operations per MAC; {@code externalBandwidthGBs} and {@code
 * arithmeticIntensity} are over the external bytes. {@code energyPj}: mac, external, l3, l2, l1,
 * total. {@code engines}: every queue's figures added over the kernel programs, utilization over the
 * whole graph. JSON keys in this order.
 */
public record GraphResult(String graph, String config, String dtype, String weights, boolean fused, long arrayPeriodPs,
                          long cycles, double nanoseconds, long macs, double computeUtilization, double gops,
                          double externalBandwidthGBs, double arithmeticIntensity, long compulsoryBytes,
                          long externalBytes, long savedBytes, Map<String, Long> bytesPerLevel, Map<String, Double> energyPj,
                          List<EngineReport> engines, List<KernelReport> kernels) {
}

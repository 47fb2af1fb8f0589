package dev.lockstep.kpu.top;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one program run; its JSON keys are the record components, in this order.
 * Bytes per level count what the program's instructions read plus wrote there. Arithmetic
 * intensity is operations (2 per MAC) per external byte; bandwidth is external bytes per second.
 */
public record KpuResult(String program, String config, String fidelity, int rows, int cols,
                        String arrayClock, long arrayPeriodPs, long cycles, double nanoseconds,
                        long instructions, long macs, double computeUtilization, double gops,
                        double externalBandwidthGBs, double arithmeticIntensity,
                        Map<String, Long> bytesPerLevel, List<EngineReport> engines) {
}

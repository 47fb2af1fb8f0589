package dev.lockstep.kpu.graph;

import dev.lockstep.kpu.top.EngineReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Per-engine figures of a graph run: each kernel program's {@link EngineReport}s added up by queue
 * name (a batch of b equal programs counts b times), in the order the queues first appear.
 * Utilization is busy time over the whole graph's length, so the vector kernels, which use no
 * engine, count as idle time for every queue.
 */
final class EngineTotals {
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private final Map<String, String> clocks = new LinkedHashMap<>();

    void add(List<EngineReport> engines, long times) {
        for (EngineReport e : engines) {
            long[] t = totals.computeIfAbsent(e.name(), n -> new long[4]);
            clocks.putIfAbsent(e.name(), e.clock());
            t[0] += e.instructions() * times;
            t[1] += e.bytes() * times;
            t[2] += e.busyCycles() * times;
            t[3] += e.dependencyWaitCycles() * times;
        }
    }

    /** The reports, with busy time set against a run of {@code lengthPs} (each queue's clock period from {@code periodPs}). */
    List<EngineReport> reports(long lengthPs, ToLongFunction<String> periodPs) {
        List<EngineReport> out = new ArrayList<>(totals.size());
        totals.forEach((name, t) -> {
            String clock = clocks.get(name);
            double length = (double) lengthPs / periodPs.applyAsLong(clock);
            out.add(new EngineReport(name, clock, t[0], t[1], t[2], t[3], length == 0 ? 0 : t[2] / length));
        });
        return List.copyOf(out);
    }
}

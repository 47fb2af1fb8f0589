package dev.lockstep.cosim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Outcome of a lockstep run.
 *
 * @param cycles       cycles executed (each applied, stepped on both sides and compared)
 * @param divergences  divergent (cycle, output) pairs seen: at most the first cycle's unless continuing
 * @param first        the first divergence, null if none
 * @param window       the cycles around {@code first}: up to {@code context} agreeing cycles, the
 *                     divergent one and up to {@code after} more; empty if none
 * @param vcdWindow    the VCD file written for the window, or null
 * @param setup        time to build or fetch the RTL library and load it
 * @param loop         time spent in the cycle loop, the basis of {@link #cyclesPerSecond()}
 * @param fromCache    whether the RTL library came from the cache
 */
public record CosimResult(CosimSchema schema, long seed, long cycles, long divergences, Divergence first,
                          List<CycleRecord> window, Path vcdWindow, Duration setup, Duration loop,
                          boolean fromCache) {
    public CosimResult {
        window = List.copyOf(window);
    }

    public boolean passed() {
        return divergences == 0;
    }

    public double cyclesPerSecond() {
        long nanos = loop.toNanos();
        return nanos == 0 ? Double.POSITIVE_INFINITY : cycles * 1e9 / nanos;
    }

    /** The agreeing cycles just before the first divergence, oldest first. */
    public List<CycleRecord> lastAgreeing() {
        return first == null ? List.of() : window.stream().filter(r -> r.cycle() < first.cycle()).toList();
    }

    /** Human-readable summary; on a divergence, its description, the window as a table and the VCD file. */
    public String report() {
        return DivergenceReport.format(this);
    }
}

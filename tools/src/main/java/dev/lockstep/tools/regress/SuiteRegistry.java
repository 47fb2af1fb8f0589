package dev.lockstep.tools.regress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named suites of workloads. {@link #builtIn()} holds what ships; a model that lands adds its
 * workloads there (one line each), and tests can build their own registry.
 */
public final class SuiteRegistry {
    private final Map<String, List<Workload>> suites = new LinkedHashMap<>();

    /** Adds {@code w} to {@code suite}, creating the suite; workload names are unique within a suite. */
    public SuiteRegistry add(String suite, Workload w) {
        List<Workload> list = suites.computeIfAbsent(suite, k -> new ArrayList<>());
        for (Workload other : list) {
            if (other.name().equals(w.name())) {
                throw new IllegalArgumentException("suite " + suite + " already has a workload " + w.name());
            }
        }
        list.add(w);
        return this;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(suites.keySet());
    }

    /** The workloads of {@code suite} in registration order, or null if there is no such suite. */
    public List<Workload> suite(String suite) {
        List<Workload> list = suites.get(suite);
        return list == null ? null : List.copyOf(list);
    }

    /**
     * The shipped suites: {@code canonical}, everything that exists, and {@code smoke}, a quick subset.
     */
    public static SuiteRegistry builtIn() {
        SuiteRegistry r = new SuiteRegistry();
        for (Workload w : FabricWorkloads.all()) {
            r.add("canonical", w);
        }
        for (Workload w : KernelWorkloads.all()) {
            r.add("canonical", w);
        }
        for (Workload w : KpuWorkloads.all()) {
            r.add("canonical", w);
        }
        for (Workload w : KpuModelWorkloads.all()) {
            r.add("canonical", w);
        }
        for (Workload w : KpuTopWorkloads.all()) {
            r.add("canonical", w);
        }
        for (Workload w : MemoryWorkloads.all()) {
            r.add("canonical", w);
        }
        r.add("smoke", FabricWorkloads.all().getFirst());
        r.add("smoke", MemoryWorkloads.all().getFirst());
        return r;
    }
}

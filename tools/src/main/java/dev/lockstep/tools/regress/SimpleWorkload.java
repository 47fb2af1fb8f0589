package dev.lockstep.tools.regress;

import java.util.List;
import java.util.function.Supplier;

/** A workload given as a name, a description and the code that runs it. */
record SimpleWorkload(String name, String description, Supplier<List<Metric>> body) implements Workload {
    @Override
    public List<Metric> run() {
        return body.get();
    }
}

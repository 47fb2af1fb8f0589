package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds DRAMs that record their commands and, after each test, replays every channel's commands
 * through the {@link DramTimingChecker}: a test fails on any timing violation even if its own
 * assertions pass. Register with {@code @RegisterExtension final CheckedDram dram = new CheckedDram();}.
 */
final class CheckedDram implements AfterEachCallback {
    private record Built(Dram dram, CommandLog[] logs) {}

    private final List<Built> built = new ArrayList<>();

    Dram create(Simulation sim, DramSpec spec) {
        Dram d = new Dram(sim, "dram" + built.size(), spec);
        built.add(new Built(d, d.recordCommands()));
        return d;
    }

    CommandLog log(Dram d, int channel) {
        for (Built b : built) {
            if (b.dram() == d) {
                return b.logs()[channel];
            }
        }
        throw new IllegalArgumentException("not built here");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StringBuilder problems = new StringBuilder();
        int commands = 0;
        for (Built b : built) {
            DramTimingChecker checker = new DramTimingChecker(b.dram().spec().timing(), b.dram().spec().organization());
            for (int ch = 0; ch < b.logs().length; ch++) {
                commands += b.logs()[ch].size();
                List<TimingViolation> v = checker.check(b.logs()[ch]);
                for (int i = 0; i < Math.min(5, v.size()); i++) {
                    problems.append('\n').append(b.dram().name()).append(" ch").append(ch).append(": ").append(v.get(i));
                }
            }
        }
        built.clear();
        if (!problems.isEmpty()) {
            fail("timing checker found violations:" + problems);
        }
        if (commands == 0) {
            fail("the scenario issued no DRAM command, so the checker checked nothing");
        }
    }
}

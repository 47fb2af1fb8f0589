package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A terminal's progress line is fed at fixed cycle counts, and only when asked for. */
class ProgressTest {
    @Test
    void progressIsReportedEveryIntervalOfCompletedCycles() {
        long interval = CosimOptions.PROGRESS_INTERVAL;   // 2^20
        List<Long> seen = new ArrayList<>();
        // 3 intervals and 5 cycles more: calls after cycle counts 2^20, 2^21 and 3 * 2^20, none for the tail.
        CosimResult r = LaneCosim.run(3 * interval + 5, 11, CosimOptions.defaults().withProgress(seen::add));
        assertTrue(r.passed(), r.report());
        assertEquals(List.of(interval, 2 * interval, 3 * interval), seen);
    }
}

package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TernaryLaneCosimTest {
    @Test
    void hundredThousandRandomCyclesAgree() {
        CosimResult r = LaneCosim.run(100_000, 1, CosimOptions.defaults());
        System.out.println(r.report());
        assertEquals(100_000, r.cycles());
        assertTrue(r.passed(), r::report);
    }
}

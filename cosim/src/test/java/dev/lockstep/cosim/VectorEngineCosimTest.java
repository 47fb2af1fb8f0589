package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorEngineCosimTest {
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {15, 8})
    void tenThousandRandomCyclesAgree(int lanes) {
        CosimResult r = VectorCosim.run(lanes, 20_000, 7, CosimOptions.defaults());
        System.out.println(r.report());
        assertEquals(20_000, r.cycles());
        assertTrue(r.passed(), r::report);
    }
}

package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.systolic.Dataflow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java register-level array against the generated RTL, every output every cycle, on 250 random
 * folds per configuration (fixed seeds), int8, OS and WS, 4x4, 8x8 and 16x16.
 */
class SystolicArrayCosimTest {
    private static final int FOLDS = 250;

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"4, 4, OS", "4, 4, WS", "8, 8, OS", "8, 8, WS", "16, 16, OS", "16, 16, WS"})
    void randomFoldsAgreeEveryCycle(int rows, int cols, Dataflow dataflow) {
        long seed = 1000L * rows + dataflow.ordinal();
        CosimResult r = SystolicCosim.run(rows, cols, dataflow, FOLDS, seed, CosimOptions.defaults());
        System.out.println(r.report());
        assertEquals(SystolicCosim.cycles(rows, cols, dataflow, FOLDS, seed), r.cycles());
        assertTrue(r.passed(), r::report);
    }
}

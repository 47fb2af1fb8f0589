package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.SystolicArray;
import dev.lockstep.rtl.RtlSources;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fold stimulus finds plausible PE bugs: systolic_pe.v with one line changed, against the
 * unchanged Java model, must diverge on a south output within the folds of the real test.
 */
class SystolicPlantedBugCosimTest {
    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', value = {
        // OS: the drain no longer clears bank 0, so the next fold in that bank adds onto old sums.
        "OS|(ctl && !ctl_bank) ? {ACC{1'b0}} : acc0|acc0|drain keeps bank 0",
        // WS: the MAC ignores the operand's bank and always reads weight bank 0.
        "WS|mac_product(a_in, ab_in ? w1 : w0)|mac_product(a_in, w0)|bank 1 weights never used",
    })
    void aChangedPeLineIsCaught(Dataflow dataflow, String line, String mutant, String what) {
        String pe = RtlSources.systolicPe();
        assertTrue(pe.contains(line), "systolic_pe.v no longer contains the line to mutate: " + line);
        Map<String, String> files = new LinkedHashMap<>(RtlSources.systolicArray(4, 4, dataflow.lowerName()));
        files.put("systolic_pe.v", pe.replace(line, mutant));
        RtlDesign broken = new RtlDesign("systolic_array", files, "clock", "reset");
        CosimHarness h = new CosimHarness(SystolicCosim.schema(4, 4, dataflow), broken,
                SystolicCosim.stimulus(4, 4, dataflow, 250, 4000 + dataflow.ordinal()),
                SystolicCosim.model(new SystolicArray(4, 4, dataflow, DType.INT8)), 4000 + dataflow.ordinal());
        CosimResult r = LockstepRunner.run(h, SystolicCosim.cycles(4, 4, dataflow, 250, 4000 + dataflow.ordinal()),
                CosimOptions.defaults());
        System.out.println(r.report());
        assertFalse(r.passed(), what + " went unnoticed");
        assertTrue(r.first().signal().startsWith("systolic_array.south_"), r.first().signal());
    }
}

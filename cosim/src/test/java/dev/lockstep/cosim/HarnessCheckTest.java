package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.TernaryLane;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A harness that does not match its RTL is refused before the first cycle, with the port named. */
class HarnessCheckTest {
    private static CosimHarness with(CosimSchema schema) {
        return new CosimHarness(schema, LaneCosim.design(), LaneCosim.stimulus(1), LaneCosim.model(new TernaryLane()), 1);
    }

    @Test
    void wrongWidthIsNamed() {
        List<SignalSpec> in = List.of(new SignalSpec("rst", 1), new SignalSpec("en", 1), new SignalSpec("clear", 1),
                new SignalSpec("hints", 32), new SignalSpec("weight", 3), new SignalSpec("trit_in", 2));
        CosimSchema schema = new CosimSchema("ternary_lane", in, LaneCosim.SCHEMA.outputs());
        CosimException e = assertThrows(CosimException.class,
                () -> LockstepRunner.run(with(schema), 10, CosimOptions.defaults()));
        assertTrue(e.getMessage().contains("IN weight of 3 bits, but the RTL port is IN weight[1:0]"), e.getMessage());
    }

    @Test
    void uncheckedOutputIsRefused() {
        CosimSchema schema = new CosimSchema("ternary_lane", LaneCosim.SCHEMA.inputs(),
                LaneCosim.SCHEMA.outputs().subList(0, 3));
        CosimException e = assertThrows(CosimException.class,
                () -> LockstepRunner.run(with(schema), 10, CosimOptions.defaults()));
        assertTrue(e.getMessage().contains("does not cover RTL port OUT overflow[0:0]"), e.getMessage());
    }
}

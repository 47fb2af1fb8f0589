package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.TernaryLane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-bit flip deposited into the Java lane's accumulator must be reported at exactly its cycle.
 *
 * <p>Stimulus (hand-written, so every value below is derived by hand): cycles 0 and 1 reset; from
 * cycle 2 on, enable with DOT (hints 0x01, no ZERO_SKIP), weight +1 (01) and input +1 (01), so each
 * edge adds +1 and acc after cycle c is c - 1 (cycle 2 gives 1). Just before the edge of cycle
 * K = 100 the Java accumulator (98 = 0b110_0010, from cycle 99) gets bit 4 flipped: 0b111_0010 = 114.
 * That edge adds 1 on both sides: Java 115 = 0x73, RTL 99 = 0x63, differing in bit 4 (0x10), and
 * since the add carries only out of bit 0, the flip stays exactly bit 4.
 */
class PlantedBugCosimTest {
    private static final long K = 100;
    private static final int BIT = 4;

    private static Stimulus countingUp() {
        return (cycle, in) -> {
            boolean reset = cycle < 2;
            in[0] = reset ? 1 : 0;     // rst
            in[1] = reset ? 0 : 1;     // en
            in[2] = 0;                 // clear
            in[3] = 0x01;              // hints: DOT
            in[4] = 0b01;              // weight +1
            in[5] = 0b01;              // trit_in +1
        };
    }

    private static CosimHarness planted() {
        TernaryLane lane = new TernaryLane();
        CosimModel honest = LaneCosim.model(lane);
        CosimModel flipping = new CosimModel() {
            private long cycle;

            @Override
            public void apply(long[] inputs) {
                honest.apply(inputs);
            }

            @Override
            public void step() {
                if (cycle++ == K) {
                    lane.depositAccumulator(lane.accumulator() ^ (1 << BIT));
                }
                honest.step();
            }

            @Override
            public void sample(long[] outputs) {
                honest.sample(outputs);
            }
        };
        return new CosimHarness(LaneCosim.SCHEMA, LaneCosim.design(), countingUp(), flipping, 0);
    }

    @Test
    void reportsTheExactCycleSignalAndValues(@TempDir Path dir) throws Exception {
        Path vcd = dir.resolve("window.vcd");
        CosimResult r = LockstepRunner.run(planted(), 1000, CosimOptions.defaults().withVcdWindow(vcd));
        System.out.println(r.report());

        assertFalse(r.passed());
        assertEquals(new Divergence(K, "ternary_lane.acc", 32, 0x73, 0x63), r.first());
        assertEquals(1 << BIT, r.first().expected() ^ r.first().actual());
        assertEquals(1, r.divergences());
        assertEquals("cycle 100: ternary_lane.acc expected 0x00000073 actual 0x00000063 (differ in 0x00000010)",
                r.first().describe());
        // Default context 8 and 4 cycles after: cycles 92..104 in the window, the run stops after 104.
        assertEquals(105, r.cycles());
        assertEquals(List.of(92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L),
                r.lastAgreeing().stream().map(CycleRecord::cycle).toList());
        assertTrue(r.lastAgreeing().stream().allMatch(CycleRecord::agrees));
        assertEquals(98, r.lastAgreeing().getLast().actual()[0]);   // acc after cycle 99 = 99 - 1
        assertEquals(104, r.window().getLast().cycle());
        assertTrue(r.report().contains("DIVERGED at cycle 100"), r.report());

        assertTrue(Files.isRegularFile(vcd));
        String text = Files.readString(vcd);
        assertTrue(text.contains("$scope module java $end"), text);
        assertTrue(text.contains("$scope module rtl $end"), text);
        assertTrue(text.contains("$scope module ternary_lane $end"), text);
        assertTrue(text.contains("#92") && text.contains("#104") && !text.contains("#91\n"), text);
    }

    @Test
    void continuingCountsEveryDivergentCycle() {
        CosimResult r = LockstepRunner.run(planted(), 200, CosimOptions.defaults().continuing());
        // From cycle 100 on Java stays 16 above the RTL (both add +1 per edge); only acc differs:
        // cycles 100..199 = 100 divergences. All 200 cycles run.
        assertEquals(200, r.cycles());
        assertEquals(100, r.divergences());
        assertEquals(K, r.first().cycle());
    }

    @Test
    void recordsBothSidesAsTraces(@TempDir Path dir) {
        CosimResult r = LockstepRunner.run(LaneCosim.harness(3), 2000, CosimOptions.defaults().withTraceDir(dir));
        assertTrue(r.passed(), r::report);
        assertTrue(Files.isRegularFile(dir.resolve("java.trace")));
        assertTrue(Files.isRegularFile(dir.resolve("rtl.trace")));
    }
}

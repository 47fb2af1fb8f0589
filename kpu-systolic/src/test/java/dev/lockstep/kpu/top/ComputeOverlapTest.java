package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.memory.engine.TransactionLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consecutive COMPUTE instructions on one tile overlap one another's fill and drain when they write
 * different accumulator buffers, under the fold rules of docs/systolic.md ("Consecutive folds"); one
 * that accumulates into the buffer the previous one writes waits for it. Minimal preset: 8 x 8 array,
 * 500 MHz (2,000 ps per cycle); operands already in L1, so the computes depend only on each other.
 *
 * <p>An 8 x 8 x T compute is one fold: it lasts T + 2R + C - 2 = T + 22 cycles; the next fold may start
 * max(T, R) after it (rows stream one fold at a time, the drain chain empties) and T + R + C - 2 = T + 14
 * after the fold before that (the bank it reuses).
 */
class ComputeOverlapTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");
    private static final long PERIOD_PS = 2000;

    private static KpuTop run(List<Instruction> computes) {
        KpuTop top = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none());
        top.run(Program.of("computes", "int8", 8, 8, 8, computes));
        return top;
    }

    /** The tile queue's {busy, dependency wait} cycles. */
    private static long[] tileEngine(List<Instruction> computes) {
        KpuResult r = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(Program.of("computes", "int8", 8, 8, 8, computes));
        EngineReport e = r.engines().stream().filter(x -> x.name().equals("tile.0")).findFirst().orElseThrow();
        return new long[] {e.busyCycles(), e.dependencyWaitCycles()};
    }

    /** An 8 x 8 x {@code depth} int8 compute into accumulator buffer {@code c} (256 bytes each). */
    private static Instruction compute(int depth, int c, boolean accumulate) {
        long l1 = MINIMAL.hierarchy().l1().base();
        return Instruction.compute(0, l1, l1 + 4096, l1 + 8192 + 256L * c, 8, 8, depth, 1, accumulate);
    }

    private static long cycle(long ps) {
        assertEquals(0, ps % PERIOD_PS);
        return ps / PERIOD_PS;
    }

    @Test
    void computesIntoDifferentBuffersOverlapTheirFillAndDrain() {
        // T = 16: each lasts 16 + 22 = 38. Starts 0, then max(16, 8) = 16 later each time (the bank rule,
        // 16 + 14 = 30 after the fold before last, is met: 32 - 0 >= 30). Ends 38, 54, 70.
        // In series they took 3 x 38 = 114.
        List<Instruction> p = List.of(compute(16, 0, false), compute(16, 1, false), compute(16, 2, false));
        KpuTop top = run(p);
        long[] starts = {0, 16, 32};
        for (int i = 0; i < 3; i++) {
            assertEquals(starts[i], cycle(top.startPs(i)));
            assertEquals(starts[i] + 38, cycle(top.endPs(i)));
        }
        // busy is the union of the three, 0..70, not their sum 114; nothing waited
        assertArrayEquals(new long[] {70, 0}, tileEngine(p));
    }

    @Test
    void shallowComputesAreHeldByTheBankTheyReuse() {
        // T = 4: each lasts 4 + 22 = 26. The second may start max(4, 8) = 8 after the first; the third
        // 8 after the second (16) but also 4 + 14 = 18 after the first, whose bank it takes: 18. Ends
        // 26, 34, 44: exactly one 8 x 24 x 4 instruction (three column folds, period max(4, 8,
        // ceil(18 / 2)) = 9: 2 x 9 + 26 = 44).
        KpuTop top = run(List.of(compute(4, 0, false), compute(4, 1, false), compute(4, 2, false)));
        assertEquals(8, cycle(top.startPs(1)));
        assertEquals(18, cycle(top.startPs(2)));
        assertEquals(44, cycle(top.endPs(2)));
        KpuTop one = run(List.of(Instruction.compute(0, MINIMAL.hierarchy().l1().base(), MINIMAL.hierarchy().l1().base() + 4096,
                MINIMAL.hierarchy().l1().base() + 8192, 8, 24, 4, 1, false)));
        assertEquals(44, cycle(one.endPs(0)));
    }

    @Test
    void aComputeThatAccumulatesIntoTheSameBufferWaitsForTheOneBefore() {
        // k-steps into one buffer: each reads what the previous wrote, so it starts at its completion:
        // 0-38, 38-76, 76-114 (T = 16), as before the overlap.
        List<Instruction> p = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            p.add(compute(16, 0, q > 0));
        }
        KpuTop top = run(p);
        assertEquals(76, cycle(top.startPs(2)));
        assertEquals(114, cycle(top.endPs(2)));
        // the tile was busy all along (0..114); a k-step held by the previous one's drain is not a stall
        assertArrayEquals(new long[] {114, 0}, tileEngine(p));
    }

    @Test
    void aMultiFoldComputeAfterAnotherKeepsItsSecondFoldOffTheLatestBank() {
        // First: 8 x 8 x 20, one fold, 0-42 (20 + 22). Second: 8 x 16 x 2 into another buffer, two
        // column folds, period max(2, 8, ceil((2 + 14) / 2)) = 8, lasting 8 + 2 + 22 = 32 alone.
        // Its first fold: max(20, 8) = 20 after the first's start. Its second fold takes the first's
        // bank, free from 20 + 14 = 34, so the second compute starts no earlier than 34 - 8 = 26.
        // Start 26, end 26 + 32 = 58.
        long l1 = MINIMAL.hierarchy().l1().base();
        KpuTop top = run(List.of(compute(20, 0, false), Instruction.compute(0, l1, l1 + 4096, l1 + 12288, 8, 16, 2, 1, false)));
        assertEquals(42, cycle(top.endPs(0)));
        assertEquals(26, cycle(top.startPs(1)));
        assertEquals(58, cycle(top.endPs(1)));
    }
}

package dev.lockstep.fabric;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine must behave exactly like N separate TernaryLanes wired as the brief says: enable =
 * en && i < lane_count && lane_mask[i], weight = WEIGHT_BRDCST ? weight_0 : weight_i, shared reset,
 * clear and hints; its counters are checked against a plain count kept here.
 */
class VectorEngineEquivalenceTest {
    private static final int CYCLES = 20_000;
    /** Ops worth drawing: every mode plus NOP/ADD and an unknown op. */
    private static final int[] OPS = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0xFF};

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 15, 63, 64})
    void matchesIndependentLanes(int n) {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + n);
        VectorEngine engine = new VectorEngine(n);
        TernaryLane[] lanes = new TernaryLane[n];
        for (int i = 0; i < n; i++) {
            lanes[i] = new TernaryLane();
        }
        int expectedCycles = 0;
        int expectedUtilization = 0;
        int[] weights = new int[n];
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            boolean reset = cycle == 0 || random.nextInt(500) == 0;
            boolean clear = random.nextInt(40) == 0;
            boolean en = random.nextInt(8) != 0;
            int hints = OPS[random.nextInt(OPS.length)] | random.nextInt() & 0xFFFF_FF00;
            int laneCount = random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(n + 2);
            long mask = random.nextInt(4) == 0 ? -1L : random.nextLong();
            boolean broadcast = Hints.weightBroadcast(hints);

            engine.setReset(reset);
            engine.setClear(clear);
            engine.setEnable(en);
            engine.setHints(hints);
            engine.setLaneCount(laneCount);
            engine.setLaneMask(mask);
            for (int i = 0; i < n; i++) {
                weights[i] = random.nextInt(4);
                int x = random.nextInt(4);
                engine.setWeight(i, weights[i]);
                engine.setInput(i, x);
                lanes[i].setInput(x);
            }
            int enabledLanes = 0;
            for (int i = 0; i < n; i++) {
                boolean laneOn = i < laneCount && (mask >>> i & 1) != 0;
                if (laneOn) {
                    enabledLanes++;
                }
                lanes[i].setReset(reset);
                lanes[i].setClear(clear);
                lanes[i].setEnable(en && laneOn);
                lanes[i].setHints(hints);
                lanes[i].setWeight(broadcast ? weights[0] : weights[i]);
            }
            if (random.nextInt(100) == 0) {
                // Park one lane at an extreme so overflow paths are exercised.
                int lane = random.nextInt(n);
                int value = random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                engine.depositAccumulator(lane, value);
                lanes[lane].depositAccumulator(value);
            }

            engine.evaluate();
            for (TernaryLane lane : lanes) {
                lane.evaluate();
            }
            engine.commit();
            for (TernaryLane lane : lanes) {
                lane.commit();
            }
            if (reset || clear) {
                expectedCycles = 0;
                expectedUtilization = 0;
            } else if (en) {
                expectedCycles++;
                expectedUtilization += enabledLanes;
            }

            long overflow = 0;
            for (int i = 0; i < n; i++) {
                String where = "cycle " + cycle + " lane " + i;
                assertEquals(lanes[i].accumulator(), engine.accumulator(i), where);
                assertEquals(lanes[i].skipCount(), engine.skipCount(i), where);
                assertEquals(lanes[i].activeCycles(), engine.activeCycles(i), where);
                if (lanes[i].overflow()) {
                    overflow |= 1L << i;
                }
            }
            assertEquals(overflow, engine.overflowMask(), "overflow at cycle " + cycle);
            assertEquals(expectedCycles, engine.cycleCount(), "cycle_count at cycle " + cycle);
            assertEquals(expectedUtilization, engine.utilization(), "utilization at cycle " + cycle);
        }
    }
}

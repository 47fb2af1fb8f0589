package dev.lockstep.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.MemoryAccessException;
import dev.lockstep.sim.Channel;
import dev.lockstep.sim.Clocked;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamerTest {
    /** Takes one element per lane in every cycle that is a multiple of {@code every}; records (lane, value, cycle). */
    private static final class Consumer implements Clocked {
        final List<long[]> got = new ArrayList<>();
        private final Rig rig;
        private final Channel[] lanes;
        private final int every;

        Consumer(Rig rig, Channel[] lanes, int every) {
            this.rig = rig;
            this.lanes = lanes;
            this.every = every;
            rig.clock.add(this);
        }

        @Override
        public void evaluate() {
            long cycle = rig.clock.currentCycle();
            if (cycle % every != 0) {
                return;
            }
            for (int l = 0; l < lanes.length; l++) {
                if (lanes[l].canReceive()) {
                    got.add(new long[] {l, lanes[l].receive(), cycle});
                }
            }
        }

        @Override
        public void commit() {
        }

        long arrival(int lane, long value) {
            return got.stream().filter(g -> g[0] == lane && g[1] == value).findFirst().orElseThrow()[2];
        }
    }

    private static Channel[] fifos(Rig rig, int lanes, int depth) {
        Channel[] c = new Channel[lanes];
        for (int i = 0; i < lanes; i++) {
            c[i] = new Channel(rig.clock, "l1.fifo." + i, 1, 4, depth);
        }
        return c;
    }

    private static void putInt(Rig rig, long address, int value) {
        rig.map.write(address, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static int getInt(Rig rig, long address) {
        return ByteBuffer.wrap(rig.map.read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void rowStreamSkewsEachLaneByOneCycle() {
        Rig rig = new Rig(1);
        // A is 3 x 4 at pitch 5; element (r, k) = 100 r + k.
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                putInt(rig, Rig.L2 + 4L * (r * 5 + k), 100 * r + k);
            }
        }
        Streamer s = new Streamer("str.0", rig.clock, rig.map, TransactionLog.none());
        Channel[] lanes = fifos(rig, 3, 4);
        Consumer c = new Consumer(rig, lanes, 1);
        long[] doneAt = {-1};
        s.feed(StreamShape.ROWS, Rig.L2, 3, 4, 4, 5, lanes, t -> doneAt[0] = rig.clock.currentCycle(), 0);
        rig.sim.runUntil(100_000);
        // Started in cycle 0; first step after the L2 latency, cycle 2; lane r sends element k in step
        // k + r, i.e. cycle 2 + k + r; the FIFO shows it one cycle later: 3 + k + r.
        assertEquals(12, c.got.size());
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(3 + k + r, c.arrival(r, 100 * r + k), "(" + r + "," + k + ")");
            }
        }
        // Steps 0 .. 4 + 3 - 2 = 5, the last in cycle 7.
        assertEquals(7, doneAt[0]);
        assertEquals(0, s.stats().stallCycles());
    }

    @Test
    void columnStreamGivesLaneCColumnC() {
        Rig rig = new Rig(1);
        // B is 2 x 3 at pitch 3; element (k, c) = 10 k + c.
        for (int k = 0; k < 2; k++) {
            for (int col = 0; col < 3; col++) {
                putInt(rig, Rig.L2 + 4L * (k * 3 + col), 10 * k + col);
            }
        }
        Streamer s = new Streamer("str.0", rig.clock, rig.map, TransactionLog.none());
        Channel[] lanes = fifos(rig, 3, 4);
        Consumer c = new Consumer(rig, lanes, 1);
        s.feed(StreamShape.COLUMNS, Rig.L2, 2, 3, 4, 3, lanes, CompletionListener.NONE, 0);
        rig.sim.runUntil(100_000);
        // Lane c gets B[k][c] at 3 + k + c.
        for (int k = 0; k < 2; k++) {
            for (int col = 0; col < 3; col++) {
                assertEquals(3 + k + col, c.arrival(col, 10 * k + col));
            }
        }
    }

    @Test
    void slowConsumerStallsTheStreamThroughCredits() {
        Rig rig = new Rig(1);
        for (int k = 0; k < 6; k++) {
            putInt(rig, Rig.L2 + 4L * k, k + 1);
        }
        Streamer s = new Streamer("str.0", rig.clock, rig.map, TransactionLog.none());
        Channel[] lanes = fifos(rig, 1, 1);
        Consumer c = new Consumer(rig, lanes, 3);
        long[] doneAt = {-1};
        s.feed(StreamShape.ROWS, Rig.L2, 1, 6, 4, 6, lanes, t -> doneAt[0] = rig.clock.currentCycle(), 0);
        rig.sim.runUntil(100_000);
        // FIFO depth 1, consumer takes in cycles 0 mod 3, a credit returns the cycle after:
        // send e0 @2, taken @3; send e1 @4, taken @6; e2 @7 -> 9; e3 @10 -> 12; e4 @13 -> 15; e5 @16 -> 18.
        long[] expected = {3, 6, 9, 12, 15, 18};
        for (int k = 0; k < 6; k++) {
            assertEquals(expected[k], c.arrival(0, k + 1), "e" + k);
        }
        assertEquals(16, doneAt[0]);
        // Cycles 2 .. 16 are 15 cycles with 6 sends: 9 stalled.
        assertEquals(9, s.stats().stallCycles());
    }

    @Test
    void slowLaneHoldsTheWholeWavefrontSoTheSkewSurvives() {
        Rig rig = new Rig(1);
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < 5; k++) {
                putInt(rig, Rig.L2 + 4L * (r * 5 + k), 100 * r + k);
            }
        }
        Streamer s = new Streamer("str.0", rig.clock, rig.map, TransactionLog.none());
        Channel[] lanes = fifos(rig, 2, 1);
        // Lane 0 is read only every third cycle, lane 1 every cycle.
        List<long[]> got = new ArrayList<>();
        rig.clock.add(new Clocked() {
            public void evaluate() {
                long cycle = rig.clock.currentCycle();
                for (int l = 0; l < 2; l++) {
                    if ((l == 1 || cycle % 3 == 0) && lanes[l].canReceive()) {
                        got.add(new long[] {l, lanes[l].receive(), cycle});
                    }
                }
            }

            public void commit() {
            }
        });
        s.feed(StreamShape.ROWS, Rig.L2, 2, 5, 4, 5, lanes, CompletionListener.NONE, 0);
        rig.sim.runUntil(100_000);
        assertEquals(10, got.size());
        // Lane 1 is never drained late, so its arrival is its send cycle + 1. Element k of lane 1
        // is sent in the same step as element k + 1 of lane 0; lane 0's element k + 1 cannot have
        // been sent before lane 0's element k was taken (depth 1), so lane 1 element k arrives
        // strictly after lane 0 element k.
        for (int i = 0; i < 4; i++) {
            final int k = i;
            long lane0 = got.stream().filter(g -> g[0] == 0 && g[1] == k).findFirst().orElseThrow()[2];
            long lane1 = got.stream().filter(g -> g[0] == 1 && g[1] == 100 + k).findFirst().orElseThrow()[2];
            assertTrue(lane1 > lane0, "k=" + k + " lane0 " + lane0 + " lane1 " + lane1);
        }
        assertTrue(s.stats().stallCycles() > 0);
    }

    @Test
    void drainWritesEachLaneAsARowOfL2() {
        Rig rig = new Rig(1);
        Streamer s = new Streamer("str.0", rig.clock, rig.map, TransactionLog.none());
        Channel[] lanes = fifos(rig, 3, 2);
        // A producer pushes row r = {1000 r + k} into lane r, one element per cycle while it has credit.
        int[] next = new int[3];
        rig.clock.add(new Clocked() {
            public void evaluate() {
                for (int r = 0; r < 3; r++) {
                    if (next[r] < 4 && lanes[r].trySend(1000 * r + next[r], 4)) {
                        next[r]++;
                    }
                }
            }

            public void commit() {
            }
        });
        long[] doneAt = {-1};
        s.drain(lanes, Rig.L2 + 0x100, 3, 4, 4, 6, t -> doneAt[0] = rig.clock.currentCycle(), 0);
        rig.sim.runUntil(100_000);
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(1000 * r + k, getInt(rig, Rig.L2 + 0x100 + 4L * (r * 6 + k)));
            }
        }
        // Sent in cycles 0..3, visible 1..4: the last written in cycle 4.
        assertEquals(4, doneAt[0]);
    }

    @Test
    void streamsOutsideL2AreRefused() {
        Rig rig = new Rig(1);
        Streamer s = new Streamer("str.0", rig.clock, rig.map, TransactionLog.none());
        var e = assertThrows(MemoryAccessException.class, () -> s.feed(StreamShape.ROWS, Rig.L3, 2, 2, 4, 2,
                fifos(rig, 2, 2), CompletionListener.NONE, 0));
        assertTrue(e.getMessage().contains("l3.0 is not an L2 bank"), e.getMessage());
        var lanes = assertThrows(MemoryAccessException.class, () -> s.feed(StreamShape.COLUMNS, Rig.L2, 2, 3, 4, 3,
                fifos(rig, 2, 2), CompletionListener.NONE, 0));
        assertTrue(lanes.getMessage().contains("needs 3 lanes, given 2"), lanes.getMessage());
    }
}

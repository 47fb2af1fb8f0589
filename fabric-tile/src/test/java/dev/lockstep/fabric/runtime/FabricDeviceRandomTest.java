package dev.lockstep.fabric.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.device.FabricShape;
import dev.lockstep.fabric.residency.ResidencyException;
import dev.lockstep.sim.random.SplitMix64;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random calls on a small pool (8 pages, every buffer one page, so evictions are frequent) against a
 * shadow model kept by the test: plain integer y = (carried y) + W x from the host values, the
 * back-to-back FIFO schedule, and one pin per in-flight task on each of its buffers. After every call:
 * tasks complete in submission order exactly when the host's clock reaches their end, pins equal the
 * in-flight uses (so they are released at completion, waited for or not), a pinned buffer is resident
 * (never evicted), and results read back equal the shadow's, rehydrated or not.
 */
class FabricDeviceRandomTest {
    private static final int PAGES = 8;
    private static final int STEPS = 3000;

    /** One GEMV problem: host values and its three buffers. */
    private static final class Problem {
        final int rows;
        final int cols;
        final int[] w;
        int[] x;
        int[] expectedY;
        final long wb;
        final long xb;
        final long yb;
        int inFlight;

        Problem(int rows, int cols, int[] w, int[] x, long wb, long xb, long yb) {
            this.rows = rows;
            this.cols = cols;
            this.w = w;
            this.x = x;
            this.expectedY = new int[rows];
            this.wb = wb;
            this.xb = xb;
            this.yb = yb;
        }
    }

    private record Pending(TaskHandle handle, Problem problem, long start, long end) {
    }

    @Test
    void randomCallsAgainstAShadowModel() {
        String log = run(0x5EED_F00DL);
        assertEquals(log, run(0x5EED_F00DL), "same seed, same completions");
    }

    private static String run(long seed) {
        SplitMix64 rnd = new SplitMix64(seed);
        FabricDevice dev = new FabricDevice(FabricShape.DEFAULT, PAGES * 4096L, new PlainKernelRunner());
        List<Problem> problems = new ArrayList<>();
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        StringBuilder log = new StringBuilder();
        long now = 0;
        long fabricFree = 0;
        long misses = 0;
        int busyRefusals = 0;
        for (int step = 0; step < STEPS; step++) {
            int op = rnd.nextInt(10);
            if (op == 0 && problems.size() < 6) {
                Problem p = create(dev, rnd);
                if (p == null) {
                    busyRefusals++;
                } else {
                    problems.add(p);
                }
            } else if (op <= 3 && !problems.isEmpty()) {
                Problem p = problems.get(rnd.nextInt(problems.size()));
                boolean bias = rnd.oneIn(2);
                int mask = 1 + rnd.nextInt(15);
                int hints = (bias ? Hints.OP_LSTM | Hints.BIAS_EN : Hints.OP_TGEMM) | Hints.ZERO_SKIP;
                int[] pinsBefore = pins(dev, p);
                try {
                    TaskHandle h = dev.submit(FabricDeviceTest.tfd(p.cols, hints, 15, mask), p.wb, p.xb, p.yb);
                    long passes = (p.rows + 15L * Integer.bitCount(mask) - 1) / (15L * Integer.bitCount(mask));
                    long start = Math.max(now, fabricFree);
                    fabricFree = start + passes * (p.cols + PlainKernelRunner.FRAME_OVERHEAD);
                    int[] y = new int[p.rows];
                    for (int r = 0; r < p.rows; r++) {
                        int acc = bias ? p.expectedY[r] : 0;
                        for (int c = 0; c < p.cols; c++) {
                            acc += p.w[r * p.cols + c] * p.x[c];
                        }
                        y[r] = acc;
                    }
                    p.expectedY = y;
                    p.inFlight++;
                    inFlight.add(new Pending(h, p, start, fabricFree));
                } catch (ResidencyException e) {
                    // Pinned blocks leave no room to rehydrate an operand: refused, nothing pinned.
                    assertEquals(DeviceStatus.ERR_BUSY, e.status());
                    assertArrayEquals(pinsBefore, pins(dev, p));
                    busyRefusals++;
                }
            } else if (op == 4) {
                now += rnd.nextInt(40);
                dev.advanceTo(now);
            } else if (op == 5 && !inFlight.isEmpty()) {
                Pending t = inFlight.stream().skip(rnd.nextInt(inFlight.size())).findFirst().orElseThrow();
                Completion c = dev.wait(t.handle);
                now = Math.max(now, t.end);
                assertEquals(t.end, c.endCycle());
            } else if (op == 6 && !problems.isEmpty()) {
                Problem p = problems.get(rnd.nextInt(problems.size()));
                int[] x = trits(rnd, p.cols);
                if (p.inFlight > 0) {
                    expectBusy(() -> dev.write(p.xb, x));
                } else {
                    try {
                        dev.write(p.xb, x);
                        p.x = x;
                    } catch (ResidencyException e) {
                        assertEquals(DeviceStatus.ERR_BUSY, e.status());
                    }
                }
            } else if (op == 7 && !problems.isEmpty()) {
                Problem p = problems.get(rnd.nextInt(problems.size()));
                if (p.inFlight > 0) {
                    expectBusy(() -> dev.read(p.yb));
                } else {
                    assertArrayEquals(p.expectedY, dev.read(p.yb));
                }
            } else if (op == 8 && !problems.isEmpty()) {
                Problem p = problems.get(rnd.nextInt(problems.size()));
                if (p.inFlight > 0) {
                    expectBusy(() -> dev.free(p.wb));
                } else {
                    dev.free(p.wb);
                    dev.free(p.xb);
                    dev.free(p.yb);
                    problems.remove(p);
                }
            }
            // Shadow completion: FIFO, exactly when the clock reaches the end.
            while (!inFlight.isEmpty() && inFlight.peekFirst().end <= now) {
                Pending t = inFlight.removeFirst();
                t.problem.inFlight--;
                Completion c = dev.wait(t.handle);
                assertEquals(t.start, c.startCycle());
                assertEquals(t.end, c.endCycle());
                misses += c.telemetry().residencyMisses();
                log.append(t.handle.id()).append('@').append(c.endCycle()).append(':')
                        .append(c.telemetry()).append('\n');
            }
            assertEquals(now, dev.now());
            for (Pending t : inFlight) {
                assertEquals(DeviceStatus.PENDING, dev.status(t.handle), "task " + t.handle);
            }
            for (Problem p : problems) {
                for (long b : new long[] {p.wb, p.xb, p.yb}) {
                    assertEquals(p.inFlight, dev.pins(b), "pins of buffer " + b + " at step " + step);
                    if (p.inFlight > 0) {
                        assertTrue(dev.isResident(b), "busy buffer " + b + " evicted at step " + step);
                    }
                }
            }
        }
        dev.advanceTo(dev.idleAt());
        for (Problem p : problems) {
            assertArrayEquals(p.expectedY, dev.read(p.yb));
        }
        // The run must have exercised what it claims to test.
        assertTrue(dev.poolStats().evictions() > 100, "evictions " + dev.poolStats().evictions());
        assertTrue(misses > 100, "rehydrations " + misses);
        assertTrue(busyRefusals > 0, "no refusal by pinned blocks");
        return log.toString();
    }

    /** A new problem, or null if pinned blocks leave no room (then nothing stays allocated). */
    private static Problem create(FabricDevice dev, SplitMix64 rnd) {
        int rows = 1 + rnd.nextInt(12);
        int cols = 1 + rnd.nextInt(30);
        int[] w = trits(rnd, rows * cols);
        int[] x = trits(rnd, cols);
        List<Long> made = new ArrayList<>();
        try {
            made.add(dev.createTrits(w));
            made.add(dev.createTrits(x));
            made.add(dev.createInts(rows));
            return new Problem(rows, cols, w, x, made.get(0), made.get(1), made.get(2));
        } catch (ResidencyException e) {
            assertEquals(DeviceStatus.ERR_BUSY, e.status());
            for (long b : made) {
                dev.free(b);
            }
            return null;
        }
    }

    private static int[] pins(FabricDevice dev, Problem p) {
        return new int[] {dev.pins(p.wb), dev.pins(p.xb), dev.pins(p.yb)};
    }

    private static int[] trits(SplitMix64 rnd, int n) {
        int[] t = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = rnd.nextInt(3) - 1;
        }
        return t;
    }

    private static void expectBusy(Runnable call) {
        try {
            call.run();
            fail("a call on a pinned buffer was accepted");
        } catch (DeviceException e) {
            assertEquals(DeviceStatus.ERR_BUSY, e.status());
        }
    }
}

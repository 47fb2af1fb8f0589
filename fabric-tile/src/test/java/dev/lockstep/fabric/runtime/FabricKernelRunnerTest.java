package dev.lockstep.fabric.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.device.FabricShape;
import dev.lockstep.fabric.telemetry.KernelTelemetry;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** The device backed by the kernel mappers: same outputs as plain arithmetic, telemetry in bytes. */
class FabricKernelRunnerTest {
    private static final long POOL = 64 * 4096L;

    @Test
    void aSmallGemvOnOneTileByHand() {
        // W = [[1, -1, 0], [0, 1, 1]], x = [1, 0, -1]: y = [1, -1] (FabricDeviceTest).
        for (FabricKernelRunner runner : new FabricKernelRunner[] {FabricKernelRunner.tile(), FabricKernelRunner.pe()}) {
            FabricDevice dev = new FabricDevice(FabricShape.DEFAULT, POOL, runner);
            long w = dev.createTrits(new int[] {1, -1, 0, 0, 1, 1});
            long x = dev.createTrits(new int[] {1, 0, -1});
            long y = dev.createInts(2);
            Completion c = dev.wait(dev.submit(FabricDeviceTest.tfd(3, Hints.OP_TGEMM | Hints.ZERO_SKIP, 15, 0x1), w, x, y));
            assertArrayEquals(new int[] {1, -1}, dev.read(y));
            // One tile, one pass of 2 rows: LANE_COUNT trims to 2 lanes, so 2 x 3 = 6 MACs, 4 with a
            // zero operand. Host loads: 3 weight words + 3 input words = 6 words = 18 bytes read;
            // 2 results = 8 bytes written; one frame of D = 3 takes 3 + 3 = 6 edges; w, x, y resident.
            assertEquals(new KernelTelemetry(6, 4, 18, 8, 0, 3, 0, 6), c.telemetry());
        }
    }

    @Test
    void randomKernelsAgreeWithPlainArithmeticAtBothFidelities() {
        SplitMix64 random = new SplitMix64(31);
        for (int k = 0; k < 6; k++) {
            int rows = 1 + random.nextInt(130);
            int cols = 1 + random.nextInt(90);
            int[] w = trits(random, rows * cols);
            int[] x = trits(random, cols);
            int[] carried = new int[rows];
            for (int r = 0; r < rows; r++) {
                carried[r] = random.nextInt(201) - 100;
            }
            int hints = Hints.OP_LSTM | Hints.ZERO_SKIP | (k % 2 == 0 ? Hints.BIAS_EN : 0);
            int mask = 1 + random.nextInt(15);
            int lanes = 1 + random.nextInt(15);
            int[][] outputs = new int[3][];
            KernelTelemetry[] telemetry = new KernelTelemetry[3];
            KernelRunner[] runners = {new PlainKernelRunner(), FabricKernelRunner.tile(), FabricKernelRunner.pe()};
            for (int i = 0; i < runners.length; i++) {
                FabricDevice dev = new FabricDevice(FabricShape.DEFAULT, POOL, runners[i]);
                long wb = dev.createTrits(w);
                long xb = dev.createTrits(x);
                long yb = dev.createInts(rows);
                dev.write(yb, carried);
                Completion c = dev.wait(dev.submit(FabricDeviceTest.tfd(cols, hints, lanes, mask), wb, xb, yb));
                outputs[i] = dev.read(yb);
                telemetry[i] = c.telemetry();
            }
            assertArrayEquals(outputs[0], outputs[1], "tile vs plain, kernel " + k);
            assertArrayEquals(outputs[0], outputs[2], "pe vs plain, kernel " + k);
            assertEquals(telemetry[1], telemetry[2], "telemetry tile == pe, kernel " + k);
        }
    }

    private static int[] trits(SplitMix64 random, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(3) - 1;
        }
        return v;
    }
}

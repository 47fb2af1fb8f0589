package dev.lockstep.fabric.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.Hints;
import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.device.FabricShape;
import dev.lockstep.fabric.device.Tfd;
import dev.lockstep.fabric.device.TfdException;
import dev.lockstep.fabric.residency.ResidencyException;
import dev.lockstep.fabric.telemetry.KernelTelemetry;
import org.junit.jupiter.api.Test;

class FabricDeviceTest {
    private static final long PAGE = 4096;
    // W = [[1, -1, 0], [0, 1, 1]], x = [1, 0, -1]: y0 = 1 + 0 + 0 = 1, y1 = 0 + 0 - 1 = -1.
    private static final int[] W = {1, -1, 0, 0, 1, 1};
    private static final int[] X = {1, 0, -1};

    static Tfd tfd(int cols, int hints, int laneCount, int tileMask) {
        return new Tfd(0, cols, Tfd.PACK_PT5, laneCount, 1, 0, hints, Tfd.VERSION_1, tileMask);
    }

    static Tfd gemv(int cols) {
        return tfd(cols, Hints.OP_TGEMM | Hints.ZERO_SKIP, 15, 0x0F);
    }

    private static FabricDevice device(long pages) {
        return new FabricDevice(FabricShape.DEFAULT, pages * PAGE, new PlainKernelRunner());
    }

    @Test
    void oneGemvFromSubmitToCompletion() {
        FabricDevice dev = device(32);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        TaskHandle h = dev.submit(gemv(3), w, x, y);
        assertEquals(new TaskHandle(1), h);
        // 2 rows on 60 lanes: one pass of 3 + 3 = 6 cycles, starting at once.
        assertEquals(DeviceStatus.PENDING, dev.status(h));
        assertEquals(1, dev.pins(w));
        Completion c = dev.wait(h);
        assertEquals(DeviceStatus.OK, c.status());
        assertEquals(DeviceStatus.OK, dev.status(h));
        assertEquals("TGEMM", c.kernel());
        assertEquals(0, c.startCycle());
        assertEquals(6, c.endCycle());
        assertEquals(6, dev.now());
        assertArrayEquals(new int[] {1, -1}, dev.read(y));
        // 6 MACs; zero operand in (0,1) x=0, (0,2) w=0, (1,0) w=0, (1,1) x=0: 4 skips, 2 active.
        // Reads ceil(6/5) + ceil(3/5) = 3 bytes, writes 4 x 2 = 8; w, x, y all resident: 3 hits.
        assertEquals(new KernelTelemetry(6, 4, 3, 8, 0, 3, 0, 6), c.telemetry());
        // Cost 2 + 5 x 3 + 8 x 8 = 81; economic efficiency 2 / 81.
        assertEquals(81.0, c.cost());
        assertEquals(2 / 81.0, c.economicEfficiency());
        assertSame(c, dev.wait(h));
        assertEquals(0, dev.pins(w));
    }

    @Test
    void tasksRunBackToBackAndCompleteInOrder() {
        FabricDevice dev = device(32);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        long w2 = dev.createTrits(new int[20]);
        long x2 = dev.createTrits(new int[10]);
        long y2 = dev.createInts(2);
        TaskHandle t1 = dev.submit(gemv(3), w, x, y);
        TaskHandle t2 = dev.submit(gemv(10), w2, x2, y2);
        TaskHandle t3 = dev.submit(gemv(3), w, x, y);
        // t1 [0, 6); t2 (cols 10: 13 cycles) [6, 19); t3 [19, 25).
        dev.advanceTo(10);
        assertEquals(DeviceStatus.OK, dev.status(t1));
        assertEquals(DeviceStatus.PENDING, dev.status(t2));
        TaskHandle t4 = dev.submit(gemv(3), w, x, y);
        Completion c3 = dev.wait(t3);
        assertEquals(19, c3.startCycle());
        assertEquals(25, c3.endCycle());
        assertEquals(DeviceStatus.OK, dev.status(t2));
        assertEquals(DeviceStatus.PENDING, dev.status(t4));
        // t4 was submitted at 10 but the fabric is busy until 25: [25, 31).
        Completion c4 = dev.wait(t4);
        assertEquals(10, c4.submitCycle());
        assertEquals(25, c4.startCycle());
        assertEquals(31, c4.endCycle());
        // An idle fabric starts a task at the host's clock.
        dev.advanceTo(100);
        Completion c5 = dev.wait(dev.submit(gemv(3), w, x, y));
        assertEquals(100, c5.startCycle());
        assertEquals(106, dev.now());
    }

    @Test
    void pinsAreReleasedAtCompletionNotAtWait() {
        FabricDevice dev = device(32);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        TaskHandle h = dev.submit(gemv(3), w, x, y);
        assertEquals(DeviceStatus.ERR_BUSY, assertThrows(DeviceException.class, () -> dev.write(x, X)).status());
        assertEquals(DeviceStatus.ERR_BUSY, assertThrows(DeviceException.class, () -> dev.free(w)).status());
        assertEquals("read: buffer 3 is in use by 1 in-flight task(s) (ERR_BUSY 4)",
                assertThrows(DeviceException.class, () -> dev.read(y)).getMessage());
        dev.advanceTo(6);
        // Nobody waited, yet the task is complete and unpinned (the original unpinned only on wait).
        assertEquals(DeviceStatus.OK, dev.status(h));
        assertEquals(0, dev.pins(w));
        assertEquals(0, dev.pins(x));
        assertEquals(0, dev.pins(y));
        dev.write(x, new int[] {1, 1, 1});
        assertArrayEquals(new int[] {1, -1}, dev.read(y));
    }

    @Test
    void busyBlocksAreNeverEvictedAndEvictedOnesAreRehydrated() {
        // Three pages: w, x and y take one each.
        FabricDevice dev = device(3);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        TaskHandle h = dev.submit(gemv(3), w, x, y);
        ResidencyException full = assertThrows(ResidencyException.class, () -> dev.createInts(1));
        assertEquals(DeviceStatus.ERR_BUSY, full.status());
        dev.wait(h);
        // LRU after the task's accesses w, x, y: w is the victim.
        long z = dev.createInts(1);
        assertFalse(dev.isResident(w));
        assertTrue(dev.isResident(x));
        dev.free(z);
        Completion again = dev.wait(dev.submit(gemv(3), w, x, y));
        assertArrayEquals(new int[] {1, -1}, dev.read(y));
        // One miss (w) re-packed: ceil(6/5) = 2 bytes written on top of the 8 result bytes; 2 hits.
        assertEquals(new KernelTelemetry(6, 4, 3, 10, 0, 2, 1, 6), again.telemetry());
        // 2 + 5 x 3 + 8 x 10 + 6 x 1 = 103.
        assertEquals(103.0, again.cost());
        assertEquals(1, dev.poolStats().evictions());
    }

    @Test
    void aBlockEvictedWithoutItsHostCopyIsAnErrorToItsOwner() {
        FabricDevice dev = device(3);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        dev.wait(dev.submit(gemv(3), w, x, y));
        dev.releaseHostCopy(w);
        // Still resident: the device copy serves reads.
        assertArrayEquals(W, dev.read(w));
        long z = dev.createInts(1);
        dev.free(z);
        DeviceException e = assertThrows(DeviceException.class, () -> dev.submit(gemv(3), w, x, y));
        assertEquals(DeviceStatus.ERR_ADDR, e.status());
        assertEquals("submit weights: buffer 1 was evicted after its host copy was released; it cannot be "
                + "rehydrated (ERR_ADDR 2)", e.getMessage());
        assertEquals(0, dev.pins(x));
        assertEquals(DeviceStatus.ERR_ADDR, assertThrows(DeviceException.class, () -> dev.read(w)).status());
        dev.free(w);
        assertEquals(DeviceStatus.ERR_ADDR, assertThrows(DeviceException.class, () -> dev.read(w)).status());
    }

    @Test
    void biasEnChainsThroughTheOutputBufferEvenBeforeCompletion() {
        FabricDevice dev = device(32);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        Tfd lstm = tfd(3, Hints.OP_LSTM | Hints.BIAS_EN, 15, 0x01);
        // Three steps queued without waiting: each starts from the previous one's results: y = 3 W x.
        dev.submit(lstm, w, x, y);
        dev.submit(lstm, w, x, y);
        TaskHandle last = dev.submit(lstm, w, x, y);
        assertEquals(3, dev.pins(y));
        dev.wait(last);
        assertArrayEquals(new int[] {3, -3}, dev.read(y));
    }

    @Test
    void refusedSubmissionsQueueAndPinNothing() {
        FabricDevice dev = device(32);
        long w = dev.createTrits(W);
        long x = dev.createTrits(X);
        long y = dev.createInts(2);
        TfdException bad = assertThrows(TfdException.class,
                () -> dev.submit(tfd(3, Hints.OP_TGEMM, 16, 0x01), w, x, y));
        assertEquals(DeviceStatus.ERR_ADDR, bad.status());
        DeviceException size = assertThrows(DeviceException.class, () -> dev.submit(gemv(4), w, x, y));
        assertEquals("submit: weights buffer 1 holds 6 trits, the kernel needs 8 (2 x 4) (ERR_ADDR 2)",
                size.getMessage());
        DeviceException kind = assertThrows(DeviceException.class, () -> dev.submit(gemv(3), w, x, w));
        assertEquals("submit: outputs buffer 1 holds TRITS, the kernel needs INT32 (ERR_ADDR 2)", kind.getMessage());
        assertEquals("submit weights: unknown or freed buffer 99 (ERR_ADDR 2)",
                assertThrows(DeviceException.class, () -> dev.submit(gemv(3), 99, x, y)).getMessage());
        assertEquals(0, dev.pins(w));
        assertEquals(0, dev.pins(y));
        assertEquals(DeviceStatus.ERR_ADDR,
                assertThrows(DeviceException.class, () -> dev.status(new TaskHandle(1))).status());
        assertEquals(DeviceStatus.ERR_PACK,
                assertThrows(DeviceException.class, () -> dev.createTrits(new int[] {2})).status());
        assertEquals(DeviceStatus.ERR_ADDR,
                assertThrows(DeviceException.class, () -> dev.read(99)).status());
    }
}

package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.device.FabricShape;
import dev.lockstep.fabric.device.Tfd;
import dev.lockstep.fabric.residency.ResidencyPool;
import dev.lockstep.fabric.residency.ResidencyStats;
import dev.lockstep.fabric.telemetry.KernelTelemetry;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One fabric instance behind the device contract (docs/fabric-device.md): buffers with a host copy and a
 * PT-5 device copy in a {@link ResidencyPool}, and an asynchronous task queue in simulated time.
 *
 * <p>Queue semantics. {@link #submit} validates the descriptor, makes the operands resident (re-packing
 * evicted ones from their host copies), pins them and returns a handle at once. The fabric runs tasks one
 * after another in submission order, back to back: a task starts at the later of its submission and the
 * previous task's end, and occupies the fabric for its kernel's cycles. Completion is therefore FIFO. The
 * host's clock ({@link #now}) moves only when the host waits ({@link #wait}) or lets time pass
 * ({@link #advanceTo}); every task whose end is reached then completes, its results land in the output
 * buffer and its pins are released, whether or not anyone waits for it. Nothing sleeps: the same calls
 * give the same cycles and results on every run.
 *
 * <p>The kernel is computed when it is submitted, from the device copies of its operands and, for the
 * output buffer's carried values (BIAS_EN), from the results the tasks queued before it will leave there.
 * That is equivalent to computing it when it starts: a pinned buffer cannot be written or freed by the
 * host until its tasks complete, and tasks run in submission order. Not thread-safe: one host drives a device, as one orchestrator drives an instance.
 */
public final class FabricDevice {
    private final FabricShape shape;
    private final KernelRunner runner;
    private final ResidencyPool pool;
    private final Map<Long, DeviceBuffer> buffers = new HashMap<>();
    private final ArrayDeque<Task> inFlight = new ArrayDeque<>();
    private final Map<Long, Completion> completed = new HashMap<>();
    private long nextTask = 1;
    private long now;
    private long fabricFreeAt;

    /** A submitted task until it completes. */
    private record Task(TaskHandle handle, String kernel, DeviceBuffer[] pinned, DeviceBuffer output,
                        int[] results, KernelTelemetry telemetry, long submit, long start, long end) {
    }

    /** A device with the default 128 MiB pool. */
    public FabricDevice(FabricShape shape, KernelRunner runner) {
        this(shape, ResidencyPool.DEFAULT_CAPACITY_BYTES, runner);
    }

    /** @param poolBytes fabric memory: a positive multiple of {@link ResidencyPool#PAGE_BYTES} */
    public FabricDevice(FabricShape shape, long poolBytes, KernelRunner runner) {
        if (shape == null || runner == null) {
            throw new NullPointerException(shape == null ? "shape" : "runner");
        }
        this.shape = shape;
        this.runner = runner;
        this.pool = new ResidencyPool(poolBytes, this::evicted);
    }

    /** A trit buffer (weights, inputs) holding a copy of {@code trits}; returns its id. */
    public long createTrits(int[] trits) {
        requireTrits(trits);
        return create(BufferKind.TRITS, trits);
    }

    /** An int32 buffer (results, LSTM state) of {@code length} zeros; returns its id. */
    public long createInts(int length) {
        return create(BufferKind.INT32, new int[length]);
    }

    /**
     * A host write: replaces a buffer's values (same length) in both copies and makes it most recently
     * used. ERR_BUSY while in-flight work pins it.
     */
    public void write(long buffer, int[] values) {
        DeviceBuffer b = idle(buffer, "write");
        if (values.length != b.length) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, "write: buffer " + buffer + " holds " + b.length
                    + " values, got " + values.length);
        }
        if (b.kind == BufferKind.TRITS) {
            requireTrits(values);
        }
        if (!b.resident()) {
            pool.rehydrate(buffer);
        }
        b.write(values);
        pool.touch(buffer);
    }

    /** The buffer's values as the host sees them. ERR_BUSY while in-flight work will still write it. */
    public int[] read(long buffer) {
        DeviceBuffer b = idle(buffer, "read");
        return b.hasHostCopy() ? b.hostCopy() : b.decodeDevice();
    }

    /**
     * The owner drops its host copy: the buffer lives on in fabric memory only, and if the pool evicts it
     * the data is lost, which its next use reports as ERR_ADDR.
     */
    public void releaseHostCopy(long buffer) {
        buffer(buffer, "releaseHostCopy").releaseHostCopy();
    }

    /** Frees a buffer. ERR_BUSY while in-flight work pins it. */
    public void free(long buffer) {
        notPinned(buffer(buffer, "free"), "free");
        pool.free(buffer);
        buffers.remove(buffer);
    }

    /** Pins on a buffer: the number of in-flight uses (0 when it is evicted). */
    public int pins(long buffer) {
        buffer(buffer, "pins");
        return pool.isResident(buffer) ? pool.pins(buffer) : 0;
    }

    /** Whether the buffer's device copy is in fabric memory. */
    public boolean isResident(long buffer) {
        buffer(buffer, "isResident");
        return pool.isResident(buffer);
    }

    /**
     * Queues a kernel: y (rows int32) from W (rows x cols trits) and x (cols trits), with cols = the
     * descriptor's {@code frame_len}. Returns at once; the task completes in simulated time.
     *
     * @throws dev.lockstep.fabric.device.TfdException a refused descriptor (ERR_PACK or ERR_ADDR)
     * @throws DeviceException ERR_ADDR for an unknown, freed or lost buffer or one of the wrong kind or
     *         size; ERR_BUSY if an operand cannot be made resident because pinned blocks fill the pool.
     *         Nothing is queued or pinned then.
     */
    public TaskHandle submit(Tfd tfd, long weights, long inputs, long outputs) {
        tfd.validate(shape);
        int cols = (int) tfd.frameLen();
        DeviceBuffer y = operand(outputs, "outputs", BufferKind.INT32);
        int rows = y.length;
        DeviceBuffer w = operand(weights, "weights", BufferKind.TRITS);
        DeviceBuffer x = operand(inputs, "inputs", BufferKind.TRITS);
        requireLength(w, "weights", (long) rows * cols, rows + " x " + cols);
        requireLength(x, "inputs", cols, "frame_len " + cols);

        DeviceBuffer[] operands = {w, x, y};
        long hits = 0;
        long misses = 0;
        long repack = 0;
        int pinned = 0;
        KernelResult r;
        try {
            for (DeviceBuffer b : operands) {
                if (pool.lookup(b.handle)) {
                    hits++;
                } else {
                    misses++;
                    pool.rehydrate(b.handle);
                    repack += b.rehydrate();
                }
                // Pin at once: making the next operand resident must not evict this one.
                pool.pin(b.handle);
                pinned++;
            }
            r = runner.run(new KernelRequest(tfd, rows, cols, w.decodeDevice(), x.decodeDevice(),
                    y.valuesForNextTask()));
            if (r.outputs().length != rows) {
                throw new IllegalStateException("kernel runner returned " + r.outputs().length
                        + " outputs for " + rows + " rows");
            }
        } catch (RuntimeException e) {
            // A refused submission leaves nothing pinned.
            for (int k = 0; k < pinned; k++) {
                pool.unpin(operands[k].handle);
            }
            throw e;
        }
        KernelTelemetry t = r.telemetry().withResidency(hits, misses, repack);
        long start = Math.max(now, fabricFreeAt);
        fabricFreeAt = start + t.cycles();
        int[] results = r.outputs().clone();
        y.willWrite(results);
        TaskHandle h = new TaskHandle(nextTask++);
        inFlight.add(new Task(h, tfd.hints().kernelName(), operands, y, results, t, now, start,
                fabricFreeAt));
        retire();
        return h;
    }

    /** OK once the task has completed, PENDING before. ERR_ADDR for a handle this device never issued. */
    public DeviceStatus status(TaskHandle handle) {
        known(handle);
        return completed.containsKey(handle.id()) ? DeviceStatus.OK : DeviceStatus.PENDING;
    }

    /**
     * Blocks, in simulated time, until the task completes: the host's clock moves to the task's end
     * (never backwards), completing it and every task before it. Waiting again returns the same completion.
     */
    public Completion wait(TaskHandle handle) {
        known(handle);
        Completion c = completed.get(handle.id());
        if (c != null) {
            return c;
        }
        for (Task t : inFlight) {
            if (t.handle.equals(handle)) {
                advanceTo(t.end);
                break;
            }
        }
        return completed.get(handle.id());
    }

    /** Lets the host's clock run to {@code cycle} (if later than now), completing what ends by then. */
    public void advanceTo(long cycle) {
        now = Math.max(now, cycle);
        retire();
    }

    /** The host's clock, in fabric cycles. */
    public long now() {
        return now;
    }

    /** The cycle at which the fabric has finished everything submitted so far. */
    public long idleAt() {
        return Math.max(now, fabricFreeAt);
    }

    public ResidencyStats poolStats() {
        return pool.stats();
    }

    public FabricShape shape() {
        return shape;
    }

    private long create(BufferKind kind, int[] values) {
        if (values.length == 0) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, "create: a buffer needs at least one value");
        }
        long handle = pool.allocate(kind.deviceBytes(values.length));
        buffers.put(handle, new DeviceBuffer(handle, kind, values));
        return handle;
    }

    /** Completes, in order, every in-flight task that has ended by now. */
    private void retire() {
        while (!inFlight.isEmpty() && inFlight.peekFirst().end <= now) {
            Task t = inFlight.removeFirst();
            t.output.deliver(t.results);
            for (DeviceBuffer b : t.pinned) {
                pool.unpin(b.handle);
            }
            completed.put(t.handle.id(), new Completion(t.handle, DeviceStatus.OK, t.kernel, t.telemetry,
                    t.submit, t.start, t.end));
        }
    }

    private void evicted(long handle, long address, long sizeBytes) {
        DeviceBuffer b = buffers.get(handle);
        if (b != null) {
            b.evicted();
        }
    }

    private DeviceBuffer operand(long id, String role, BufferKind kind) {
        DeviceBuffer b = buffers.get(id);
        if (b == null) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, "submit " + role + ": unknown or freed buffer " + id);
        }
        if (b.kind != kind) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, "submit: " + role + " buffer " + id + " holds "
                    + b.kind + ", the kernel needs " + kind);
        }
        if (b.lost()) {
            throw lost(id, "submit " + role);
        }
        return b;
    }

    private static void requireLength(DeviceBuffer b, String role, long needed, String why) {
        if (b.length != needed) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, "submit: " + role + " buffer " + b.handle
                    + " holds " + b.length + " trits, the kernel needs " + needed + " (" + why + ")");
        }
    }

    /** A buffer no in-flight work uses and whose data still exists. */
    private DeviceBuffer idle(long id, String call) {
        DeviceBuffer b = notPinned(buffer(id, call), call);
        if (b.lost()) {
            throw lost(id, call);
        }
        return b;
    }

    private DeviceBuffer notPinned(DeviceBuffer b, String call) {
        if (b.resident() && pool.pins(b.handle) > 0) {
            throw new DeviceException(DeviceStatus.ERR_BUSY, call + ": buffer " + b.handle + " is in use by "
                    + pool.pins(b.handle) + " in-flight task(s)");
        }
        return b;
    }

    private DeviceBuffer buffer(long id, String call) {
        DeviceBuffer b = buffers.get(id);
        if (b == null) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, call + ": unknown or freed buffer " + id);
        }
        return b;
    }

    private static DeviceException lost(long id, String call) {
        return new DeviceException(DeviceStatus.ERR_ADDR, call + ": buffer " + id
                + " was evicted after its host copy was released; it cannot be rehydrated");
    }

    private static void requireTrits(int[] values) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] < -1 || values[k] > 1) {
                throw new DeviceException(DeviceStatus.ERR_PACK, "trit buffer: value " + values[k]
                        + " at index " + k + " is not a trit (-1, 0 or +1)");
            }
        }
    }

    private void known(TaskHandle handle) {
        if (handle == null || handle.id() < 1 || handle.id() >= nextTask) {
            throw new DeviceException(DeviceStatus.ERR_ADDR, "unknown task " + handle);
        }
    }
}

package dev.lockstep.fabric.runtime;

import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;

/**
 * One buffer's two copies: the host copy (the values, authoritative) and the device copy (the bytes
 * in fabric memory, gone while the pool has the block evicted). The host copy may be released by its
 * owner; a buffer evicted without one is lost, and says so on its next use.
 */
final class DeviceBuffer {
    final long handle;
    final BufferKind kind;
    final int length;
    private int[] host;
    private byte[] device;
    private boolean lost;
    /** The values the last in-flight task writing this buffer will leave; null when none is in flight. */
    private int[] pending;

    DeviceBuffer(long handle, BufferKind kind, int[] values) {
        this.handle = handle;
        this.kind = kind;
        this.length = values.length;
        this.host = values.clone();
        this.device = encode(kind, host);
    }

    boolean hasHostCopy() {
        return host != null;
    }

    boolean resident() {
        return device != null;
    }

    boolean lost() {
        return lost;
    }

    int[] hostCopy() {
        return host.clone();
    }

    /** A host write: both copies take the new values. */
    void write(int[] values) {
        host = values.clone();
        device = encode(kind, host);
    }

    /**
     * The values a task submitted now reads: what the in-flight tasks before it will have written, else
     * the device copy. Tasks run in submission order, so a later task sees every earlier task's results.
     */
    int[] valuesForNextTask() {
        return pending != null ? pending.clone() : decodeDevice();
    }

    /** A submitted task will write {@code values} here when it completes. */
    void willWrite(int[] values) {
        pending = values;
    }

    /** Results of a completed task: into the device copy, and into the host copy if there is one. */
    void deliver(int[] values) {
        device = encode(kind, values);
        if (host != null) {
            host = values.clone();
        }
        if (pending == values) {
            pending = null;
        }
    }

    void releaseHostCopy() {
        host = null;
    }

    /** The pool evicted the block: the device copy is gone; without a host copy, so is the data. */
    void evicted() {
        device = null;
        lost = host == null;
    }

    /** Re-packs the device copy from the host copy; returns the bytes written to fabric memory. */
    long rehydrate() {
        device = encode(kind, host);
        return device.length;
    }

    /** The values as the fabric reads them: decoded from the device copy. */
    int[] decodeDevice() {
        if (kind == BufferKind.TRITS) {
            return Pt5Codec.unpack(device, length, Pt5Options.DEFAULT);
        }
        int[] out = new int[length];
        for (int k = 0; k < length; k++) {
            out[k] = device[4 * k] & 0xFF | (device[4 * k + 1] & 0xFF) << 8 | (device[4 * k + 2] & 0xFF) << 16
                    | device[4 * k + 3] << 24;
        }
        return out;
    }

    private static byte[] encode(BufferKind kind, int[] values) {
        if (kind == BufferKind.TRITS) {
            return Pt5Codec.pack(values, Pt5Mapping.A);
        }
        byte[] out = new byte[4 * values.length];
        for (int k = 0; k < values.length; k++) {
            int v = values[k];
            out[4 * k] = (byte) v;
            out[4 * k + 1] = (byte) (v >>> 8);
            out[4 * k + 2] = (byte) (v >>> 16);
            out[4 * k + 3] = (byte) (v >>> 24);
        }
        return out;
    }
}

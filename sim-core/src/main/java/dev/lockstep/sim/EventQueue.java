package dev.lockstep.sim;

import java.util.Arrays;

/**
 * Pending events in a 4-ary min-heap over primitive arrays, keyed by (time, order), where order packs
 * the phase above a unique insertion sequence, so ties never reach the payload and firing order is
 * fully determined.
 *
 * <p>Why 4-ary: the four children of a node are adjacent, so their keys (16 bytes each, time and
 * order interleaved in one array) share a cache line, and the heap is half as deep as a binary one.
 * The payload (handler, arg) sits in separate arrays that are touched only when an entry moves.
 *
 * <p>Why the fired event stays in the root: almost every handler schedules a follow-up event. The
 * first push after {@link #takeRoot()} overwrites the root and sifts it down once, instead of a
 * removal plus an insertion; {@link #finishFire()} removes the root only if nothing replaced it.
 */
final class EventQueue {
    private long[] keys = new long[2 * 256];
    private long[] args = new long[256];
    private int[] handlers = new int[256];
    private int size;
    private boolean rootFired;

    long firedTime;
    long firedOrder;
    int firedHandler;
    long firedArg;

    /** Pending events, not counting one being fired. */
    int size() {
        return rootFired ? size - 1 : size;
    }

    /** Time of the earliest pending event; only when {@link #size()} > 0 and no event is being fired. */
    long peekTime() {
        return keys[0];
    }

    void push(long time, long order, int handler, long arg) {
        if (rootFired) {
            rootFired = false;
            siftDown(0, time, order, handler, arg);
            return;
        }
        if (size == handlers.length) {
            grow();
        }
        siftUp(size++, time, order, handler, arg);
    }

    /** Copies the earliest event into the fired fields; it keeps its slot until a push or finishFire. */
    void takeRoot() {
        firedTime = keys[0];
        firedOrder = keys[1];
        firedHandler = handlers[0];
        firedArg = args[0];
        rootFired = true;
    }

    void finishFire() {
        if (rootFired) {
            rootFired = false;
            int last = --size;
            if (last > 0) {
                siftDown(0, keys[2 * last], keys[2 * last + 1], handlers[last], args[last]);
            }
        }
    }

    private void siftUp(int i, long time, long order, int handler, long arg) {
        long[] k = keys;
        while (i > 0) {
            int p = (i - 1) >>> 2;
            long pt = k[2 * p];
            if (pt < time || (pt == time && k[2 * p + 1] < order)) {
                break;
            }
            k[2 * i] = pt;
            k[2 * i + 1] = k[2 * p + 1];
            handlers[i] = handlers[p];
            args[i] = args[p];
            i = p;
        }
        k[2 * i] = time;
        k[2 * i + 1] = order;
        handlers[i] = handler;
        args[i] = arg;
    }

    private void siftDown(int i, long time, long order, int handler, long arg) {
        long[] k = keys;
        int n = size;
        while (true) {
            int c = 4 * i + 1;
            if (c >= n) {
                break;
            }
            int end = Math.min(c + 4, n);
            int m = c;
            long mt = k[2 * c];
            long mo = k[2 * c + 1];
            for (int j = c + 1; j < end; j++) {
                long jt = k[2 * j];
                if (jt < mt || (jt == mt && k[2 * j + 1] < mo)) {
                    m = j;
                    mt = jt;
                    mo = k[2 * j + 1];
                }
            }
            if (time < mt || (time == mt && order < mo)) {
                break;
            }
            k[2 * i] = mt;
            k[2 * i + 1] = mo;
            handlers[i] = handlers[m];
            args[i] = args[m];
            i = m;
        }
        k[2 * i] = time;
        k[2 * i + 1] = order;
        handlers[i] = handler;
        args[i] = arg;
    }

    private void grow() {
        int cap = handlers.length * 2;
        keys = Arrays.copyOf(keys, 2 * cap);
        args = Arrays.copyOf(args, cap);
        handlers = Arrays.copyOf(handlers, cap);
    }
}

package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works out, once before a run, which earlier instructions each instruction must wait for: read
 * after write, write after read and write after write on the byte ranges they touch (so a stream
 * never starts before the data it reads has arrived, and a buffer is not refilled while something
 * still reads it), plus barriers.
 *
 * <p>Ranges are kept disjoint. A write replaces every range it overlaps by their union, written by
 * itself: that is safe because the writer already waits for everything those ranges recorded, so
 * whatever later waits for the writer also waits, transitively, for them.
 */
final class Dependencies {
    private static final class Range {
        final long start;
        long end;
        int writer = -1;
        int[] readers = new int[2];
        int readerCount;

        Range(long start, long end) {
            this.start = start;
            this.end = end;
        }

        void addReader(int i) {
            if (readerCount == readers.length) {
                readers = Arrays.copyOf(readers, readerCount * 2);
            }
            readers[readerCount++] = i;
        }
    }

    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private final IntSet current = new IntSet();

    /** deps[i]: indices of earlier instructions i waits for (without the queue order, which holds anyway). */
    static int[][] of(List<Instruction> program, int accBytes) {
        return new Dependencies().analyse(program, accBytes);
    }

    private int[][] analyse(List<Instruction> program, int accBytes) {
        int n = program.size();
        int[][] deps = new int[n][];
        int lastBarrier = -1;
        int sinceBarrier = 0;
        for (int i = 0; i < n; i++) {
            Instruction in = program.get(i);
            current.clear();
            if (lastBarrier >= 0) {
                current.add(lastBarrier);
            }
            switch (in.op()) {
                case BARRIER -> {
                    for (int j = sinceBarrier; j < i; j++) {
                        current.add(j);
                    }
                    lastBarrier = i;
                    sinceBarrier = i + 1;
                }
                case COMPUTE -> {
                    long aBytes = (long) in.rows() * in.depth() * in.elem();
                    long bBytes = (long) in.depth() * in.cols() * in.elem();
                    long cBytes = (long) in.rows() * in.cols() * accBytes;
                    access(in.src(), aBytes, false, i);
                    access(in.src2(), bBytes, false, i);
                    if (in.accumulate()) {
                        access(in.dst(), cBytes, false, i);
                    }
                    access(in.dst(), cBytes, true, i);
                }
                case SIGNAL, WAIT -> { }
                case DRAIN -> {
                    if (in.src2() != null) {
                        access(in.src2(), (long) in.cols() * in.elem(), false, i);
                    }
                    access(in.src(), in.sourceSpan(), false, i);
                    access(in.dst(), in.destinationSpan(), true, i);
                }
                default -> {
                    access(in.src(), in.sourceSpan(), false, i);
                    access(in.dst(), in.destinationSpan(), true, i);
                }
            }
            current.remove(i);
            deps[i] = current.toArray();
        }
        return deps;
    }

    private void access(long start, long length, boolean write, int self) {
        long end = start + length;
        List<Range> overlapping = new ArrayList<>();
        Map.Entry<Long, Range> floor = ranges.floorEntry(start);
        if (floor != null && floor.getValue().end > start) {
            overlapping.add(floor.getValue());
        }
        for (Range r : ranges.subMap(start, false, end, false).values()) {
            overlapping.add(r);
        }
        for (Range r : overlapping) {
            if (r.writer >= 0) {
                current.add(r.writer);
            }
            if (write) {
                for (int k = 0; k < r.readerCount; k++) {
                    current.add(r.readers[k]);
                }
            }
        }
        if (write) {
            long lo = start;
            long hi = end;
            for (Range r : overlapping) {
                lo = Math.min(lo, r.start);
                hi = Math.max(hi, r.end);
                ranges.remove(r.start);
            }
            Range w = new Range(lo, hi);
            w.writer = self;
            ranges.put(lo, w);
            return;
        }
        long cursor = start;
        for (Range r : overlapping) {
            r.addReader(self);
            if (r.start > cursor) {
                gap(cursor, r.start, self);
            }
            cursor = Math.max(cursor, r.end);
        }
        if (cursor < end) {
            gap(cursor, end, self);
        }
    }

    private void gap(long start, long end, int reader) {
        Range g = new Range(start, end);
        g.addReader(reader);
        ranges.put(start, g);
    }

    /** A small insertion-ordered set of ints (dependency lists are short). */
    private static final class IntSet {
        private int[] items = new int[16];
        private int size;

        void clear() {
            size = 0;
        }

        void add(int v) {
            for (int i = 0; i < size; i++) {
                if (items[i] == v) {
                    return;
                }
            }
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        void remove(int v) {
            for (int i = 0; i < size; i++) {
                if (items[i] == v) {
                    items[i] = items[--size];
                    return;
                }
            }
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}

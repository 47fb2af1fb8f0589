package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Dequant;
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
 *
 * <p>Compiled programs touch the same buffers over and over, each access exactly one existing range.
 * Since ranges are disjoint, a range starting where an access starts and ending where it ends is the
 * only one it overlaps, so such accesses are looked up by start address in a hash table (no tree
 * walk, no allocation); the others take the interval path.
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
    private final RangesByStart byStart = new RangesByStart();
    private final List<Range> overlapping = new ArrayList<>();
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
                case BM_DEQUANT -> {
                    access(in.src(), in.sourceSpan(), false, i);
                    if (in.src2() != null) {
                        access(in.src2(), in.scaleBytesRead(), false, i);
                    }
                    access(in.dst(), in.destinationSpan(), true, i);
                }
                case DRAIN -> {
                    if (in.src2() != null) {
                        access(in.src2(), (long) in.cols() * (in.scalesGroup() ? Dequant.SCALE_BYTES : in.elem()), false, i);
                    }
                    access(in.src(), in.sourceSpan(), false, i);
                    if (in.bias() != null) {
                        access(in.bias(), (long) in.cols() * 4, false, i);
                    }
                    if (in.scalesGroup() && in.accumulate()) {
                        access(in.dst(), in.destinationSpan(), false, i);
                    }
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
        Range exact = byStart.get(start);
        if (exact != null && exact.end == end) {
            if (exact.writer >= 0) {
                current.add(exact.writer);
            }
            if (write) {
                for (int k = 0; k < exact.readerCount; k++) {
                    current.add(exact.readers[k]);
                }
                exact.writer = self;
                exact.readerCount = 0;
            } else {
                exact.addReader(self);
            }
            return;
        }
        overlapping.clear();
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
                byStart.remove(r.start);
            }
            Range w = new Range(lo, hi);
            w.writer = self;
            put(w);
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
        put(g);
    }

    private void put(Range r) {
        ranges.put(r.start, r);
        byStart.put(r.start, r);
    }

    /** The ranges by start address: open addressing, linear probing, backward-shift removal. */
    private static final class RangesByStart {
        private long[] keys = new long[64];
        private Range[] values = new Range[64];
        private int size;

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & (keys.length - 1);
        }

        Range get(long key) {
            for (int i = slot(key); values[i] != null; i = (i + 1) & (keys.length - 1)) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return null;
        }

        void put(long key, Range value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int i = slot(key);
            while (values[i] != null && keys[i] != key) {
                i = (i + 1) & (keys.length - 1);
            }
            if (values[i] == null) {
                size++;
            }
            keys[i] = key;
            values[i] = value;
        }

        void remove(long key) {
            int mask = keys.length - 1;
            int i = slot(key);
            while (values[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (values[i] == null) {
                return;
            }
            size--;
            // Shift later entries of the probe run back so no lookup stops at the hole too early.
            int hole = i;
            for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
                int home = slot(keys[j]);
                boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
                if (movable) {
                    keys[hole] = keys[j];
                    values[hole] = values[j];
                    hole = j;
                }
            }
            values[hole] = null;
        }

        private void grow() {
            long[] oldKeys = keys;
            Range[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new Range[oldValues.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] != null) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
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

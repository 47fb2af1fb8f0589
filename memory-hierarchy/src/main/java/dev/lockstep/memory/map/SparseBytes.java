package dev.lockstep.memory.map;

import java.util.Arrays;

/**
 * The bytes of one region, allocated a page at a time on first write: a preset may declare tens of
 * gigabytes of external memory while a run touches megabytes. Untouched bytes read as zero.
 */
final class SparseBytes {
    static final int PAGE_BITS = 16;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;

    private final long capacity;
    private final byte[][] pages;

    SparseBytes(long capacity) {
        this.capacity = capacity;
        long count = (capacity + PAGE - 1) >>> PAGE_BITS;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("region of " + capacity + " bytes is too large to back");
        }
        this.pages = new byte[(int) count][];
    }

    long capacity() {
        return capacity;
    }

    void read(long offset, byte[] dst, int dstPos, int length) {
        while (length > 0) {
            int page = (int) (offset >>> PAGE_BITS);
            int in = (int) (offset & MASK);
            int n = Math.min(length, PAGE - in);
            byte[] p = pages[page];
            if (p == null) {
                Arrays.fill(dst, dstPos, dstPos + n, (byte) 0);
            } else {
                System.arraycopy(p, in, dst, dstPos, n);
            }
            offset += n;
            dstPos += n;
            length -= n;
        }
    }

    void write(long offset, byte[] src, int srcPos, int length) {
        while (length > 0) {
            int page = (int) (offset >>> PAGE_BITS);
            int in = (int) (offset & MASK);
            int n = Math.min(length, PAGE - in);
            byte[] p = pages[page];
            if (p == null) {
                p = new byte[(int) Math.min(PAGE, capacity - ((long) page << PAGE_BITS))];
                pages[page] = p;
            }
            System.arraycopy(src, srcPos, p, in, n);
            offset += n;
            srcPos += n;
            length -= n;
        }
    }
}

package dev.lockstep.memory.engine;

import dev.lockstep.memory.map.AddressMap;

/** Copies bytes between regions through one reusable buffer, so a 64 MB job needs no 64 MB array. */
final class Copier {
    private final byte[] buffer = new byte[1 << 16];

    void copy(AddressMap map, long from, long to, long bytes) {
        long off = 0;
        while (off < bytes) {
            int n = (int) Math.min(buffer.length, bytes - off);
            map.read(from + off, buffer, 0, n);
            map.write(to + off, buffer, 0, n);
            off += n;
        }
    }
}

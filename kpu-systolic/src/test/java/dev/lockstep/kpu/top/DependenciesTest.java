package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependenciesTest {

    /** One row of {@code bytes} bytes from src to dst. */
    private static Instruction move(Op op, long src, long dst, int bytes) {
        return Instruction.block(op, 0, src, dst, 1, bytes, 1, bytes, bytes);
    }

    private static int[] sorted(int[] deps) {
        int[] s = deps.clone();
        Arrays.sort(s);
        return s;
    }

    @Test
    void exactAndPartialOverlapsGiveTheHazardsTheByteRangesImply() {
        // Each expectation is the read-after-write, write-after-read and write-after-write hazards of
        // the byte ranges named next to it, worked out by hand.
        List<Instruction> p = List.of(
                move(Op.DMA_LOAD, 0x10000, 0, 64),      // 0: writes [0,64)
                move(Op.DMA_LOAD, 0x20000, 64, 64),     // 1: writes [64,128)
                move(Op.BM_MOVE, 32, 0x1000, 64),       // 2: reads [32,96): after 0 and 1
                move(Op.DMA_LOAD, 0x30000, 32, 64),     // 3: writes [32,96): after writers 0, 1 and reader 2
                move(Op.BM_MOVE, 0, 0x2000, 128),       // 4: reads [0,128): its last writers, 3 (and 0, 1 through 3)
                move(Op.FEED_ROWS, 64, 0x3000, 64),     // 5: reads [64,128): the same
                move(Op.DMA_LOAD, 0x40000, 0, 128),     // 6: writes [0,128): after writer 3 and readers 4, 5
                move(Op.BM_MOVE, 0x1000, 0x5000, 64));  // 7: reads what 2 wrote
        int[][] d = Dependencies.of(p, 4);
        int[][] expected = {{}, {}, {0, 1}, {0, 1, 2}, {3}, {3}, {3, 4, 5}, {2}};
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(expected[i], sorted(d[i]), "instruction " + i);
        }
    }

    @Test
    void manyBuffersEachDependOnlyOnTheirOwnWriterAndReaders() {
        // 300 disjoint 64-byte buffers (enough to grow the start-address table several times), each
        // written, read, then written again: the read waits for the first write (i), the second
        // write for the first write and the read (i, 300 + i).
        int count = 300;
        List<Instruction> p = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            p.add(move(Op.DMA_LOAD, 0x100000 + b * 64L, b * 64L, 64));
        }
        for (int b = 0; b < count; b++) {
            p.add(move(Op.BM_MOVE, b * 64L, 0x200000 + b * 64L, 64));
        }
        for (int b = 0; b < count; b++) {
            p.add(move(Op.DMA_LOAD, 0x300000 + b * 64L, b * 64L, 64));
        }
        int[][] d = Dependencies.of(p, 4);
        for (int b = 0; b < count; b++) {
            assertArrayEquals(new int[] {}, sorted(d[b]), "first write " + b);
            assertArrayEquals(new int[] {b}, sorted(d[count + b]), "read " + b);
            assertArrayEquals(new int[] {b, count + b}, sorted(d[2 * count + b]), "second write " + b);
        }
    }
}

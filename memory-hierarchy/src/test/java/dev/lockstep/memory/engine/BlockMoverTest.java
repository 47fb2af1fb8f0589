package dev.lockstep.memory.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.memory.MemoryAccessException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class BlockMoverTest {
    private static void putInt(Rig rig, long address, int value) {
        rig.map.write(address, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static int getInt(Rig rig, long address) {
        return ByteBuffer.wrap(rig.map.read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** Source element (r, c) of a block with the given pitch holds 1000 * r + c. */
    private static void fillBlock(Rig rig, int rows, int cols, int pitch) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                putInt(rig, Rig.L3 + 4L * (r * pitch + c), 1000 * r + c);
            }
        }
    }

    @Test
    void transposePutsEveryElementAtItsMirror() {
        Rig rig = new Rig(1);
        fillBlock(rig, 5, 7, 9);
        rig.mover("bm.0").submit(BlockMove.of(Rig.L3, 5, 7, 4, 9, Rig.L2, 6, BlockTransform.TRANSPOSE), CompletionListener.NONE, 0);
        rig.sim.run();
        // Output is 7 x 5 with pitch 6: element (c, r) = source (r, c) = 1000 r + c.
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 7; c++) {
                assertEquals(1000 * r + c, getInt(rig, Rig.L2 + 4L * (c * 6 + r)), "(" + r + "," + c + ")");
            }
        }
        // The pitch gap (column 5 of each output row) is untouched.
        assertEquals(0, getInt(rig, Rig.L2 + 4L * 5));
    }

    @Test
    void reshapeKeepsRowMajorOrderInTheNewShape() {
        Rig rig = new Rig(1);
        fillBlock(rig, 4, 6, 10);
        rig.mover("bm.0").submit(new BlockMove(Rig.L3, 4, 6, 4, 10, Rig.L2, 9, BlockTransform.RESHAPE, 3, 8),
                CompletionListener.NONE, 0);
        rig.sim.run();
        // Source element k = 6 r + c (row-major) goes to output (k / 8, k % 8), rows 9 apart.
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 6; c++) {
                int k = 6 * r + c;
                assertEquals(1000 * r + c, getInt(rig, Rig.L2 + 4L * ((k / 8) * 9 + k % 8)), "k=" + k);
            }
        }
    }

    @Test
    void identityMovesASubBlockBetweenPitches() {
        Rig rig = new Rig(1);
        fillBlock(rig, 3, 4, 8);
        rig.mover("bm.0").submit(BlockMove.of(Rig.L3, 3, 4, 4, 8, Rig.L2, 5, BlockTransform.IDENTITY), CompletionListener.NONE, 0);
        rig.sim.run();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(1000 * r + c, getInt(rig, Rig.L2 + 4L * (r * 5 + c)));
            }
        }
    }

    @Test
    void moveTimeIsEngineRatePlusBothLatencies() {
        Rig rig = new Rig(1);
        long[] doneAt = {-1};
        rig.mover("bm.0").submit(BlockMove.of(Rig.L3, 16, 16, 4, 16, Rig.L2, 16, BlockTransform.IDENTITY),
                t -> doneAt[0] = rig.sim.now(), 0);
        rig.sim.run();
        // 1024 B = 16 bursts, one a cycle (64 B/cycle everywhere); burst k read k + 1 + 4, written
        // + 1 + 2: the last (k = 15) at 15 + 5 + 3 = 23 cycles.
        assertEquals(23_000, doneAt[0]);
    }

    @Test
    void backToBackMovesArePipelined() {
        Rig rig = new Rig(1);
        long[] doneAt = {-1, -1};
        BlockMover m = rig.mover("bm.0");
        m.submit(BlockMove.of(Rig.L3, 16, 16, 4, 16, Rig.L2, 16, BlockTransform.IDENTITY), t -> doneAt[0] = rig.sim.now(), 0);
        m.submit(BlockMove.of(Rig.L3 + 1024, 16, 16, 4, 16, Rig.L2 + 1024, 16, BlockTransform.IDENTITY),
                t -> doneAt[1] = rig.sim.now(), 1);
        rig.sim.run();
        // As above, but the second move's 16 bursts follow the first's at one a cycle (k = 16..31)
        // instead of waiting for them to land: first done at 23, second at 31 + 5 + 3 = 39 (not 46).
        assertEquals(23_000, doneAt[0]);
        assertEquals(39_000, doneAt[1]);
    }

    @Test
    void anOpaqueMoveStreamsItsByteCountAndWritesNothing() {
        Rig rig = new Rig(1);
        long[] doneAt = {-1, -1};
        BlockMover m = rig.mover("bm.0");
        putInt(rig, Rig.L3, 7);
        // Reads a 192 B block, writes a 1024 B one, streams 1024 B: the same 16 bursts as the 1024 B
        // move above, one a cycle, so done at 23 cycles; the mover writes nothing (its submitter does).
        m.submitOpaque(Rig.L3, 192, Rig.L2, 1024, 1024, "bm.expand", t -> doneAt[0] = rig.sim.now(), 0);
        // Reads 768 B, writes 512 B, streams 768: 12 bursts, pipelined behind the first (k = 16..27),
        // the last landing at 27 + 5 + 3 = 35 cycles.
        m.submitOpaque(Rig.L3 + 1024, 768, Rig.L2 + 2048, 512, 768, "bm.expand", t -> doneAt[1] = rig.sim.now(), 1);
        rig.sim.run();
        assertEquals(23_000, doneAt[0]);
        assertEquals(35_000, doneAt[1]);
        assertEquals(0, getInt(rig, Rig.L2));
    }

    @Test
    void twoMoversOnOneTilePortShareIt() {
        Rig rig = new Rig(1);
        BlockMover a = rig.mover("bm.0");
        BlockMover b = rig.mover("bm.1");
        long[] doneAt = new long[2];
        // Both read l3.0 (one 64 B port), each writes its own L2 bank: 2 x 16 KiB through one port
        // takes 32768 / 64 = 512 port cycles; last burst + 4 + 1 + 2: makespan 512 + 7 = 519.
        a.submit(BlockMove.of(Rig.L3, 64, 64, 4, 64, Rig.L2, 64, BlockTransform.IDENTITY), t -> doneAt[0] = rig.sim.now(), 0);
        b.submit(BlockMove.of(Rig.L3 + 16384, 64, 64, 4, 64, Rig.L2 + Rig.TILE, 64, BlockTransform.TRANSPOSE),
                t -> doneAt[1] = rig.sim.now(), 0);
        rig.sim.run();
        assertEquals(512, rig.sim.stats().counter("l3.0.busy_cycles").value());
        assertEquals(519_000, Math.max(doneAt[0], doneAt[1]));
        for (BlockMover m : new BlockMover[] {a, b}) {
            double share = m.stats().achievedBytesPerSecond() / 64e9;
            assertTrue(share > 0.45 && share <= 0.5, m.name() + " share " + share);
        }
    }

    @Test
    void wrongEndpointsAndShapesAreRefused() {
        Rig rig = new Rig(1);
        BlockMover m = rig.mover("bm.0");
        var fromL2 = assertThrows(MemoryAccessException.class, () -> m.submit(
                BlockMove.of(Rig.L2, 2, 2, 4, 2, Rig.L2 + 64, 2, BlockTransform.IDENTITY), CompletionListener.NONE, 0));
        assertTrue(fromL2.getMessage().contains("l2.0 is not an l3 region"), fromL2.getMessage());
        var count = assertThrows(MemoryAccessException.class,
                () -> new BlockMove(Rig.L3, 4, 6, 4, 6, Rig.L2, 8, BlockTransform.RESHAPE, 5, 5));
        assertTrue(count.getMessage().contains("changes the element count 24"), count.getMessage());
        var pitch = assertThrows(MemoryAccessException.class,
                () -> BlockMove.of(Rig.L3, 4, 6, 4, 6, Rig.L2, 3, BlockTransform.TRANSPOSE));
        assertTrue(pitch.getMessage().contains("destination pitch 3 is less than the 4 output columns"), pitch.getMessage());
        // 129 x 128 x 4 B = 66048 B, more than the 65536 B tile.
        var big = assertThrows(MemoryAccessException.class, () -> m.submit(
                BlockMove.of(Rig.L3, 129, 128, 4, 128, Rig.L2, 128, BlockTransform.IDENTITY), CompletionListener.NONE, 0));
        assertTrue(big.getMessage().contains("runs past the end of l3.0"), big.getMessage());
        assertArrayEquals(new byte[4], rig.map.read(Rig.L2, 4));
    }
}

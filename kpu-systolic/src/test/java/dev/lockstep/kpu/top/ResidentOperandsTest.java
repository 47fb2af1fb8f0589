package dev.lockstep.kpu.top;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Op;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** Matmul programs with A or C resident in L3, as a fused attention group runs its two matmuls. */
class ResidentOperandsTest {
    private static final KpuConfig MINIMAL = KpuConfig.load("minimal");

    @Test
    void residentOperandsLeaveOutTheirExternalTrafficAndTime() {
        // 32 x 32 x 64 int8, tiles 16 x 16 x 64: mt = nt = 2, kt = 1. Off chip: A once (32 x 64 =
        // 2048 B), B once per ti (2 x 64 x 32 = 4096 B), C once (32 x 32 x 4 = 4096 B): 10240 B.
        // C kept in L3 (scores): 2048 + 4096 = 6144 B. A read from L3 (probabilities): 4096 + 4096 =
        // 8192 B. Both: B alone, 4096 B.
        long[] plain = run(false, false);
        long[] keepC = run(false, true);
        long[] readA = run(true, false);
        long[] both = run(true, true);
        assertEquals(10240, plain[0]);
        assertEquals(6144, keepC[0]);
        assertEquals(8192, readA[0]);
        assertEquals(4096, both[0]);
        // Fewer DMA transfers on the one DMA engine of minimal: every run with a resident operand is shorter.
        assertTrue(keepC[1] < plain[1] && readA[1] < plain[1] && both[1] < keepC[1] && both[1] < readA[1],
                "cycles plain " + plain[1] + ", C in L3 " + keepC[1] + ", A in L3 " + readA[1] + ", both " + both[1]);
    }

    /** {external bytes, cycles}; the cost model's external count must agree with the run's. */
    private static long[] run(boolean aInL3, boolean cInL3) {
        var c = MatmulCompiler.compileResident(MINIMAL, 32, 32, 64, DType.INT8, aInL3, cInL3, 16, 16, 64);
        KpuResult r = new KpuTop(MINIMAL, Fidelity.TILE, TransactionLog.none()).run(c.program());
        long external = r.bytesPerLevel().get("external");
        assertEquals(c.tiling().externalBytes(), external);
        for (Instruction in : c.program().instructions()) {
            assertTrue(!(cInL3 && in.op() == Op.DMA_STORE), "C in L3 but a DMA store");
        }
        return new long[] {external, r.cycles()};
    }

    @Test
    void theProductReadsAFromL3AndLeavesCThereAtPeFidelity() {
        // 20 x 12 x 24 int8, tiles 8 x 8 x 8 (edge tiles, three k-steps): A is put straight into its
        // resident L3 buffer, B in external memory; C is read back from its resident L3 buffer (row-major,
        // pitch N) and must equal the plain triple-loop product computed here.
        int m = 20, n = 12, k = 24;
        var compiled = MatmulCompiler.compileResident(MINIMAL, m, n, k, DType.INT8, true, true, 8, 8, 8);
        long[] l3 = MatmulCompiler.residentAddresses(MINIMAL, m, n, k, DType.INT8, true, true);
        long[] ext = MatmulCompiler.operandAddresses(MINIMAL, m, n, k, DType.INT8);
        KpuTop top = new KpuTop(MINIMAL, Fidelity.PE, TransactionLog.none());
        byte[] a = random(m * k, 3);
        byte[] b = random(k * n, 4);
        top.map().write(l3[0], a);
        top.map().write(ext[1], b);
        top.run(compiled.program());
        byte[] c = top.map().read(l3[1], m * n * 4);
        int[] expected = new int[m * n];
        int[] actual = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int q = 0; q < k; q++) {
                    s += a[i * k + q] * b[q * n + j];
                }
                expected[i * n + j] = s;
                int o = (i * n + j) * 4;
                actual[i * n + j] = (c[o] & 0xFF) | (c[o + 1] & 0xFF) << 8 | (c[o + 2] & 0xFF) << 16 | c[o + 3] << 24;
            }
        }
        assertArrayEquals(expected, actual);
    }

    private static byte[] random(int count, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) (r.nextLong() % 8);
        }
        return out;
    }
}

package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.Matmul;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.systolic.PeMatmul;
import dev.lockstep.memory.map.AddressMap;

/**
 * The data effect of the instructions the executor times itself, at {@code pe} fidelity: feeds and
 * drains copy their blocks, a compute runs the register-level array ({@link PeMatmul}) on the
 * operands in L1 and writes (or adds to) the accumulators, little-endian, as wide as the dtype
 * accumulates. Applied when the instruction completes.
 */
final class DataPath {
    private DataPath() {
    }

    static void apply(Instruction in, AddressMap map, DType dtype, KpuConfig config) {
        switch (in.op()) {
            case FEED_ROWS, FEED_COLS, DRAIN -> copy(in, map);
            case COMPUTE -> compute(in, map, dtype, config);
            default -> { }
        }
    }

    private static void copy(Instruction in, AddressMap map) {
        int rowBytes = in.cols() * in.elem();
        byte[] row = new byte[rowBytes];
        for (int r = 0; r < in.rows(); r++) {
            map.read(in.src() + (long) r * in.srcPitch() * in.elem(), row, 0, rowBytes);
            map.write(in.dst() + (long) r * in.dstPitch() * in.elem(), row, 0, rowBytes);
        }
    }

    private static void compute(Instruction in, AddressMap map, DType dtype, KpuConfig config) {
        int m = in.rows();
        int n = in.cols();
        int k = in.depth();
        int e = in.elem();
        int[] a = operands(map.read(in.src(), Math.multiplyExact(m * k, e)), e);
        int[] b = operands(map.read(in.src2(), Math.multiplyExact(k * n, e)), e);
        long[] c = PeMatmul.run(new Matmul(m, n, k, dtype, a, b), config.rows(), config.cols(), Dataflow.OS, Overlap.NATIVE).c();
        int acc = dtype.accBits() / 8;
        byte[] out = in.accumulate() ? map.read(in.dst(), m * n * acc) : new byte[m * n * acc];
        for (int i = 0; i < c.length; i++) {
            long v = c[i];
            if (in.accumulate()) {
                long old = le(out, i * acc, acc);
                v = dtype.floating()
                        ? Float.floatToRawIntBits(Float.intBitsToFloat((int) old) + Float.intBitsToFloat((int) v))
                        : old + v;
            }
            for (int j = 0; j < acc; j++) {
                out[i * acc + j] = (byte) (v >>> (8 * j));
            }
        }
        map.write(in.dst(), out);
    }

    /** Operand pin bits from little-endian elements of {@code e} bytes (sign-extended; dtype decoding drops the rest). */
    private static int[] operands(byte[] bytes, int e) {
        int[] out = new int[bytes.length / e];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) le(bytes, i * e, e);
        }
        return out;
    }

    private static long le(byte[] b, int off, int width) {
        long v = 0;
        for (int j = 0; j < width; j++) {
            v |= (b[off + j] & 0xFFL) << (8 * j);
        }
        return v;
    }
}

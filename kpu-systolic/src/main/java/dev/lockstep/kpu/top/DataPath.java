package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.kpu.isa.Patches;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.systolic.Dataflow;
import dev.lockstep.kpu.systolic.Matmul;
import dev.lockstep.kpu.systolic.Overlap;
import dev.lockstep.kpu.systolic.PeMatmul;
import dev.lockstep.kpu.vector.Activation;
import dev.lockstep.kpu.vector.BiasActivation;
import dev.lockstep.kpu.vector.Requantize;
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
            case FEED_ROWS, FEED_COLS -> copy(in, map);
            case FEED_PATCHES -> gatherPatches(in, map);
            case DRAIN -> {
                if (in.scalesGroup()) {
                    scaleAccumulate(in, map);
                } else if (in.epilogueActivation() == null) {
                    copy(in, map);
                } else {
                    biasActivation(in, map, dtype);
                }
            }
            case COMPUTE -> compute(in, map, dtype, config);
            case BM_DEQUANT -> WeightExpander.apply(in, map);
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

    /**
     * Forms each patch row from the band (docs/kpu-top.md, "ISA"): runs of one input pixel's channels
     * are copied from L2, taps outside the image are left zero.
     */
    private static void gatherPatches(Instruction in, AddressMap map) {
        Patches p = in.patches();
        int e = in.elem();
        int cols = in.cols();
        int ow = p.ow();
        byte[] row = new byte[cols * e];
        for (int r = 0; r < in.rows(); r++) {
            java.util.Arrays.fill(row, (byte) 0);
            int oy = (p.pixel() + r) / ow;
            int ox = (p.pixel() + r) % ow;
            for (int j = 0; j < cols; ) {
                int kk = p.k0() + j;
                int position = kk / p.channels();
                int run = Math.min(cols - j, (position + 1) * p.channels() - kk);
                int dy = position / p.kw();
                int dx = position % p.kw();
                if (p.inside(oy, ox, dy, dx)) {
                    int iy = oy * p.stride() - p.pad() + dy;
                    int ix = ox * p.stride() - p.pad() + dx;
                    long at = in.src() + ((long) (iy - p.row0()) * in.srcPitch() + (long) ix * p.channels() + kk % p.channels()) * e;
                    map.read(at, row, j * e, run * e);
                }
                j += run;
            }
            map.write(in.dst() + (long) r * in.dstPitch() * e, row, 0, row.length);
        }
    }

    /**
     * The bias epilogue through the drain path's vector engine: accumulators (integers, or fp32 bits
     * for floating dtypes) become fp32, act(x + bias) is written as fp32 bits in the low 4 bytes of
     * each {@code elem}-byte slot (upper bytes zero for 8-byte int16 accumulators).
     */
    private static void biasActivation(Instruction in, AddressMap map, DType dtype) {
        int rows = in.rows();
        int cols = in.cols();
        int e = in.elem();
        float[] tile = new float[rows * cols];
        byte[] row = new byte[cols * e];
        for (int r = 0; r < rows; r++) {
            map.read(in.src() + (long) r * in.srcPitch() * e, row, 0, row.length);
            for (int c = 0; c < cols; c++) {
                tile[r * cols + c] = toFloat(le(row, c * e, e), e, dtype);
            }
        }
        byte[] biasBytes = map.read(in.src2(), cols * e);
        float[] bias = new float[cols];
        for (int c = 0; c < cols; c++) {
            bias[c] = toFloat(le(biasBytes, c * e, e), e, dtype);
        }
        float[] out = BiasActivation.of(bias, in.epilogueActivation()).apply(Instruction.DRAIN_VECTOR_ENGINE, tile, rows, cols);
        if (in.requantizes()) {
            writeInt8(in, map, out);
            return;
        }
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(row, (byte) 0);
            for (int c = 0; c < cols; c++) {
                int bits = Float.floatToRawIntBits(out[r * cols + c]);
                for (int j = 0; j < 4; j++) {
                    row[c * e + j] = (byte) (bits >>> (8 * j));
                }
            }
            map.write(in.dst() + (long) r * in.dstPitch() * e, row, 0, row.length);
        }
    }

    /** A requantizing drain's last stage: each fp32 result to int8 ({@link Requantize}), one byte an element at dst. */
    private static void writeInt8(Instruction in, AddressMap map, float[] out) {
        int cols = in.cols();
        float scale = in.scale();
        byte[] row = new byte[cols];
        for (int r = 0; r < in.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                row[c] = Requantize.toInt8(out[r * cols + c], scale);
            }
            map.write(in.dst() + (long) r * in.dstPitch(), row, 0, cols);
        }
    }

    /**
     * The scale_acc epilogue: out[r][c] = sw[c] x acc[r][c] in fp32 (the int32 partial sum widened to
     * fp32, the fp16 scale widened to fp32, one rounding), written for the first group, else added to
     * the fp32 partial sum at dst (a second rounding), as {@code QuantMatmul.integer} accumulates its
     * groups without the activation scale. A scale_acc_bias_* drain then runs {@code BiasActivation}
     * on the tile with the fp32 bias, as a bias epilogue does.
     */
    private static void scaleAccumulate(Instruction in, AddressMap map) {
        int rows = in.rows();
        int cols = in.cols();
        byte[] scaleBits = map.read(in.src2(), cols * 2);
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            scale[c] = Float.float16ToFloat((short) ((scaleBits[2 * c] & 0xFF) | scaleBits[2 * c + 1] << 8));
        }
        byte[] acc = new byte[cols * 4];
        byte[] row = new byte[cols * 4];
        float[] tile = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            map.read(in.src() + (long) r * in.srcPitch() * 4, acc, 0, acc.length);
            if (in.accumulate()) {
                map.read(in.dst() + (long) r * in.dstPitch() * 4, row, 0, row.length);
            }
            for (int c = 0; c < cols; c++) {
                float v = scale[c] * (float) (int) le(acc, c * 4, 4);
                tile[r * cols + c] = in.accumulate() ? Float.intBitsToFloat((int) le(row, c * 4, 4)) + v : v;
            }
        }
        Activation act = in.scaleActivation();
        if (act != null) {
            byte[] biasBits = map.read(in.bias(), cols * 4);
            float[] bias = new float[cols];
            for (int c = 0; c < cols; c++) {
                bias[c] = Float.intBitsToFloat((int) le(biasBits, c * 4, 4));
            }
            tile = BiasActivation.of(bias, act).apply(Instruction.DRAIN_VECTOR_ENGINE, tile, rows, cols);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int bits = Float.floatToRawIntBits(tile[r * cols + c]);
                for (int j = 0; j < 4; j++) {
                    row[c * 4 + j] = (byte) (bits >>> (8 * j));
                }
            }
            map.write(in.dst() + (long) r * in.dstPitch() * 4, row, 0, row.length);
        }
    }

    /** An accumulator as fp32: sign-extended integer of {@code width} bytes, or fp32 bits. */
    private static float toFloat(long raw, int width, DType dtype) {
        if (dtype.floating()) {
            return Float.intBitsToFloat((int) raw);
        }
        int shift = 64 - 8 * width;
        return (float) ((raw << shift) >> shift);
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

package dev.lockstep.kpu.top;

import dev.lockstep.kpu.isa.Dequant;
import dev.lockstep.kpu.isa.Instruction;
import dev.lockstep.memory.map.AddressMap;

/**
 * The data effect of a BM_DEQUANT at {@code pe} fidelity: row r, column c of the tile becomes
 * {@code code(r, c) x scale((offset + r) / group, c)}, computed in fp32 as {@code QuantizedWeights.dequantize}
 * does (an int code times the fp16 scale widened to fp32, one rounding), written as an fp32 operand
 * (elem 4) or rounded to nearest even into a bf16 operand (elem 2). To int8 operands (elem 1) the code
 * itself is written (int4 sign-extended), unscaled: the scale_acc drains apply the scales.
 */
final class WeightExpander {
    private WeightExpander() {
    }

    static void apply(Instruction in, AddressMap map) {
        Dequant d = in.dequant();
        int rows = in.rows();
        int cols = in.cols();
        int e = in.elem();
        int rowBytes = (int) d.rowBytes(cols);
        byte[] codes = map.read(in.src(), Math.toIntExact(d.codeBytes(rows, cols)));
        byte[] out = new byte[cols * e];
        if (e == 1) {
            // int8 operands: the codes themselves; their scales are applied to the int32 partial sums
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[c] = (byte) code(codes, r * rowBytes, c, d.bits());
                }
                map.write(in.dst() + (long) r * in.dstPitch(), out, 0, out.length);
            }
            return;
        }
        byte[] scaleBits = map.read(in.src2(), Math.toIntExact(d.scaleBytes(rows, cols)));
        for (int r = 0; r < rows; r++) {
            int scaleRow = (d.offset() + r) / d.group() * cols;
            for (int c = 0; c < cols; c++) {
                int at = 2 * (scaleRow + c);
                float scale = Float.float16ToFloat((short) ((scaleBits[at] & 0xFF) | scaleBits[at + 1] << 8));
                float w = code(codes, r * rowBytes, c, d.bits()) * scale;
                int bits = e == 4 ? Float.floatToRawIntBits(w) : bf16(w);
                for (int j = 0; j < e; j++) {
                    out[c * e + j] = (byte) (bits >>> (8 * j));
                }
            }
            map.write(in.dst() + (long) r * in.dstPitch() * e, out, 0, out.length);
        }
    }

    /** Code c of the row starting at {@code rowStart}: a byte, or a nibble sign-extended from 4 bits. */
    private static int code(byte[] codes, int rowStart, int c, int bits) {
        if (bits == 8) {
            return codes[rowStart + c];
        }
        int b = codes[rowStart + c / 2];
        int nibble = (c & 1) == 0 ? b & 0xF : (b >> 4) & 0xF;
        return (nibble << 28) >> 28;
    }

    /** fp32 -> bf16 bits, round to nearest, ties to even (the products are finite: no NaN case). */
    static int bf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        return (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
    }
}

package dev.lockstep.kpu.systolic;

import java.util.Locale;

/**
 * Operand and accumulator types of the array. Integers wrap modulo 2^accBits; int16 gets a 64-bit
 * accumulator because its products already use 31 bits, so a 32-bit one would overflow after two
 * terms. Floats accumulate in fp32 (a bf16 x bf16 product is exact in fp32: 8 x 8 significand bits).
 */
public enum DType {
    INT8(8, 32, false),
    INT16(16, 64, false),
    FP32(32, 32, true),
    BF16(16, 32, true);

    private final int operandBits;
    private final int accBits;
    private final boolean floating;

    DType(int operandBits, int accBits, boolean floating) {
        this.operandBits = operandBits;
        this.accBits = accBits;
        this.floating = floating;
    }

    public int operandBits() {
        return operandBits;
    }

    public int accBits() {
        return accBits;
    }

    public boolean floating() {
        return floating;
    }

    /**
     * The internal register value of an operand pin: integers sign-extended from the operand width,
     * floats as fp32 bits (bf16 is the top half of an fp32).
     */
    public int decode(int bits) {
        return switch (this) {
            case INT8 -> (byte) bits;
            case INT16 -> (short) bits;
            case FP32 -> bits;
            case BF16 -> bits << 16;
        };
    }

    /** Parses int8, int16, fp32 or bf16 (any case). */
    public static DType parse(String text) {
        for (DType d : values()) {
            if (d.name().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("dtype must be int8, int16, fp32 or bf16, got '" + text + "'");
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.lockstep.fabric.pt5;

/**
 * One PT-5 unpacker, the Java twin of pt5_unpacker.v (cosim: Pt5UnpackerCosimTest): a packed byte to
 * the 2-bit trit codes of its five lanes, and whether the byte is a PT-5 code at all. Combinational, so
 * two functions. The codes are {@link Pt5Codec}'s under mapping A with bytes 243..255 decoded as the
 * original RTL does (b - 243); {@link #invalid} is where {@link InvalidBytes#REJECT} refuses the byte.
 * A tile has three per bank (a 24-bit word is three bytes); {@link Pt5Codec#decodeWord} is the three.
 */
public final class Pt5Unpacker {
    private Pt5Unpacker() {
    }

    /** The {@code codes} port: lane i of the byte at bits 2i+1:2i. */
    public static int codes(int pt5Byte) {
        int[] lanes = new int[Pt5Codec.LANES_PER_WORD];
        Pt5Codec.decodeWord(pt5Byte & 0xFF, lanes, 0, Pt5Options.RTL_COMPAT);
        int packed = 0;
        for (int i = 0; i < Pt5Mapping.TRITS_PER_BYTE; i++) {
            packed |= lanes[i] << 2 * i;
        }
        return packed;
    }

    /** The {@code invalid} port: the byte is 243..255. */
    public static boolean invalid(int pt5Byte) {
        return (pt5Byte & 0xFF) >= Pt5Mapping.CODES;
    }
}

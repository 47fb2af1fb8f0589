package dev.lockstep.fabric.compat;

import dev.lockstep.fabric.pt5.InvalidBytes;
import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;

/**
 * PT-5 as the C emulator does it (tfmbs.md 1.2-1.4): mapping B; packing writes only the whole bytes,
 * floor(n / 5), leaving a tail byte untouched in fabric memory; unpacking reads ceil(n / 5) bytes and
 * decodes a byte 243..255 as five 0 trits.
 */
final class EmulatorPt5 {
    private static final Pt5Options B_UNCHECKED = new Pt5Options(Pt5Mapping.B, InvalidBytes.RTL_COMPAT);
    private static final int CODES = 243;

    private EmulatorPt5() {
    }

    /** Packs {@code trits} into {@code dst} from byte 0; returns the bytes written, floor(n / 5). */
    static int packWholeBytes(int[] trits, byte[] dst) {
        int whole = trits.length / 5 * 5;
        return Pt5Codec.pack(trits, 0, whole, dst, 0, Pt5Mapping.B);
    }

    /** Unpacks n trits from {@code src} (which must hold ceil(n / 5) bytes) into {@code dst[0..n)}. */
    static void unpack(byte[] src, int n, int[] dst) {
        Pt5Codec.unpack(src, 0, n, dst, 0, B_UNCHECKED);
        int bytes = Pt5Codec.packedLength(n);
        for (int k = 0; k < bytes; k++) {
            if ((src[k] & 0xFF) >= CODES) {
                for (int j = 5 * k; j < Math.min(n, 5 * k + 5); j++) {
                    dst[j] = 0;
                }
            }
        }
    }
}

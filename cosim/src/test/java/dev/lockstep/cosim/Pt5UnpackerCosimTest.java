package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.pt5.Pt5Codec;
import dev.lockstep.fabric.pt5.Pt5FormatException;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.rtl.RtlSources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pt5_unpacker.v against the Java codec: codes as {@link Pt5Options#RTL_COMPAT} decodes them (mapping A,
 * bytes 243..255 as b - 243), invalid exactly where {@link Pt5Options#DEFAULT} (REJECT) refuses the byte.
 */
class Pt5UnpackerCosimTest {
    static final CosimSchema SCHEMA = new CosimSchema("pt5_unpacker",
            List.of(new SignalSpec("pt5_byte", 8)),
            List.of(new SignalSpec("codes", 10), new SignalSpec("invalid", 1)));

    static RtlDesign design() {
        return new RtlDesign("pt5_unpacker", Map.of("pt5_unpacker.v", RtlSources.pt5Unpacker()), null, null);
    }

    /** The codec as one unpacker: lane i's code at bits 2i+1:2i, as the RTL port packs them. */
    static CosimModel model() {
        return new CosimModel() {
            private final int[] codes = new int[Pt5Codec.LANES_PER_WORD];
            private int value;
            private long packed;
            private boolean invalid;

            @Override
            public void apply(long[] in) {
                value = (int) in[0];
            }

            @Override
            public void step() {
                // Byte 0 of a word is lanes 0..4 of the tile's first unpacker.
                Pt5Codec.decodeWord(value, codes, 0, Pt5Options.RTL_COMPAT);
                packed = 0;
                for (int i = 0; i < 5; i++) {
                    packed |= (long) codes[i] << (2 * i);
                }
                try {
                    Pt5Codec.decodeWord(value, codes, 0, Pt5Options.DEFAULT);
                    invalid = false;
                } catch (Pt5FormatException e) {
                    invalid = true;
                }
            }

            @Override
            public void sample(long[] out) {
                out[0] = packed;
                out[1] = invalid ? 1 : 0;
            }
        };
    }

    @Test
    void all256ByteValuesAgree() {
        // Cycle c drives byte c mod 256: every value twice, ascending.
        Stimulus everyByte = (cycle, in) -> in[0] = cycle & 0xFF;
        CosimResult r = LockstepRunner.run(new CosimHarness(SCHEMA, design(), everyByte, model(), 0),
                512, CosimOptions.defaults());
        System.out.println(r.report());
        assertEquals(512, r.cycles());
        assertTrue(r.passed(), r::report);
    }

    @Test
    void theReferenceWorkedExamplesComeOutOfTheRtl() {
        // tfmbs.md 1.5 and 1.3, mapping A, code = digit (0 -> 00, +1 -> 01, -1 -> 10), lane i at 2i:
        //   0xC4 = (+1, -1, 0, +1, -1): 01 | 10<<2 | 00<<4 | 01<<6 | 10<<8 = 1 + 8 + 64 + 512 = 585
        //   0x79 = all +1: 0b01_0101_0101 = 341
        //   0xF2 = all -1: 0b10_1010_1010 = 682
        //   0x55 = (+1, +1, 0, 0, +1): 1 + 4 + 256 = 261
        //   250 (invalid) decodes as 7 = (+1, -1, 0, 0, 0): 1 + 8 = 9
        //   255 (invalid) decodes as 12 = (0, +1, +1, 0, 0): 4 + 16 = 20
        //   243 (invalid) decodes as 0: all zero
        int[][] cases = {{0xC4, 585, 0}, {0x79, 341, 0}, {0xF2, 682, 0}, {0x55, 261, 0}, {0x00, 0, 0},
            {250, 9, 1}, {255, 20, 1}, {243, 0, 1}, {242, 682, 0}};
        try (VerilatedModel m = VerilatedModel.open(design())) {
            for (int[] c : cases) {
                m.port("pt5_byte").poke(c[0]);
                m.eval();
                assertEquals(c[1], m.port("codes").peek(), "codes of byte " + c[0]);
                assertEquals(c[2], m.port("invalid").peek(), "invalid of byte " + c[0]);
            }
        }
    }
}

package dev.lockstep.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.lockstep.tools.Run.run;

/**
 * `lockstep fabric tfd`, in the style of CliTest. Descriptors are written byte by byte at the offsets
 * of tfmbs.md 3.1 (u64 base_addr @0, u32 frame_len @8, u16 packing_fmt @12, u16 lane_count @14,
 * u32 lane_stride @16, u32 flags @20, u32 exec_hints @24, u8 version @28, u8 tile_mask @29,
 * 6 reserved + 4 padding bytes), little-endian; exec_hints bits from tfmbs.md 3.2.
 */
class FabricTfdCommandTest {
    @TempDir
    Path dir;

    private static void assertBadInput(Run r, String mustMention) {
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), () -> "stdout: " + r.out() + " stderr: " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, () -> "expected one line, got: " + r.err());
        assertTrue(lines[0].startsWith("lockstep"), lines[0]);
        assertTrue(lines[0].contains(mustMention), () -> lines[0] + " should mention " + mustMention);
    }

    /**
     * base_addr 16, frame_len 64, PT5, 15 lanes, stride 3, flags READ|WRITE, exec_hints 0x00060001
     * (DOT = 0x01, bit 17 ZERO_SKIP_EN, bit 18 FREE_NEG_EN), version 1, tile_mask 0x0F.
     */
    private static byte[] valid() {
        return new byte[] {
            0x10, 0, 0, 0, 0, 0, 0, 0,      // 0 base_addr
            0x40, 0, 0, 0,                  // 8 frame_len
            0x01, 0,                        // 12 packing_fmt
            0x0F, 0,                        // 14 lane_count
            0x03, 0, 0, 0,                  // 16 lane_stride
            0x03, 0, 0, 0,                  // 20 flags
            0x01, 0x00, 0x06, 0x00,         // 24 exec_hints
            0x01,                           // 28 version
            0x0F,                           // 29 tile_mask
            0, 0, 0, 0, 0, 0,               // 30 _reserved
            0, 0, 0, 0,                     // 36 padding
        };
    }

    private Path file(byte[] bytes) throws IOException {
        Path p = dir.resolve("frame.tfd");
        Files.write(p, bytes);
        return p;
    }

    @Test
    void aValidDescriptorPrintsItsFieldsAndExitsZero() throws IOException {
        Run r = run("fabric", "tfd", file(valid()).toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("", r.err());
        String out = r.out();
        assertTrue(out.contains("0      base_addr    16 (0x0000000000000010)"), out);
        assertTrue(out.contains("8      frame_len    64"), out);
        assertTrue(out.contains("12     packing_fmt  1 (PT5)"), out);
        assertTrue(out.contains("14     lane_count   15"), out);
        assertTrue(out.contains("16     lane_stride  3"), out);
        assertTrue(out.contains("20     flags        0x00000003 (READ WRITE)"), out);
        assertTrue(out.contains("24     exec_hints   0x00060001"), out);
        assertTrue(out.contains("KERNEL_ID      0x01 DOT"), out);
        assertTrue(out.contains("ZERO_SKIP_EN   1"), out);
        assertTrue(out.contains("FREE_NEG_EN    1"), out);
        assertTrue(out.contains("BIAS_EN        0"), out);
        assertTrue(out.contains("28     version      0x01"), out);
        assertTrue(out.contains("29     tile_mask    0x0F (tiles 0 1 2 3)"), out);
        // DOT: step = stride = 3; last word 16 + (64 - 1) x 3 = 205.
        assertTrue(out.contains("address step 3, words 16..205"), out);
        assertTrue(out.contains("valid: OK 0"), out);
    }

    @Test
    void jsonIsOneStableObject() throws IOException {
        Run r = run("fabric", "tfd", "--json", file(valid()).toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // exec_hints 0x00060001 = 393217; flags 3; s = bits 21:20 + 1 = 1; pool_op bits 30:29 = 0.
        assertEquals("{\"base_addr\":16,\"frame_len\":64,\"packing_fmt\":1,\"lane_count\":15,\"lane_stride\":3,"
                + "\"flags\":3,\"exec_hints\":393217,\"version\":1,\"tile_mask\":15,"
                + "\"hints\":{\"kernel_id\":1,\"kernel\":\"DOT\",\"quant\":0,\"bias_en\":false,\"zero_skip\":true,"
                + "\"free_neg\":true,\"weight_broadcast\":false,\"conv_stride\":1,\"pad\":0,\"ksize\":0,"
                + "\"dilation\":false,\"pool_win\":0,\"pool_op\":0},"
                + "\"valid\":true,\"status\":\"OK\",\"status_code\":0,\"error\":null}\n", r.out());
    }

    @Test
    void aRefusedFieldNamesItsOffsetAndStatusAndExitsTwo() throws IOException {
        // lane_count 16 at byte 14: a tile has 15 lanes -> ERR_ADDR (2).
        byte[] b = valid();
        b[14] = 16;
        Run r = run("fabric", "tfd", file(b).toString());
        assertBadInput(r, "lane_count at byte 14: 16");
        assertTrue(r.err().contains("(ERR_ADDR 2)"), r.err());
        assertTrue(r.out().contains("refused: ERR_ADDR 2 at byte 14 (lane_count)"), r.out());

        // version 2 at byte 28: only 0x01 exists -> ERR_PACK (3).
        b = valid();
        b[28] = 2;
        r = run("fabric", "tfd", "--json", file(b).toString());
        assertBadInput(r, "version at byte 28");
        assertTrue(r.err().contains("(ERR_PACK 3)"), r.err());
        assertTrue(r.out().contains("\"valid\":false,\"status\":\"ERR_PACK\",\"status_code\":3,"
                + "\"error\":{\"field\":\"version\",\"byte_offset\":28,"), r.out());
    }

    @Test
    void aConv3dFramePastTheBankIsRefusedAtFrameLen() throws IOException {
        // exec_hints 0x00300007: CONV3D (0x07), bits 21:20 = 3 so s = 4; stride 16: step 16 x 4^2 = 256,
        // which the 12-bit step takes; from base 16, 64 words end at 16 + 63 x 256 = 16144 > 4095.
        byte[] b = valid();
        b[16] = 16;
        b[24] = 0x07;
        b[26] = 0x30;
        assertBadInput(run("fabric", "tfd", file(b).toString()), "frame_len at byte 8: 64 (last word 16144 from base 16 at step 256)");
    }

    @Test
    void aNonZeroReservedByteIsRefusedWhereItIs() throws IOException {
        byte[] b = valid();
        b[31] = 1;
        Run r = run("fabric", "tfd", file(b).toString());
        assertBadInput(r, "_reserved[1] at byte 31");
        assertEquals("", r.out(), "nothing decodes from a malformed descriptor");
    }

    @Test
    void aFileOfTheWrongSizeIsBadInput() throws IOException {
        byte[] b = new byte[36];
        System.arraycopy(valid(), 0, b, 0, 36);
        assertBadInput(run("fabric", "tfd", file(b).toString()), "36 bytes, a TFD is exactly 40 bytes");
        assertBadInput(run("fabric", "tfd", file(new byte[41]).toString()), "41 bytes");
        assertBadInput(run("fabric", "tfd", dir.resolve("missing.tfd").toString()), "no such file");
        assertBadInput(run("fabric"), "a subcommand is required");
    }
}

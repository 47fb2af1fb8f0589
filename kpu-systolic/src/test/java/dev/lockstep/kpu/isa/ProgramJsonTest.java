package dev.lockstep.kpu.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.sim.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramJsonTest {
    @Test
    void aProgramReadsBackEqual() {
        Program p = Program.of("t", "int8", 8, 8, 8, List.of(
                Instruction.block(Op.DMA_LOAD, 0, 0x1000000000L, 0x2000000000L, 8, 8, 1, 8, 8),
                Instruction.compute(0, 0x4000000000L, 0x4000000040L, 0x4000000080L, 8, 8, 8, 1, false),
                Instruction.barrier(),
                Instruction.sync(Op.SIGNAL, "dma", 0, 3)));
        assertEquals(p, ProgramJson.read(ProgramJson.write(p), "round trip"));
    }

    @Test
    void aBadFieldIsNamedWithItsPathAndValue() {
        String json = "{\"version\":1,\"name\":\"t\",\"dtype\":\"int8\",\"m\":1,\"n\":1,\"k\":1,\"instructions\":["
                + "{\"op\":\"BARRIER\"},"
                + "{\"op\":\"BM_MOVE\",\"engine\":0,\"src\":0,\"dst\":0,\"rows\":0,\"cols\":4,\"elem\":1,\"src_pitch\":4,\"dst_pitch\":4}]}";
        ConfigException e = assertThrows(ConfigException.class, () -> ProgramJson.read(json, "p.json"));
        assertTrue(e.getMessage().contains("instructions[1].rows"), e.getMessage());
        assertTrue(e.getMessage().contains("value 0"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRefused() {
        String json = "{\"version\":1,\"name\":\"t\",\"dtype\":\"int8\",\"m\":1,\"n\":1,\"k\":1,\"instructions\":[{\"op\":\"BARRIER\",\"colour\":1}]}";
        ConfigException e = assertThrows(ConfigException.class, () -> ProgramJson.read(json, "p.json"));
        assertTrue(e.getMessage().contains("instructions[0].colour"), e.getMessage());
    }

    private static final String PATCHES = "{\"h\":8,\"w\":8,\"channels\":4,\"kh\":3,\"kw\":3,\"stride\":1,\"pad\":1,"
            + "\"row0\":0,\"band_rows\":%d,\"pixel\":0,\"k0\":0}";

    private static String feed(int rows, int cols, String patches) {
        return "{\"version\":1,\"name\":\"t\",\"dtype\":\"int8\",\"m\":1,\"n\":1,\"k\":1,\"instructions\":["
                + "{\"op\":\"BARRIER\"},"
                + "{\"op\":\"FEED_PATCHES\",\"engine\":0,\"src\":0,\"dst\":0,\"rows\":" + rows + ",\"cols\":" + cols
                + ",\"elem\":1,\"src_pitch\":32,\"dst_pitch\":" + cols + (patches == null ? "" : ",\"patches\":" + patches) + "}]}";
    }

    private static void refused(String json, String path, String words) {
        ConfigException e = assertThrows(ConfigException.class, () -> ProgramJson.read(json, "p.json"));
        assertTrue(e.getMessage().contains(path + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void badPatchFeedsAreRefusedWithTheInstructionAndField() {
        // a valid one first: output row 0 of an 8 x 8 x 4 image, 3 x 3 pad 1, reads image rows 0..1
        assertEquals(8, ProgramJson.read(feed(8, 36, PATCHES.formatted(8)), "p.json").instructions().get(1).rows());
        refused(feed(8, 36, null), "instructions[1].patches", "missing");
        refused(feed(8, 36, PATCHES.formatted(8).replace("\"kh\":3", "\"kh\":0")), "instructions[1].patches.kh", "value 0");
        refused(feed(8, 36, PATCHES.formatted(8).replace("\"pad\":1", "\"pad\":3")), "instructions[1].patches.pad", "value 3");
        refused(feed(8, 36, PATCHES.formatted(9)), "instructions[1].patches.band_rows", "value 9");
        // output row 0 needs image rows 0..1: a band of one row is too short
        refused(feed(8, 36, PATCHES.formatted(1)), "instructions[1].patches.band_rows", "rows 0..1");
        // 37 elements pass the 3 x 3 x 4 = 36 of a patch; 65 rows pass the 64 output pixels
        refused(feed(8, 37, PATCHES.formatted(8)), "instructions[1].cols", "patch length 36");
        refused(feed(65, 36, PATCHES.formatted(8)), "instructions[1].rows", "64 output pixels");
        refused(feed(8, 36, PATCHES.formatted(8)).replace("\"src_pitch\":32", "\"src_pitch\":31"), "instructions[1].src_pitch", "value 31");
        refused(feed(8, 32, PATCHES.formatted(8)).replace("\"op\":\"FEED_PATCHES\"", "\"op\":\"FEED_ROWS\""),
                "instructions[1].patches", "only for FEED_PATCHES");
    }
}

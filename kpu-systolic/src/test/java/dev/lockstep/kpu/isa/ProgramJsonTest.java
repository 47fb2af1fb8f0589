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
}

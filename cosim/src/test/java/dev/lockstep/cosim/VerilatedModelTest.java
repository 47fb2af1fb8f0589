package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cosim.PortInfo.Direction;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge on a tiny accumulator written here, with every storage class Verilator uses for ports. */
class VerilatedModelTest {
    static final String ACCUM = """
            module accum(
              input clk, input rst, input en,
              input [7:0] d,
              input [69:0] wide_in,
              output reg [7:0] acc,
              output reg [15:0] count,
              output [69:0] wide_out,
              output [40:0] big,
              output [31:0] word
            );
              always @(posedge clk) begin
                if (rst) begin acc <= 8'd0; count <= 16'd0; end
                else if (en) begin acc <= acc + d; count <= count + 16'd1; end
              end
              assign wide_out = ~wide_in;
              assign big = {acc, 33'h1_0000_0001};
              assign word = {acc, acc, acc, acc};
            endmodule
            """;

    static VerilatedModel model;

    @BeforeAll
    static void build() {
        model = VerilatedModel.open(RtlDesign.of("accum", Map.of("accum.v", ACCUM)));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void portsCarryWidthDirectionAndVerilatorStorage() {
        Map<String, String> seen = new TreeMap<>();
        model.ports().forEach(p -> seen.put(p.name(), p.info().direction() + " " + p.width() + " " + p.info().bytes()));
        // Storage per Verilator's rules: <=8 bits CData (1 byte), <=16 SData (2), <=32 IData (4),
        // <=64 QData (8), wider: VlWide of ceil(70/32) = 3 words = 12 bytes.
        assertEquals(new TreeMap<>(Map.of(
                "clk", "IN 1 1", "rst", "IN 1 1", "en", "IN 1 1", "d", "IN 8 1", "wide_in", "IN 70 12",
                "acc", "OUT 8 1", "count", "OUT 16 2", "wide_out", "OUT 70 12", "big", "OUT 41 8",
                "word", "OUT 32 4")), seen);
    }

    @Test
    void accumulatesOnRisingEdgesAndWraps() {
        Port rst = model.port("rst");
        Port en = model.port("en");
        Port d = model.port("d");
        Port acc = model.port("acc");
        Port count = model.port("count");
        model.reset(2);
        assertEquals(0, acc.peek());
        en.poke(1);
        d.poke(200);
        model.tick();                        // acc = 200
        assertEquals(200, acc.peek());
        model.tick();                        // acc = 400 mod 256 = 144
        assertEquals(144, acc.peek());
        en.poke(0);
        model.tick();                        // enable low: holds
        assertEquals(144, acc.peek());
        assertEquals(2, count.peek());
        // word = {acc,acc,acc,acc} = 0x90909090 (144 = 0x90): reads back zero-extended, not sign-extended.
        assertEquals(0x9090_9090L, model.port("word").peek());
        // big = {acc, 33'h1_0000_0001} = 0x90 << 33 | 0x1_0000_0001; 0x90 << 32 = 0x90_0000_0000, one more
        // shift gives 0x120_0000_0000, plus 0x1_0000_0001 = 0x121_0000_0001.
        assertEquals(0x121_0000_0001L, model.port("big").peek());
        rst.poke(1);
        model.tick();
        assertEquals(0, acc.peek());
        assertEquals(0, count.peek());
        rst.poke(0);
    }

    @Test
    void pokeMasksBitsAboveTheWidth() {
        model.reset(1);
        model.port("en").poke(1);
        model.port("d").poke(0x1_05);        // 9 bits given to an 8-bit port: only 0x05 reaches the RTL
        model.tick();
        assertEquals(5, model.port("acc").peek());
        model.port("en").poke(0);
    }

    @Test
    void widePortsMoveAllWordsAndSettleOnEval() {
        Port in = model.port("wide_in");
        Port out = model.port("wide_out");
        assertEquals(2, in.words());
        in.pokeWords(new long[] {0x0123_4567_89AB_CDEFL, 0x2A});
        model.eval();
        long[] got = new long[2];
        out.peekWords(got);
        // ~x over 70 bits: low word ~0x0123456789ABCDEF = 0xFEDCBA9876543210; high 6 bits ~0b101010 = 0b010101.
        assertArrayEquals(new long[] {0xFEDC_BA98_7654_3210L, 0x15}, got);
        in.poke(-1L);                         // low 64 bits all ones, bits 69..64 cleared
        model.eval();
        out.peekWords(got);
        assertArrayEquals(new long[] {0, 0x3F}, got);
    }

    @Test
    void outputsCannotBePokedAndUnknownPortsAreNamed() {
        CosimException poke = assertThrows(CosimException.class, () -> model.port("acc").poke(1));
        assertTrue(poke.getMessage().contains("acc is an output"), poke.getMessage());
        CosimException unknown = assertThrows(CosimException.class, () -> model.port("nope"));
        assertTrue(unknown.getMessage().contains("no port 'nope'") && unknown.getMessage().contains("wide_in"),
                unknown.getMessage());
    }

    @Test
    void instancesAreIndependent() {
        try (VerilatedModel other = VerilatedModel.open(RtlDesign.of("accum", Map.of("accum.v", ACCUM)))) {
            model.reset(1);
            other.reset(1);
            model.port("en").poke(1);
            model.port("d").poke(7);
            model.tick();
            other.tick();                      // other's enable is low: stays 0
            assertEquals(7, model.port("acc").peek());
            assertEquals(0, other.port("acc").peek());
            model.port("en").poke(0);
        }
    }

    @Test
    void closedModelRefusesToTick() {
        VerilatedModel m = VerilatedModel.open(RtlDesign.of("accum", Map.of("accum.v", ACCUM)));
        m.close();
        assertThrows(IllegalStateException.class, m::tick);
        assertFalse(m.ports().isEmpty());
        assertThrows(IllegalStateException.class, () -> m.port("acc").peek());
    }
}

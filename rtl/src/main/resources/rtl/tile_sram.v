// One SRAM bank of a tile (tfmbs.md 2.5): 4096 words of 24 bits, one synchronous port with an
// enable and a write enable, read-first (a write edge returns the old word), registered read of
// latency 1; with en low nothing happens and dout holds.
// Java model: dev.lockstep.fabric.tile.Sram. Docs: docs/fabric-blocks.md.
`default_nettype none

module tile_sram (
    input  wire        clk,
    input  wire        en,
    input  wire        we,
    input  wire [11:0] addr,
    input  wire [23:0] din,
    output reg  [23:0] dout
);

    localparam integer WORDS = 4096;

    reg [23:0] mem [0:WORDS-1];

    // Simulation start state equal to the Java bank's (all words and dout zero), as the original
    // banks start from $readmemh contents; reset never touches an SRAM.
    integer i;
    initial begin
        dout = 24'h00_0000;
        for (i = 0; i < WORDS; i = i + 1) mem[i] = 24'h00_0000;
    end

    always @(posedge clk) begin
        if (en) begin
            dout <= mem[addr];
            if (we) mem[addr] <= din;
        end
    end

endmodule

`default_nettype wire

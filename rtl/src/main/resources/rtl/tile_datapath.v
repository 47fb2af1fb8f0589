// A tile without its frame controller: weight and input banks (tile_sram), three pt5_unpackers per
// bank and the vector engine (vector_engine_bus over the Chisel vector_engine), driven by a shared
// frame_controller. Java model: dev.lockstep.fabric.tile.TileDatapath. Docs: docs/fabric-top.md.
//
// Both banks read the controller's address while it reads; otherwise the write port writes (the
// owner never writes during a frame, and a write is gated off while reading anyway). The engine
// computes on the banks' registered outputs, decoded combinationally.
`default_nettype none

module tile_datapath #(
    parameter integer LANES = 15
) (
    input  wire                clk,
    input  wire                rst,
    input  wire                read_enable,
    input  wire [11:0]         read_address,
    input  wire                engine_enable,
    input  wire                clear,
    input  wire [31:0]         hints,
    input  wire                tile_enable,
    input  wire [15:0]         lane_count,
    input  wire [LANES-1:0]    lane_mask,
    input  wire                weight_we,
    input  wire                input_we,
    input  wire [11:0]         waddr,
    input  wire [23:0]         wdata,
    output wire [LANES*32-1:0] acc,
    output wire [LANES*32-1:0] skip_count,
    output wire [LANES*32-1:0] active_cycles,
    output wire [LANES-1:0]    overflow,
    output wire [31:0]         utilization
);

    wire        weight_write = weight_we & ~read_enable;
    wire        input_write  = input_we & ~read_enable;
    wire [11:0] addr         = read_enable ? read_address : waddr;
    wire [23:0] weight_word;
    wire [23:0] input_word;

    tile_sram weights (
        .clk (clk), .en (read_enable | weight_write), .we (weight_write),
        .addr (addr), .din (wdata), .dout (weight_word)
    );

    tile_sram inputs (
        .clk (clk), .en (read_enable | input_write), .we (input_write),
        .addr (addr), .din (wdata), .dout (input_word)
    );

    // Banks hold only valid PT-5 words (both loaders refuse the others), so `invalid` never rises,
    // and lanes above LANES leave their codes unused.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [29:0] weight_codes;
    wire [29:0] input_codes;
    wire [5:0]  invalid;
    /* verilator lint_on UNUSEDSIGNAL */

    genvar b;
    generate
        for (b = 0; b < 3; b = b + 1) begin : unpack
            pt5_unpacker w (.pt5_byte (weight_word[8*b +: 8]), .codes (weight_codes[10*b +: 10]), .invalid (invalid[b]));
            pt5_unpacker x (.pt5_byte (input_word[8*b +: 8]), .codes (input_codes[10*b +: 10]), .invalid (invalid[3 + b]));
        end
    endgenerate

    vector_engine_bus engine (
        .clk           (clk),
        .rst           (rst),
        .en            (engine_enable & tile_enable),
        .clear         (clear),
        .hints         (hints),
        .lane_count    (lane_count),
        .lane_mask     (lane_mask),
        .weight        (weight_codes[2*LANES-1:0]),
        .trit_in       (input_codes[2*LANES-1:0]),
        .acc           (acc),
        .skip_count    (skip_count),
        .active_cycles (active_cycles),
        .overflow      (overflow),
        .utilization   (utilization)
    );

endmodule

`default_nettype wire

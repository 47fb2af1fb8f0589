// One TFMBS ternary lane, intended semantics (docs/lane.md).
// Java model: dev.lockstep.fabric.TernaryLane. Both must agree cycle for cycle.
//
// Trit codes: 00 = 0, 01 = +1, 10 = -1, 11 = illegal and read as 0 everywhere.
// Hints: op = hints[7:0], BIAS_EN = hints[16], ZERO_SKIP = hints[17], pool_op = hints[30:29].
// Everything is synchronous to the rising edge; priority rst > clear > en.
`default_nettype none

module ternary_lane (
    input  wire        clk,
    input  wire        rst,
    input  wire        en,
    input  wire        clear,
    // Only op, BIAS_EN, ZERO_SKIP and pool_op matter to a lane; the other bits belong to the
    // vector engine (WEIGHT_BRDCST) or are unimplemented, so the lane ignores them on purpose.
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [31:0] hints,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [1:0]  weight,
    input  wire [1:0]  trit_in,
    output reg  [31:0] acc,
    output reg  [31:0] skip_count,
    output reg  [31:0] active_cycles,
    output reg         overflow
);

    localparam [7:0] OP_DOT    = 8'h01;
    localparam [7:0] OP_MUL    = 8'h03;
    localparam [7:0] OP_CONV2D = 8'h04;
    localparam [7:0] OP_POOL   = 8'h05;
    localparam [7:0] OP_TGEMM  = 8'h06;
    localparam [7:0] OP_CONV3D = 8'h07;
    localparam [7:0] OP_LSTM   = 8'h08;
    localparam [7:0] OP_ATTN   = 8'h09;

    localparam [1:0] POOL_MAX = 2'b00;
    localparam [1:0] POOL_MIN = 2'b01;
    localparam [1:0] POOL_AVG = 2'b10;

    localparam [31:0] INT_MIN = 32'h8000_0000;
    localparam [31:0] INT_MAX = 32'h7FFF_FFFF;

    wire [7:0] op        = hints[7:0];
    wire       bias_en   = hints[16];
    wire       zero_skip = hints[17];
    wire [1:0] pool_op   = hints[30:29];

    // Code 11 decodes to neither +1 nor -1, so it is zero in the product and in the skip test.
    wire w_pos = (weight  == 2'b01);
    wire w_neg = (weight  == 2'b10);
    wire x_pos = (trit_in == 2'b01);
    wire x_neg = (trit_in == 2'b10);

    wire p_pos = (w_pos & x_pos) | (w_neg & x_neg);
    wire p_neg = (w_pos & x_neg) | (w_neg & x_pos);
    wire [31:0] p = p_pos ? 32'h0000_0001 : (p_neg ? 32'hFFFF_FFFF : 32'h0000_0000);

    wire skip = zero_skip & ~((w_pos | w_neg) & (x_pos | x_neg));

    wire is_accumulate = (op == OP_DOT) | (op == OP_CONV2D) | (op == OP_TGEMM) |
                         (op == OP_CONV3D) | (op == OP_LSTM) | (op == OP_ATTN);
    wire is_pool = (op == OP_POOL);

    // Accumulating ops add 0 on a skipped cycle; POOL AVG ignores skip.
    wire [31:0] addend = (is_accumulate & skip) ? 32'h0000_0000 : p;
    wire [31:0] sum    = acc + addend;
    // Adding +1 or -1 overflows only at the two extremes.
    wire add_overflow = (addend == 32'h0000_0001 && acc == INT_MAX) ||
                        (addend == 32'hFFFF_FFFF && acc == INT_MIN);

    wire p_greater = $signed(p) > $signed(acc);
    wire p_less    = $signed(p) < $signed(acc);

    wire [31:0] clear_value = !is_pool            ? 32'h0000_0000 :
                              pool_op == POOL_MAX ? INT_MIN :
                              pool_op == POOL_MIN ? INT_MAX : 32'h0000_0000;

    always @(posedge clk) begin
        if (rst) begin
            acc           <= 32'h0000_0000;
            skip_count    <= 32'h0000_0000;
            active_cycles <= 32'h0000_0000;
            overflow      <= 1'b0;
        end else if (clear) begin
            skip_count    <= 32'h0000_0000;
            active_cycles <= 32'h0000_0000;
            overflow      <= 1'b0;
            if (!bias_en) acc <= clear_value;
        end else if (en) begin
            active_cycles <= active_cycles + 32'h0000_0001;
            if (skip) skip_count <= skip_count + 32'h0000_0001;
            if (is_accumulate || (is_pool && pool_op == POOL_AVG)) begin
                acc <= sum;
                if (add_overflow) overflow <= 1'b1;
            end else if (op == OP_MUL) begin
                acc <= p;
            end else if (is_pool && pool_op == POOL_MAX) begin
                if (p_greater) acc <= p;
            end else if (is_pool && pool_op == POOL_MIN) begin
                if (p_less) acc <= p;
            end
        end
    end

endmodule

`default_nettype wire

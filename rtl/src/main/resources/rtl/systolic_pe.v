// One processing element of systolic_array, PE(i, j) of docs/systolic.md "Ports and per-cycle
// behaviour". Java model: dev.lockstep.kpu.systolic.SystolicArray (the PE's registers are entries
// i * cols + j of its flat arrays). Both must agree edge for edge.
//
// Integer operands only: W-bit two's complement, full 2W-bit product, added in ACC bits (wrapping).
// DATAFLOW 0 = output-stationary, 1 = weight-stationary. The ports are the same for both; what
// travels on the north and south chains differs:
//   n_in / n_out   OS: operand B moving south          WS: weight of bank ctl_bank moving south
//   ctl, ctl_bank  OS: drain, drain_bank               WS: wload, wload_bank
//   s_in / s_out   OS: drain chain o (sv: ov)          WS: partial sum ps (sv: psv)
// The array wires row 0's s_in to 0, and its sv_in to 0 (OS) or to the PE's own av_in (WS).
// Everything is synchronous to the rising edge; rst clears every register.
`default_nettype none

module systolic_pe #(
    parameter integer W        = 8,
    parameter integer ACC      = 32,
    parameter integer DATAFLOW = 0
) (
    input  wire           clk,
    input  wire           rst,
    input  wire [W-1:0]   a_in,
    input  wire           av_in,
    input  wire           ab_in,
    input  wire [W-1:0]   n_in,
    input  wire           ctl,
    input  wire           ctl_bank,
    input  wire [ACC-1:0] s_in,
    input  wire           sv_in,
    output reg  [W-1:0]   a_out,
    output reg            av_out,
    output reg            ab_out,
    output wire [W-1:0]   n_out,
    output reg  [ACC-1:0] s_out,
    output reg            sv_out
);

    // The east-moving operand triple is the same in both dataflows.
    always @(posedge clk) begin
        if (rst) begin
            a_out  <= {W{1'b0}};
            av_out <= 1'b0;
            ab_out <= 1'b0;
        end else begin
            a_out  <= a_in;
            av_out <= av_in;
            ab_out <= ab_in;
        end
    end

    // Signed W x W product in 2W bits (exact), then sign-extended to the accumulator width.
    function [ACC-1:0] mac_product(input [W-1:0] x, input [W-1:0] y);
        reg [2*W-1:0] xs;
        reg [2*W-1:0] ys;
        reg [2*W-1:0] p;
        begin
            xs = {{W{x[W-1]}}, x};
            ys = {{W{y[W-1]}}, y};
            p = xs * ys;
            mac_product = {{(ACC - 2*W + 1){p[2*W-1]}}, p[2*W-2:0]};
        end
    endfunction

    generate
        if (DATAFLOW == 0) begin : g_os
            reg [W-1:0]   b;
            reg [ACC-1:0] acc0;
            reg [ACC-1:0] acc1;

            wire [ACC-1:0] p     = mac_product(a_in, n_in);
            // Clear-on-drain: a MAC on the drain edge adds onto 0, and the drain copies the old value.
            wire [ACC-1:0] base0 = (ctl && !ctl_bank) ? {ACC{1'b0}} : acc0;
            wire [ACC-1:0] base1 = (ctl &&  ctl_bank) ? {ACC{1'b0}} : acc1;

            always @(posedge clk) begin
                if (rst) begin
                    b      <= {W{1'b0}};
                    acc0   <= {ACC{1'b0}};
                    acc1   <= {ACC{1'b0}};
                    s_out  <= {ACC{1'b0}};
                    sv_out <= 1'b0;
                end else begin
                    b      <= n_in;
                    acc0   <= (av_in && !ab_in) ? base0 + p : base0;
                    acc1   <= (av_in &&  ab_in) ? base1 + p : base1;
                    s_out  <= ctl ? (ctl_bank ? acc1 : acc0) : s_in;
                    sv_out <= ctl | sv_in;
                end
            end
            assign n_out = b;
        end else begin : g_ws
            reg [W-1:0] w0;
            reg [W-1:0] w1;

            // The MAC reads the operand's bank as it was before this edge's weight shift.
            wire [ACC-1:0] p = mac_product(a_in, ab_in ? w1 : w0);

            always @(posedge clk) begin
                if (rst) begin
                    w0     <= {W{1'b0}};
                    w1     <= {W{1'b0}};
                    s_out  <= {ACC{1'b0}};
                    sv_out <= 1'b0;
                end else begin
                    if (ctl && !ctl_bank) w0 <= n_in;
                    if (ctl &&  ctl_bank) w1 <= n_in;
                    s_out  <= av_in ? s_in + p : s_in;
                    sv_out <= sv_in;
                end
            end
            // The PE below shifts in the bank being loaded.
            assign n_out = ctl_bank ? w1 : w0;
        end
    endgenerate

endmodule

`default_nettype wire

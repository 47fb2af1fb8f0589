// PT-5 unpacker: one packed byte to the 2-bit trit codes of its five lanes (tfmbs.md 1.1-1.3).
// Java model: dev.lockstep.fabric.pt5.Pt5Codec (mapping A, InvalidBytes.RTL_COMPAT for the codes,
// InvalidBytes.REJECT for invalid). Docs: docs/fabric-blocks.md.
//
// Digit i = floor(b / 3^i) mod 3, trit 0 least significant. Under mapping A the 2-bit code is the
// digit itself (0 -> 00 = 0, 1 -> 01 = +1, 2 -> 10 = -1), so code 11 never comes out.
// Bytes 243..255 are not PT-5 codes: they decode as b - 243, as the original RTL does (the residue
// above the fifth digit is dropped), and raise invalid so a design can report ERR_PACK instead.
// Purely combinational, zero latency.
`default_nettype none

module pt5_unpacker (
    input  wire [7:0] pt5_byte,
    output wire [9:0] codes,     // lane i of the byte at [2i+1:2i]
    output wire       invalid
);

    assign invalid = (pt5_byte >= 8'd243);

    wire [7:0] b = invalid ? pt5_byte - 8'd243 : pt5_byte;

    wire [7:0] q1 = b  / 8'd3;
    wire [7:0] q2 = q1 / 8'd3;
    wire [7:0] q3 = q2 / 8'd3;
    wire [7:0] q4 = q3 / 8'd3;

    // Each remainder is 0..2: only its two low bits carry anything.
    /* verilator lint_off UNUSEDSIGNAL */
    wire [7:0] d0 = b  - q1 * 8'd3;
    wire [7:0] d1 = q1 - q2 * 8'd3;
    wire [7:0] d2 = q2 - q3 * 8'd3;
    wire [7:0] d3 = q3 - q4 * 8'd3;
    /* verilator lint_on UNUSEDSIGNAL */

    // b <= 242 makes q4 = floor(b / 81) <= 2: it is digit 4 already.
    assign codes = {q4[1:0], d3[1:0], d2[1:0], d1[1:0], d0[1:0]};

endmodule

`default_nettype wire

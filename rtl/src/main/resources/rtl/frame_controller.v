// Frame controller of a tile, intended semantics (tfmbs.md 2.9, not the as-built 2.8).
// Java model: dev.lockstep.fabric.tile.FrameController; both agree edge for edge. Timeline and
// decisions: docs/tile.md; ports: docs/fabric-blocks.md.
//
// START is a pulse sampled at each edge. E0 accepts (state FILL, clear 1, address base issued),
// E1 is the fill edge (the bank reads base), E2..E(D+1) are the D compute edges (engine_enable
// high before each), E(D+2) sees the pipeline empty and raises the sticky done: D + 3 edges.
// Every output is a register except busy, which decodes the state.
//
// A START that cannot run is refused through error (tfmbs.md 3.3 codes): ERR_ADDR for DEPTH 0 or
// above 65535, STRIDE above 255, or a frame whose base or last word base + (D-1) x step is past
// 4095; ERR_BUSY while a frame runs. error holds until the next accepted START or reset, and a
// refusal changes nothing else: idle or done everything holds, busy the frame runs on.
// Base, depth, stride and hints are sampled at the accepting edge only; the 32-bit ports take the
// register values as they are, so every out-of-range value is refused rather than truncated.
`default_nettype none

module frame_controller (
    input  wire        clk,
    input  wire        rst,
    input  wire        start,
    input  wire [31:0] base,
    input  wire [31:0] depth,
    input  wire [31:0] stride,
    input  wire [31:0] hints,
    output reg  [1:0]  state,          // 0 IDLE, 1 FILL, 2 RUN, 3 DONE (Java FrameState order)
    output wire        busy,
    output reg         done,
    output reg  [2:0]  error,          // 0 OK, 2 ERR_ADDR, 4 ERR_BUSY
    output reg         read_enable,
    output reg  [11:0] read_address,
    output reg         engine_enable,
    output reg         clear,
    output reg  [31:0] cycles,         // CYCLES: compute edges of the current or last frame
    output reg  [11:0] step,           // address step of the current or last frame
    output reg  [31:0] frame_hints     // hints sampled by the last accepted START
);

    localparam [1:0] IDLE = 2'd0;
    localparam [1:0] FILL = 2'd1;
    localparam [1:0] RUN  = 2'd2;
    localparam [1:0] DONE = 2'd3;

    localparam [2:0] OK       = 3'd0;
    localparam [2:0] ERR_ADDR = 3'd2;
    localparam [2:0] ERR_BUSY = 3'd4;

    localparam [7:0] OP_CONV2D = 8'h04;
    localparam [7:0] OP_CONV3D = 8'h07;

    reg [15:0] remaining;   // words still to issue after the current address

    // Step: stride x s for CONV2D, stride x s^2 for CONV3D, s = hints[21:20] + 1. Not truncated to
    // 8 bits as in the original: at most 255 x 16 = 4080 fits 12 bits (only meaningful when
    // stride <= 255, and a larger stride is refused).
    wire [11:0] s      = {10'd0, hints[21:20]} + 12'd1;
    wire [11:0] stride8 = {4'd0, stride[7:0]};
    wire [7:0]  op     = hints[7:0];
    wire [11:0] new_step = (op == OP_CONV2D) ? stride8 * s :
                           (op == OP_CONV3D) ? stride8 * s * s : stride8;

    wire depth_ok  = (depth[31:16] == 16'd0) && (depth[15:0] != 16'd0);
    wire stride_ok = (stride[31:8] == 24'd0);
    wire [15:0] depth_m1 = depth[15:0] - 16'd1;
    // base + (D-1) x step needs 34 bits: a 32-bit base plus a product below 2^28.
    wire [33:0] last = {2'd0, base} + ({18'd0, depth_m1} * {22'd0, new_step});
    wire range_ok  = (last < 34'd4096);
    wire accept_ok = depth_ok && stride_ok && range_ok;

    assign busy = (state == FILL) || (state == RUN);

    always @(posedge clk) begin
        if (rst) begin
            state         <= IDLE;
            read_address  <= 12'd0;
            read_enable   <= 1'b0;
            remaining     <= 16'd0;
            engine_enable <= 1'b0;
            clear         <= 1'b0;
            done          <= 1'b0;
            cycles        <= 32'd0;
            step          <= 12'd0;
            frame_hints   <= 32'd0;
            error         <= OK;
        end else begin
            if (engine_enable) cycles <= cycles + 32'd1;
            if (state == IDLE || state == DONE) begin
                if (start) begin
                    if (!accept_ok) begin
                        error <= ERR_ADDR;
                    end else begin
                        state         <= FILL;
                        read_address  <= base[11:0];
                        read_enable   <= 1'b1;
                        remaining     <= depth_m1;
                        engine_enable <= 1'b0;
                        clear         <= 1'b1;
                        done          <= 1'b0;
                        cycles        <= 32'd0;
                        step          <= new_step;
                        frame_hints   <= hints;
                        error         <= OK;
                    end
                end
            end else begin
                // FILL and RUN: the word read at this edge is consumed at the next one.
                if (start) error <= ERR_BUSY;
                clear         <= 1'b0;
                engine_enable <= read_enable;
                if (read_enable && remaining != 16'd0) begin
                    read_address <= read_address + step;
                    remaining    <= remaining - 16'd1;
                end else begin
                    read_enable  <= 1'b0;
                end
                if (state == FILL) begin
                    state <= RUN;
                end else if (!read_enable && !engine_enable) begin
                    state <= DONE;
                    done  <= 1'b1;
                end
            end
        end
    end

endmodule

`default_nettype wire

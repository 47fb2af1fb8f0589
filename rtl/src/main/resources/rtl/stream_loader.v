// AXI4-Stream frame loader of the fabric top. Java model: dev.lockstep.fabric.top.StreamLoader.
// Docs: docs/fabric-top.md (stream format, errors, timing).
//
// A load is a header beat, then data beats up to the one with tlast; data beat k is written at word
// base + k of the region the header names. Header: [31:24] magic 0xA5, [23:16] zero, [15:14] tile,
// [13:12] region (0 weights of the tile, 1 inputs of the tile, 2 weights of every tile, tile 0),
// [11:0] base word. Refusals (one-edge `error` code, kept by axi_lite_regs in LOAD_ERROR):
// malformed header or a data byte above 242 -> ERR_PACK (3); a tile the fabric lacks or a beat past
// word 4095 -> ERR_ADDR (2); then every beat up to tlast is discarded. The beat handshake is
// tvalid & ~blocked (tready = ~blocked is driven by the top). The bank write port is combinational
// from the beat, so the word is written at the edge of its handshake.
`default_nettype none

module stream_loader #(
    parameter integer NUM_TILES = 4
) (
    input  wire                 clk,
    input  wire                 rst,
    input  wire                 tvalid,
    input  wire [31:0]          tdata,
    input  wire                 tlast,
    input  wire                 blocked,      // a frame runs or an AXI4-Lite write is pending
    output reg  [2:0]           error,
    output reg  [NUM_TILES-1:0] weight_we,
    output reg  [NUM_TILES-1:0] input_we,
    output wire [11:0]          waddr,
    output wire [23:0]          wdata,
    output reg  [31:0]          burst_wait
);

    localparam [1:0] HEADER = 2'd0;
    localparam [1:0] DATA   = 2'd1;
    localparam [1:0] DRAIN  = 2'd2;

    localparam [2:0] OK       = 3'd0;
    localparam [2:0] ERR_ADDR = 3'd2;
    localparam [2:0] ERR_PACK = 3'd3;

    localparam [1:0] REGION_WEIGHTS   = 2'd0;
    localparam [1:0] REGION_INPUTS    = 2'd1;
    localparam [1:0] REGION_BROADCAST = 2'd2;

    localparam [NUM_TILES-1:0] ONE_TILE  = 1;
    localparam [NUM_TILES-1:0] ALL_TILES = {NUM_TILES{1'b1}};

    reg [1:0]  state;
    reg [12:0] pointer;      // 0..4096: 4096 means the bank is full
    reg [1:0]  region;
    reg [1:0]  tile;

    wire beat = tvalid & ~blocked;

    wire [1:0] hdr_region = tdata[13:12];
    wire [1:0] hdr_tile   = tdata[15:14];
    wire malformed = (tdata[31:24] != 8'hA5) || (tdata[23:16] != 8'h00) || (hdr_region == 2'd3) ||
                     (hdr_region == REGION_BROADCAST && hdr_tile != 2'd0);
    wire tile_ok = ({30'd0, hdr_tile} < NUM_TILES);
    wire pt5_ok = (tdata[7:0] <= 8'd242) && (tdata[15:8] <= 8'd242) && (tdata[23:16] <= 8'd242);
    wire [1:0] after_refusal = tlast ? HEADER : DRAIN;

    assign waddr = pointer[11:0];
    assign wdata = tdata[23:0];

    // This edge's refusal and bank writes, from the current state and the beat.
    always @(*) begin
        error     = OK;
        weight_we = {NUM_TILES{1'b0}};
        input_we  = {NUM_TILES{1'b0}};
        if (!rst && beat) begin
            if (state == HEADER) begin
                if (malformed)     error = ERR_PACK;
                else if (!tile_ok) error = ERR_ADDR;
            end else if (state == DATA) begin
                if (pointer[12])   error = ERR_ADDR;
                else if (!pt5_ok)  error = ERR_PACK;
                else if (region == REGION_WEIGHTS) weight_we = ONE_TILE << tile;
                else if (region == REGION_INPUTS)  input_we  = ONE_TILE << tile;
                else                               weight_we = ALL_TILES;
            end
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            state      <= HEADER;
            pointer    <= 13'd0;
            region     <= 2'd0;
            tile       <= 2'd0;
            burst_wait <= 32'd0;
        end else begin
            if (state == DATA && !tvalid) burst_wait <= burst_wait + 32'd1;
            if (beat) begin
                case (state)
                    HEADER: begin
                        if (malformed || !tile_ok) begin
                            state <= after_refusal;
                        end else begin
                            pointer    <= {1'b0, tdata[11:0]};
                            region     <= hdr_region;
                            tile       <= hdr_tile;
                            burst_wait <= 32'd0;
                            state      <= tlast ? HEADER : DATA;
                        end
                    end
                    DATA: begin
                        if (pointer[12] || !pt5_ok) begin
                            state <= after_refusal;
                        end else begin
                            pointer <= pointer + 13'd1;
                            state   <= tlast ? HEADER : DATA;
                        end
                    end
                    default: state <= after_refusal;
                endcase
            end
        end
    end

endmodule

`default_nettype wire

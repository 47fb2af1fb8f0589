// AXI4-Lite slave and register file of the fabric top. Java model: dev.lockstep.fabric.top.AxiLiteRegs.
// Register map, handshake timing and decisions: docs/fabric-top.md.
//
// Every output is a register or a function of registers only (plus `busy` for the bank write).
// Write: AW and W are captured independently (awready = AW slot empty, wready = W slot empty); the
// first edge with both slots full and no B pending performs the write and raises bvalid, which
// falls at the edge that sees bready. Read: arready = ~rvalid; the AR handshake edge registers
// rdata from the current state; rvalid falls at the edge that sees rready. Full 32-bit decode:
// nothing aliases, unmapped reads give 32'hDEADBEEF, refused writes answer SLVERR.
`default_nettype none

module axi_lite_regs #(
    parameter integer NUM_TILES = 4,
    parameter integer LANES     = 15
) (
    input  wire                          clk,
    input  wire                          rst,
    // AXI4-Lite slave
    input  wire                          awvalid,
    input  wire [31:0]                   awaddr,
    output wire                          awready,
    input  wire                          wvalid,
    input  wire [31:0]                   wdata,
    output wire                          wready,
    output reg                           bvalid,
    output reg  [1:0]                    bresp,
    input  wire                          bready,
    input  wire                          arvalid,
    input  wire [31:0]                   araddr,
    output wire                          arready,
    output reg                           rvalid,
    output reg  [31:0]                   rdata,
    input  wire                          rready,
    // state read back
    input  wire                          busy,
    input  wire                          done,
    input  wire [2:0]                    frame_error,
    input  wire [31:0]                   cycles,
    input  wire [31:0]                   utilization,
    input  wire [31:0]                   burst_wait,
    input  wire [NUM_TILES*LANES*32-1:0] results,
    input  wire [NUM_TILES*LANES*32-1:0] skips,
    input  wire [NUM_TILES*LANES*32-1:0] actives,
    input  wire [NUM_TILES*LANES-1:0]    overflows,
    input  wire [2:0]                    stream_error,
    // registers out
    output wire                          write_pending,
    output reg                           start_pulse,
    output reg  [31:0]                   base,
    output reg  [31:0]                   depth,
    output reg  [31:0]                   stride,
    output reg  [31:0]                   hints,
    output reg  [15:0]                   lane_count,
    output reg  [LANES-1:0]              lane_mask,
    output reg  [NUM_TILES-1:0]          tile_mask,
    // bank write port, this edge
    output reg  [NUM_TILES-1:0]          weight_we,
    output reg  [NUM_TILES-1:0]          input_we,
    output wire [11:0]                   waddr,
    output wire [23:0]                   bank_wdata
);

    localparam [1:0]  RESP_OKAY   = 2'b00;
    localparam [1:0]  RESP_SLVERR = 2'b10;
    localparam [2:0]  ERR_PACK    = 3'd3;
    localparam [2:0]  ERR_BUSY    = 3'd4;
    localparam [31:0] UNMAPPED    = 32'hDEAD_BEEF;

    localparam [31:0] A_CONTROL     = 32'h000;
    localparam [31:0] A_STATUS      = 32'h004;
    localparam [31:0] A_BASE_ADDR   = 32'h008;
    localparam [31:0] A_DEPTH       = 32'h00C;
    localparam [31:0] A_STRIDE      = 32'h010;
    localparam [31:0] A_EXEC_HINTS  = 32'h014;
    localparam [31:0] A_LANE_COUNT  = 32'h018;
    localparam [31:0] A_LANE_MASK   = 32'h01C;
    localparam [31:0] A_CYCLES      = 32'h020;
    localparam [31:0] A_UTILIZATION = 32'h024;
    localparam [31:0] A_BURST_WAIT  = 32'h068;
    localparam [31:0] A_TILE_MASK   = 32'h0B0;

    localparam [7:0]  SKIP_OFFSET     = 8'h28;
    localparam [7:0]  OVERFLOW_OFFSET = 8'h6C;
    localparam [7:0]  ACTIVE_OFFSET   = 8'h70;

    localparam [NUM_TILES-1:0] ONE_TILE  = 1;
    localparam [NUM_TILES-1:0] ALL_TILES = {NUM_TILES{1'b1}};

    reg        aw_full;
    reg [31:0] aw_addr;
    reg        w_full;
    reg [31:0] w_data;
    reg [2:0]  load_error;

    assign awready       = ~aw_full;
    assign wready        = ~w_full;
    assign arready       = ~rvalid;
    assign write_pending = aw_full & w_full;
    assign waddr         = {2'b00, aw_addr[11:2]};
    assign bank_wdata    = w_data[23:0];

    // ---- write decode of the captured address ----
    wire [3:0] window  = aw_addr[15:12];
    wire       aligned = (aw_addr[31:16] == 16'd0) && (aw_addr[1:0] == 2'b00);
    wire [2:0] window_tile = window[3:1] - {2'b00, ~window[0]};   // (window - 1) >> 1 for 1..8
    wire is_broadcast = aligned && (window == 4'h9);
    wire is_tile_bank = aligned && (window >= 4'h1) && (window <= 4'h8) && ({29'd0, window_tile} < NUM_TILES);
    wire is_bank      = is_broadcast || is_tile_bank;
    wire is_control   = (aw_addr == A_CONTROL);
    wire is_config    = (aw_addr == A_BASE_ADDR) || (aw_addr == A_DEPTH) || (aw_addr == A_STRIDE) ||
                        (aw_addr == A_EXEC_HINTS) || (aw_addr == A_LANE_COUNT) ||
                        (aw_addr == A_LANE_MASK) || (aw_addr == A_TILE_MASK);
    wire pt5_ok  = (w_data[7:0] <= 8'd242) && (w_data[15:8] <= 8'd242) && (w_data[23:16] <= 8'd242);
    wire perform = aw_full && w_full && !bvalid;

    // Bank write enables of this edge.
    always @(*) begin
        weight_we = {NUM_TILES{1'b0}};
        input_we  = {NUM_TILES{1'b0}};
        if (!rst && perform && is_bank && !busy && pt5_ok) begin
            if (is_broadcast)   weight_we = ALL_TILES;
            else if (window[0]) weight_we = ONE_TILE << window_tile;
            else                input_we  = ONE_TILE << window_tile;
        end
    end

    // ---- read decode ----
    wire        status_busy = busy | start_pulse;
    wire        status_done = done & ~start_pulse;
    wire [2:0]  status_ferr = start_pulse ? 3'd0 : frame_error;
    wire [31:0] status_word = {8'd0, 5'd0, load_error, 5'd0, status_ferr, 6'd0, status_done, status_busy};

    wire        r_aligned = (araddr[31:12] == 20'd0) && (araddr[1:0] == 2'b00);
    wire [3:0]  r_block   = araddr[11:8];
    wire [7:0]  r_offset  = araddr[7:0];
    // Tile of a counter block: 0 for block 0, block - 1 for blocks 2..; results: a[7:6], lane a[5:2].
    wire [3:0]  r_tile    = (r_block == 4'd0) ? 4'd0 : r_block - 4'd1;
    wire [5:0]  skip_lane   = r_offset[7:2] - SKIP_OFFSET[7:2];
    wire [5:0]  active_lane = r_offset[7:2] - ACTIVE_OFFSET[7:2];
    wire [1:0]  res_tile = r_offset[7:6];
    wire [3:0]  res_lane = r_offset[5:2];

    reg [31:0] counter_word;
    reg [31:0] read_word;
    integer idx;

    always @(*) begin
        counter_word = UNMAPPED;
        idx = 0;
        if ({28'd0, r_tile} < NUM_TILES) begin
            if (r_offset == OVERFLOW_OFFSET) begin
                counter_word = 32'd0;
                counter_word[LANES-1:0] = overflows[r_tile * LANES +: LANES];
            end else if (r_offset >= SKIP_OFFSET && {26'd0, skip_lane} < LANES) begin
                idx = {28'd0, r_tile} * LANES + {26'd0, skip_lane};
                counter_word = skips[idx * 32 +: 32];
            end else if (r_offset >= ACTIVE_OFFSET && {26'd0, active_lane} < LANES) begin
                idx = {28'd0, r_tile} * LANES + {26'd0, active_lane};
                counter_word = actives[idx * 32 +: 32];
            end
        end
    end

    always @(*) begin
        read_word = UNMAPPED;
        if (r_aligned) begin
            if (r_block == 4'd0) begin
                case ({24'd0, r_offset})
                    A_CONTROL:     read_word = 32'd0;
                    A_STATUS:      read_word = status_word;
                    A_BASE_ADDR:   read_word = base;
                    A_DEPTH:       read_word = depth;
                    A_STRIDE:      read_word = stride;
                    A_EXEC_HINTS:  read_word = hints;
                    A_LANE_COUNT:  read_word = {16'd0, lane_count};
                    A_LANE_MASK:   begin read_word = 32'd0; read_word[LANES-1:0] = lane_mask; end
                    A_CYCLES:      read_word = cycles;
                    A_UTILIZATION: read_word = utilization;
                    A_BURST_WAIT:  read_word = burst_wait;
                    A_TILE_MASK:   begin read_word = 32'd0; read_word[NUM_TILES-1:0] = tile_mask; end
                    default:       read_word = counter_word;
                endcase
            end else if (r_block == 4'd1) begin
                if ({30'd0, res_tile} < NUM_TILES && {28'd0, res_lane} < LANES)
                    read_word = results[({30'd0, res_tile} * LANES + {28'd0, res_lane}) * 32 +: 32];
            end else begin
                read_word = counter_word;
            end
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            aw_full     <= 1'b0;
            aw_addr     <= 32'd0;
            w_full      <= 1'b0;
            w_data      <= 32'd0;
            bvalid      <= 1'b0;
            bresp       <= RESP_OKAY;
            rvalid      <= 1'b0;
            rdata       <= 32'd0;
            start_pulse <= 1'b0;
            load_error  <= 3'd0;
            base        <= 32'd0;
            depth       <= 32'd0;
            stride      <= 32'd0;
            hints       <= 32'd0;
            lane_count  <= LANES[15:0];
            lane_mask   <= {LANES{1'b1}};
            tile_mask   <= ALL_TILES;
        end else begin
            start_pulse <= 1'b0;
            if (stream_error != 3'd0) load_error <= stream_error;
            if (awvalid && !aw_full) begin
                aw_full <= 1'b1;
                aw_addr <= awaddr;
            end
            if (wvalid && !w_full) begin
                w_full <= 1'b1;
                w_data <= wdata;
            end
            if (bvalid && bready) bvalid <= 1'b0;
            if (perform) begin
                aw_full <= 1'b0;
                w_full  <= 1'b0;
                bvalid  <= 1'b1;
                bresp   <= RESP_OKAY;
                if (is_control) begin
                    start_pulse <= w_data[0];
                    if (w_data[0] && !busy) load_error <= 3'd0;
                end else if (!is_bank && !is_config) begin
                    bresp <= RESP_SLVERR;
                end else if (busy) begin
                    bresp      <= RESP_SLVERR;
                    load_error <= ERR_BUSY;
                end else if (is_bank) begin
                    if (!pt5_ok) begin
                        bresp      <= RESP_SLVERR;
                        load_error <= ERR_PACK;
                    end
                end else begin
                    case (aw_addr)
                        A_BASE_ADDR:  base       <= w_data;
                        A_DEPTH:      depth      <= w_data;
                        A_STRIDE:     stride     <= w_data;
                        A_EXEC_HINTS: hints      <= w_data;
                        A_LANE_COUNT: lane_count <= w_data[15:0];
                        A_LANE_MASK:  lane_mask  <= w_data[LANES-1:0];
                        default:      tile_mask  <= w_data[NUM_TILES-1:0];
                    endcase
                end
            end
            if (arvalid && !rvalid) begin
                rvalid <= 1'b1;
                rdata  <= read_word;
            end else if (rvalid && rready) begin
                rvalid <= 1'b0;
            end
        end
    end

endmodule

`default_nettype wire

// The multi-tile fabric: NUM_TILES tile_datapaths run in lockstep by ONE frame_controller, the
// AXI4-Lite register block (axi_lite_regs) and the AXI4-Stream loader (stream_loader).
// Java model: dev.lockstep.fabric.top.FabricTop. Docs: docs/fabric-top.md.
//
// Reset is synchronous and active high. TILE_MASK gates each tile's engine enable only: a masked
// tile sees the frame's edges but gains no utilization. CYCLES is the controller's count (the
// frame's compute edges whatever the mask); UTILIZATION sums the tiles' counts. At most one loader
// writes the banks at an edge: the stream is held off (tready low) while an AXI4-Lite write is
// pending, and both while a frame runs. `busy` and `done` are the controller's, as pins.
`default_nettype none

module fabric_top #(
    parameter integer NUM_TILES = 4,
    parameter integer LANES     = 15
) (
    input  wire        clk,
    input  wire        rst,
    input  wire        s_axi_awvalid,
    input  wire [31:0] s_axi_awaddr,
    output wire        s_axi_awready,
    input  wire        s_axi_wvalid,
    input  wire [31:0] s_axi_wdata,
    output wire        s_axi_wready,
    output wire        s_axi_bvalid,
    output wire [1:0]  s_axi_bresp,
    input  wire        s_axi_bready,
    input  wire        s_axi_arvalid,
    input  wire [31:0] s_axi_araddr,
    output wire        s_axi_arready,
    output wire        s_axi_rvalid,
    output wire [31:0] s_axi_rdata,
    output wire [1:0]  s_axi_rresp,
    input  wire        s_axi_rready,
    input  wire        s_axis_tvalid,
    input  wire [31:0] s_axis_tdata,
    input  wire        s_axis_tlast,
    output wire        s_axis_tready,
    output wire        busy,
    output wire        done
);

    wire                          write_pending;
    wire                          start_pulse;
    wire [31:0]                   base, depth, stride, hints;
    wire [15:0]                   lane_count;
    wire [LANES-1:0]              lane_mask;
    wire [NUM_TILES-1:0]          tile_mask;
    wire [NUM_TILES-1:0]          axi_weight_we, axi_input_we, stream_weight_we, stream_input_we;
    wire [11:0]                   axi_waddr, stream_waddr;
    wire [23:0]                   axi_wdata, stream_wdata;
    wire [2:0]                    stream_error, frame_error;
    wire [31:0]                   burst_wait, cycles;
    wire [NUM_TILES*LANES*32-1:0] results, skips, actives;
    wire [NUM_TILES*LANES-1:0]    overflows;
    wire [NUM_TILES*32-1:0]       tile_utilization;
    wire                          read_enable, engine_enable, clear;
    wire [11:0]                   read_address;
    wire [31:0]                   frame_hints;
    reg  [31:0]                   utilization_sum;

    assign s_axi_rresp   = 2'b00;
    assign s_axis_tready = ~(busy | write_pending);

    axi_lite_regs #(.NUM_TILES (NUM_TILES), .LANES (LANES)) regs (
        .clk (clk), .rst (rst),
        .awvalid (s_axi_awvalid), .awaddr (s_axi_awaddr), .awready (s_axi_awready),
        .wvalid (s_axi_wvalid), .wdata (s_axi_wdata), .wready (s_axi_wready),
        .bvalid (s_axi_bvalid), .bresp (s_axi_bresp), .bready (s_axi_bready),
        .arvalid (s_axi_arvalid), .araddr (s_axi_araddr), .arready (s_axi_arready),
        .rvalid (s_axi_rvalid), .rdata (s_axi_rdata), .rready (s_axi_rready),
        .busy (busy), .done (done), .frame_error (frame_error), .cycles (cycles),
        .utilization (utilization_sum), .burst_wait (burst_wait),
        .results (results), .skips (skips), .actives (actives), .overflows (overflows),
        .stream_error (stream_error),
        .write_pending (write_pending), .start_pulse (start_pulse),
        .base (base), .depth (depth), .stride (stride), .hints (hints),
        .lane_count (lane_count), .lane_mask (lane_mask), .tile_mask (tile_mask),
        .weight_we (axi_weight_we), .input_we (axi_input_we), .waddr (axi_waddr), .bank_wdata (axi_wdata)
    );

    stream_loader #(.NUM_TILES (NUM_TILES)) stream (
        .clk (clk), .rst (rst),
        .tvalid (s_axis_tvalid), .tdata (s_axis_tdata), .tlast (s_axis_tlast),
        .blocked (busy | write_pending),
        .error (stream_error), .weight_we (stream_weight_we), .input_we (stream_input_we),
        .waddr (stream_waddr), .wdata (stream_wdata), .burst_wait (burst_wait)
    );

    // The controller's state and step are for its own cosim; the top does not need them.
    /* verilator lint_off PINCONNECTEMPTY */
    frame_controller controller (
        .clk (clk), .rst (rst), .start (start_pulse),
        .base (base), .depth (depth), .stride (stride), .hints (hints),
        .state (), .busy (busy), .done (done), .error (frame_error),
        .read_enable (read_enable), .read_address (read_address),
        .engine_enable (engine_enable), .clear (clear), .cycles (cycles), .step (),
        .frame_hints (frame_hints)
    );
    /* verilator lint_on PINCONNECTEMPTY */

    wire        axi_writes = |(axi_weight_we | axi_input_we);
    wire [NUM_TILES-1:0] weight_we = axi_weight_we | stream_weight_we;
    wire [NUM_TILES-1:0] input_we  = axi_input_we | stream_input_we;
    wire [11:0] waddr = axi_writes ? axi_waddr : stream_waddr;
    wire [23:0] wdata = axi_writes ? axi_wdata : stream_wdata;

    genvar t;
    generate
        for (t = 0; t < NUM_TILES; t = t + 1) begin : tile
            tile_datapath #(.LANES (LANES)) datapath (
                .clk (clk), .rst (rst),
                .read_enable (read_enable), .read_address (read_address),
                .engine_enable (engine_enable), .clear (clear), .hints (frame_hints),
                .tile_enable (tile_mask[t]), .lane_count (lane_count), .lane_mask (lane_mask),
                .weight_we (weight_we[t]), .input_we (input_we[t]), .waddr (waddr), .wdata (wdata),
                .acc (results[t*LANES*32 +: LANES*32]),
                .skip_count (skips[t*LANES*32 +: LANES*32]),
                .active_cycles (actives[t*LANES*32 +: LANES*32]),
                .overflow (overflows[t*LANES +: LANES]),
                .utilization (tile_utilization[t*32 +: 32])
            );
        end
    endgenerate

    integer i;
    always @(*) begin
        utilization_sum = 32'd0;
        for (i = 0; i < NUM_TILES; i = i + 1) utilization_sum = utilization_sum + tile_utilization[i*32 +: 32];
    end

endmodule

`default_nettype wire

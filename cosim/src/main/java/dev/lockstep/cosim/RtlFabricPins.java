package dev.lockstep.cosim;

import dev.lockstep.fabric.top.FabricPins;

/**
 * The ports of a verilated fabric_top.v as {@link FabricPins}: inputs are poked in place, one
 * {@link VerilatedModel#tick()} is an edge, outputs are registers read in place. No native call besides
 * the tick, no allocation per edge.
 */
final class RtlFabricPins implements FabricPins {
    private final VerilatedModel model;
    private final Port rst;
    private final Port awvalid;
    private final Port awaddr;
    private final Port wvalid;
    private final Port wdata;
    private final Port bready;
    private final Port arvalid;
    private final Port araddr;
    private final Port rready;
    private final Port tvalid;
    private final Port tdata;
    private final Port tlast;
    private final Port awready;
    private final Port wready;
    private final Port bvalid;
    private final Port bresp;
    private final Port arready;
    private final Port rvalid;
    private final Port rdata;
    private final Port tready;
    private final Port busy;
    private final Port done;

    RtlFabricPins(VerilatedModel model) {
        this.model = model;
        rst = model.port("rst");
        awvalid = model.port("s_axi_awvalid");
        awaddr = model.port("s_axi_awaddr");
        wvalid = model.port("s_axi_wvalid");
        wdata = model.port("s_axi_wdata");
        bready = model.port("s_axi_bready");
        arvalid = model.port("s_axi_arvalid");
        araddr = model.port("s_axi_araddr");
        rready = model.port("s_axi_rready");
        tvalid = model.port("s_axis_tvalid");
        tdata = model.port("s_axis_tdata");
        tlast = model.port("s_axis_tlast");
        awready = model.port("s_axi_awready");
        wready = model.port("s_axi_wready");
        bvalid = model.port("s_axi_bvalid");
        bresp = model.port("s_axi_bresp");
        arready = model.port("s_axi_arready");
        rvalid = model.port("s_axi_rvalid");
        rdata = model.port("s_axi_rdata");
        tready = model.port("s_axis_tready");
        busy = model.port("busy");
        done = model.port("done");
    }

    private static long bit(boolean b) {
        return b ? 1 : 0;
    }

    @Override
    public void setReset(boolean reset) {
        rst.poke(bit(reset));
    }

    @Override
    public void setWriteChannels(boolean awvalid, int awaddr, boolean wvalid, int wdata, boolean bready) {
        this.awvalid.poke(bit(awvalid));
        this.awaddr.poke(awaddr);
        this.wvalid.poke(bit(wvalid));
        this.wdata.poke(wdata);
        this.bready.poke(bit(bready));
    }

    @Override
    public void setReadChannels(boolean arvalid, int araddr, boolean rready) {
        this.arvalid.poke(bit(arvalid));
        this.araddr.poke(araddr);
        this.rready.poke(bit(rready));
    }

    @Override
    public void setStream(boolean tvalid, int tdata, boolean tlast) {
        this.tvalid.poke(bit(tvalid));
        this.tdata.poke(tdata);
        this.tlast.poke(bit(tlast));
    }

    @Override
    public void step() {
        model.tick();
    }

    @Override
    public boolean awready() {
        return awready.peek() != 0;
    }

    @Override
    public boolean wready() {
        return wready.peek() != 0;
    }

    @Override
    public boolean bvalid() {
        return bvalid.peek() != 0;
    }

    @Override
    public int bresp() {
        return (int) bresp.peek();
    }

    @Override
    public boolean arready() {
        return arready.peek() != 0;
    }

    @Override
    public boolean rvalid() {
        return rvalid.peek() != 0;
    }

    @Override
    public int rdata() {
        return (int) rdata.peek();
    }

    @Override
    public boolean tready() {
        return tready.peek() != 0;
    }

    @Override
    public boolean busy() {
        return busy.peek() != 0;
    }

    @Override
    public boolean done() {
        return done.peek() != 0;
    }
}

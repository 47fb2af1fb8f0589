package dev.lockstep.fabric.top;

/**
 * The ports of a fabric top (fabric_top.v): AXI4-Lite slave, AXI4-Stream slave, busy and done, and
 * one clock edge. The Java model ({@link FabricTop}) and the verilated RTL both offer it, so one
 * {@link AxiMaster} and one {@link FabricHost} drive either. Every output is a register, so it may be
 * read before the inputs of the coming edge are set.
 */
public interface FabricPins {
    void setReset(boolean reset);

    /** AW, W and B channel inputs. */
    void setWriteChannels(boolean awvalid, int awaddr, boolean wvalid, int wdata, boolean bready);

    /** AR and R channel inputs. */
    void setReadChannels(boolean arvalid, int araddr, boolean rready);

    /** AXI4-Stream slave inputs. */
    void setStream(boolean tvalid, int tdata, boolean tlast);

    /** One rising clock edge with the inputs set. */
    void step();

    boolean awready();

    boolean wready();

    boolean bvalid();

    int bresp();

    boolean arready();

    boolean rvalid();

    int rdata();

    boolean tready();

    boolean busy();

    boolean done();
}

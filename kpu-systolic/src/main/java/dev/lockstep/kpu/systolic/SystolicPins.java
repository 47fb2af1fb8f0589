package dev.lockstep.kpu.systolic;

/**
 * The ports of an R x C systolic array as the feeder ({@link PeMatmul}) drives them, one rising edge
 * per {@link #step()}: the contract of docs/systolic.md, section "Ports and per-cycle behaviour".
 * {@link SystolicArray} is the Java register-level implementation; cosim adapts the verilated
 * {@code systolic_array} to the same pins, so one feeder runs both fidelities.
 */
public interface SystolicPins {
    int rows();

    int cols();

    /** OS or WS (IS runs on WS hardware). */
    Dataflow hardware();

    DType dtype();

    /** west_data/valid/bank[row]; bits above the operand width are dropped. */
    void setWest(int row, int bits, boolean valid, int bank);

    /** north_data[col]: operand B (OS) or the weight being shifted in (WS). */
    void setNorth(int col, int bits);

    /** OS: drain and drain_bank. Ignored by WS hardware. */
    void setDrain(boolean drain, int bank);

    /** WS: wload and wload_bank. Ignored by OS hardware. */
    void setWeightLoad(boolean wload, int bank);

    /** One rising edge. */
    void step();

    /** south_data[col] after the last edge, in the format of {@link SystolicArray#southData}. */
    long southData(int col);

    boolean southValid(int col);

    /**
     * MACs performed since construction or reset. Every valid west operand meets all C columns, so an
     * implementation without its own counter may count valid west inputs times C: exact once the array
     * has drained.
     */
    long macs();
}

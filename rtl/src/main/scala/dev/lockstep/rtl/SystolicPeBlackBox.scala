package dev.lockstep.rtl

import chisel3._
import chisel3.experimental.IntParam

/**
 * The hand-written systolic_pe.v seen from Chisel, so every PE of the generated array is that one
 * Verilog module. Parameters go through as Verilog parameters (one module, many instances), not as
 * Chisel elaboration constants. Port meanings: the header of systolic_pe.v.
 */
class SystolicPeBlackBox(w: Int, acc: Int, dataflow: SystolicDataflow)
    extends BlackBox(Map("W" -> IntParam(w), "ACC" -> IntParam(acc), "DATAFLOW" -> IntParam(dataflow.code))) {
  override def desiredName: String = "systolic_pe"

  val io = IO(new Bundle {
    val clk = Input(Clock())
    val rst = Input(Bool())
    val a_in = Input(UInt(w.W))
    val av_in = Input(Bool())
    val ab_in = Input(Bool())
    val n_in = Input(UInt(w.W))
    val ctl = Input(Bool())
    val ctl_bank = Input(Bool())
    val s_in = Input(UInt(acc.W))
    val sv_in = Input(Bool())
    val a_out = Output(UInt(w.W))
    val av_out = Output(Bool())
    val ab_out = Output(Bool())
    val n_out = Output(UInt(w.W))
    val s_out = Output(UInt(acc.W))
    val sv_out = Output(Bool())
  })
}

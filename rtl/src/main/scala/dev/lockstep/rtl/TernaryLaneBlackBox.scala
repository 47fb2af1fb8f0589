package dev.lockstep.rtl

import chisel3._

/**
 * The hand-written ternary_lane.v seen from Chisel, so the vector engine reuses the one lane RTL.
 * No HasBlackBoxResource: string emission would leave its annotation unprocessed, and
 * RtlSources.vectorEngine hands out ternary_lane.v from the same resource next to the engine.
 */
class TernaryLaneBlackBox extends BlackBox {
  override def desiredName: String = "ternary_lane"

  val io = IO(new Bundle {
    val clk = Input(Clock())
    val rst = Input(Bool())
    val en = Input(Bool())
    val clear = Input(Bool())
    val hints = Input(UInt(32.W))
    val weight = Input(UInt(2.W))
    val trit_in = Input(UInt(2.W))
    val acc = Output(UInt(32.W))
    val skip_count = Output(UInt(32.W))
    val active_cycles = Output(UInt(32.W))
    val overflow = Output(Bool())
  })
}

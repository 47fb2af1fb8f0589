package dev.lockstep.rtl
import chisel3._
import circt.stage.ChiselStage
class Probe extends Module { val io = IO(new Bundle { val a = Input(UInt(8.W)); val q = Output(UInt(8.W)) }); io.q := RegNext(io.a + 1.U) }
object Probe { def emit(): String = ChiselStage.emitSystemVerilog(new Probe) }

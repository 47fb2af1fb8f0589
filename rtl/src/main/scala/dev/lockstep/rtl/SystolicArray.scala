package dev.lockstep.rtl

import chisel3._

/**
 * Parameters of a generated systolic array: R x C PEs, dataflow, operand width W and accumulator
 * width ACC (integers; ACC >= 2W so a full product fits). Java model: dev.lockstep.kpu.systolic.SystolicArray.
 */
case class SystolicArrayParams(rows: Int, cols: Int, dataflow: SystolicDataflow, operandWidth: Int, accWidth: Int) {
  if (rows < 1 || rows > SystolicArrayParams.MaxSide || cols < 1 || cols > SystolicArrayParams.MaxSide)
    throw new IllegalArgumentException(
      s"systolic array rows and cols must be in 1..${SystolicArrayParams.MaxSide}, got $rows x $cols")
  if (operandWidth < 2 || operandWidth > 32)
    throw new IllegalArgumentException(s"systolic array operand width must be in 2..32, got $operandWidth")
  if (accWidth < 2 * operandWidth || accWidth > 64)
    throw new IllegalArgumentException(
      s"systolic array accumulator width must be in ${2 * operandWidth}..64 (at least twice the operand width), got $accWidth")

  /** e.g. 4x4-os for int8, 4x4-ws-w16-acc64 otherwise: the suffix of the emitted file names. */
  def tag: String = {
    val base = s"${rows}x$cols-${dataflow.lowerName}"
    if (operandWidth == 8 && accWidth == 32) base else s"$base-w$operandWidth-acc$accWidth"
  }
}

object SystolicArrayParams {
  val MaxSide: Int = 64

  /** int8 x int8 -> int32, the widths the co-simulation covers. */
  def int8(rows: Int, cols: Int, dataflow: SystolicDataflow): SystolicArrayParams =
    SystolicArrayParams(rows, cols, dataflow, 8, 32)
}

/**
 * The R x C array of docs/systolic.md: a grid of systolic_pe black boxes. The operand moves east
 * along each row from west_*_i, the north chain (B in OS, weights in WS) moves south down each column
 * from north_data_j, and the south chain (drain registers in OS, partial sums in WS) leaves at the
 * bottom as south_*_j. The array itself has no registers and does no skewing: the feeder does.
 * Only the control pins of its dataflow exist (drain/drain_bank for OS, wload/wload_bank for WS).
 */
class SystolicArray(val p: SystolicArrayParams) extends Module {
  override def desiredName: String = "systolic_array"

  private val os = p.dataflow == SystolicDataflow.OS

  val io = FlatIO(new Bundle {
    val west_data = Input(Vec(p.rows, UInt(p.operandWidth.W)))
    val west_valid = Input(Vec(p.rows, Bool()))
    val west_bank = Input(Vec(p.rows, Bool()))
    val north_data = Input(Vec(p.cols, UInt(p.operandWidth.W)))
    val drain = if (os) Some(Input(Bool())) else None
    val drain_bank = if (os) Some(Input(Bool())) else None
    val wload = if (os) None else Some(Input(Bool()))
    val wload_bank = if (os) None else Some(Input(Bool()))
    val south_data = Output(Vec(p.cols, UInt(p.accWidth.W)))
    val south_valid = Output(Vec(p.cols, Bool()))
  })

  private val ctl = if (os) io.drain.get else io.wload.get
  private val ctlBank = if (os) io.drain_bank.get else io.wload_bank.get

  private val pe = Seq.tabulate(p.rows, p.cols) { (i, j) =>
    val unit = Module(new SystolicPeBlackBox(p.operandWidth, p.accWidth, p.dataflow)).suggestName(s"pe_${i}_$j")
    unit.io.clk := clock
    unit.io.rst := reset.asBool
    unit.io.ctl := ctl
    unit.io.ctl_bank := ctlBank
    unit
  }

  for (i <- 0 until p.rows; j <- 0 until p.cols) {
    val u = pe(i)(j).io
    if (j == 0) {
      u.a_in := io.west_data(i)
      u.av_in := io.west_valid(i)
      u.ab_in := io.west_bank(i)
    } else {
      val left = pe(i)(j - 1).io
      u.a_in := left.a_out
      u.av_in := left.av_out
      u.ab_in := left.ab_out
    }
    if (i == 0) {
      u.n_in := io.north_data(j)
      u.s_in := 0.U
      // WS: a partial sum starts valid at the top when the operand entering the PE is valid.
      u.sv_in := (if (os) false.B else u.av_in)
    } else {
      val up = pe(i - 1)(j).io
      u.n_in := up.n_out
      u.s_in := up.s_out
      u.sv_in := up.sv_out
    }
  }

  for (j <- 0 until p.cols) {
    io.south_data(j) := pe(p.rows - 1)(j).io.s_out
    io.south_valid(j) := pe(p.rows - 1)(j).io.sv_out
  }

  // The east operand of the last column and the north chain of the last row lead nowhere. Left
  // open they become empty pin connections, which verilator -Wall flags (PINCONNECTEMPTY); kept as
  // wires named *_unused they match Verilator's default --unused-regexp and the lint stays clean.
  for (i <- 0 until p.rows) {
    val last = pe(i)(p.cols - 1).io
    keepUnused(last.a_out, s"pe_${i}_${p.cols - 1}_a_out")
    keepUnused(last.av_out, s"pe_${i}_${p.cols - 1}_av_out")
    keepUnused(last.ab_out, s"pe_${i}_${p.cols - 1}_ab_out")
  }
  for (j <- 0 until p.cols) {
    keepUnused(pe(p.rows - 1)(j).io.n_out, s"pe_${p.rows - 1}_${j}_n_out")
  }

  private def keepUnused(signal: Data, name: String): Unit = {
    val w = WireDefault(signal).suggestName(s"${name}_unused")
    dontTouch(w)
  }
}

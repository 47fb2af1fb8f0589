package dev.lockstep.rtl

import chisel3._
import chisel3.util.PopCount

/**
 * N ternary lanes sharing enable, clear and hints, with per-lane enable from lane_count and
 * lane_mask, optional weight broadcast from lane 0, and the engine's cycle and utilization counters.
 * Java model: dev.lockstep.fabric.VectorEngine.
 */
class VectorEngine(val lanes: Int) extends Module {
  require(lanes >= 1 && lanes <= VectorEngine.MaxLanes,
    s"vector_engine lanes must be in 1..${VectorEngine.MaxLanes}, got $lanes")

  override def desiredName: String = "vector_engine"

  val io = IO(new Bundle {
    val en = Input(Bool())
    val clear = Input(Bool())
    val hints = Input(UInt(32.W))
    val lane_count = Input(UInt(16.W))
    val lane_mask = Input(UInt(lanes.W))
    val weight = Input(Vec(lanes, UInt(2.W)))
    val trit_in = Input(Vec(lanes, UInt(2.W)))
    val acc = Output(Vec(lanes, UInt(32.W)))
    val skip_count = Output(Vec(lanes, UInt(32.W)))
    val active_cycles = Output(Vec(lanes, UInt(32.W)))
    val overflow = Output(UInt(lanes.W))
    val cycle_count = Output(UInt(32.W))
    val utilization = Output(UInt(32.W))
  })

  private val broadcast = io.hints(VectorEngine.WeightBroadcastBit)

  private val laneEnabled = (0 until lanes).map(i => io.lane_count > i.U && io.lane_mask(i))

  private val units = (0 until lanes).map { i =>
    val lane = Module(new TernaryLaneBlackBox).suggestName(s"lane_$i")
    lane.io.clk := clock
    lane.io.rst := reset.asBool
    lane.io.en := io.en && laneEnabled(i)
    lane.io.clear := io.clear
    lane.io.hints := io.hints
    lane.io.weight := Mux(broadcast, io.weight(0), io.weight(i))
    lane.io.trit_in := io.trit_in(i)
    io.acc(i) := lane.io.acc
    io.skip_count(i) := lane.io.skip_count
    io.active_cycles(i) := lane.io.active_cycles
    lane
  }
  io.overflow := VecInit(units.map(_.io.overflow)).asUInt

  private val cycleCount = RegInit(0.U(32.W))
  private val utilization = RegInit(0.U(32.W))
  when(io.clear) {
    cycleCount := 0.U
    utilization := 0.U
  }.elsewhen(io.en) {
    cycleCount := cycleCount + 1.U
    utilization := utilization + PopCount(laneEnabled)
  }
  io.cycle_count := cycleCount
  io.utilization := utilization
}

object VectorEngine {
  val MaxLanes: Int = 64
  val WeightBroadcastBit: Int = 19
}

package dev.lockstep.rtl

import java.nio.charset.StandardCharsets
import java.util.concurrent.ConcurrentHashMap
import java.util.{Collections, LinkedHashMap => JLinkedHashMap, Map => JMap}

import circt.stage.ChiselStage

/**
 * Java-callable access to the RTL: the hand-written Verilog as text and the Chisel generators
 * elaborated to SystemVerilog. From Java: `RtlSources.ternaryLane()`, `RtlSources.vectorEngine(15)`,
 * `RtlSources.systolicArray(16, 16, "ws")`.
 */
object RtlSources {
  val TernaryLaneResource: String = "/rtl/ternary_lane.v"
  val TernaryLaneFile: String = "ternary_lane.v"
  val VectorEngineFile: String = "vector_engine.sv"
  val SystolicPeResource: String = "/rtl/systolic_pe.v"
  val SystolicPeFile: String = "systolic_pe.v"
  val SystolicArrayFile: String = "systolic_array.sv"

  // firtool runs as a subprocess for every elaboration (about a second), so each N is done once.
  private val vectorEngines = new ConcurrentHashMap[Integer, JMap[String, String]]()
  private val systolicArrays = new ConcurrentHashMap[SystolicArrayParams, JMap[String, String]]()

  /** Text of ternary_lane.v (module ternary_lane). */
  def ternaryLane(): String = resource(TernaryLaneResource)

  /** Text of systolic_pe.v (module systolic_pe, parameters W, ACC, DATAFLOW). */
  def systolicPe(): String = resource(SystolicPeResource)

  /**
   * Every file needed to build an int8 R x C systolic array of dataflow "os" or "ws", file name to
   * text: systolic_pe.v then systolic_array.sv (top module systolic_array). Unmodifiable.
   */
  def systolicArray(rows: Int, cols: Int, dataflow: String): JMap[String, String] =
    systolicArray(SystolicArrayParams.int8(rows, cols, SystolicDataflow.parse(dataflow)))

  /** As above for any parameters; each distinct set is elaborated once (firtool takes about a second). */
  def systolicArray(params: SystolicArrayParams): JMap[String, String] =
    systolicArrays.computeIfAbsent(params, p => {
      val files = new JLinkedHashMap[String, String]()
      files.put(SystolicPeFile, systolicPe())
      files.put(SystolicArrayFile, emit(new SystolicArray(p)))
      Collections.unmodifiableMap(files)
    })

  private def resource(name: String): String = {
    val in = getClass.getResourceAsStream(name)
    if (in == null) throw new IllegalStateException(s"missing resource $name in the rtl jar")
    try new String(in.readAllBytes(), StandardCharsets.UTF_8)
    finally in.close()
  }

  /**
   * Every file needed to build an N-lane vector engine, file name to text, in dependency order:
   * ternary_lane.v then vector_engine.sv (top module vector_engine). The map is unmodifiable.
   */
  def vectorEngine(lanes: Int): JMap[String, String] = {
    if (lanes < 1 || lanes > VectorEngine.MaxLanes)
      throw new IllegalArgumentException(s"vector engine lanes must be in 1..${VectorEngine.MaxLanes}, got $lanes")
    vectorEngines.computeIfAbsent(lanes, _ => elaborate(lanes))
  }

  private def elaborate(lanes: Int): JMap[String, String] = {
    val files = new JLinkedHashMap[String, String]()
    files.put(TernaryLaneFile, ternaryLane())
    files.put(VectorEngineFile, emit(new VectorEngine(lanes)))
    Collections.unmodifiableMap(files)
  }

  private def emit(gen: => chisel3.RawModule): String =
    firstFile(ChiselStage.emitSystemVerilog(gen, firtoolOpts = Array("-disable-all-randomization", "-strip-debug-info")))

  // emitSystemVerilog appends black-box resources and layer files after "// ----- 8< -----"
  // markers; the generated module is the first part, and the black boxes' Verilog is supplied separately.
  private def firstFile(emitted: String): String = {
    val cut = emitted.indexOf("// ----- 8< -----")
    if (cut < 0) emitted else emitted.substring(0, cut)
  }
}

package dev.lockstep.rtl

import java.nio.charset.StandardCharsets
import java.util.concurrent.ConcurrentHashMap
import java.util.{Collections, LinkedHashMap => JLinkedHashMap, Map => JMap}

import circt.stage.ChiselStage

/**
 * Java-callable access to the RTL: the hand-written Verilog as text and the Chisel generators
 * elaborated to SystemVerilog. From Java: `RtlSources.ternaryLane()`, `RtlSources.vectorEngine(15)`,
 * `RtlSources.systolicArray(16, 16, "ws")`, `RtlSources.pt5Unpacker()`, `RtlSources.frameController()`,
 * `RtlSources.tileSram()`, `RtlSources.fabricTop()`.
 */
object RtlSources {
  val TernaryLaneResource: String = "/rtl/ternary_lane.v"
  val TernaryLaneFile: String = "ternary_lane.v"
  val VectorEngineFile: String = "vector_engine.sv"
  val SystolicPeResource: String = "/rtl/systolic_pe.v"
  val SystolicPeFile: String = "systolic_pe.v"
  val SystolicArrayFile: String = "systolic_array.sv"
  val Pt5UnpackerFile: String = "pt5_unpacker.v"
  val FrameControllerFile: String = "frame_controller.v"
  val TileSramFile: String = "tile_sram.v"
  val FabricTopFile: String = "fabric_top.v"
  /** The fabric top's hand-written blocks above the shared ones, in dependency order. */
  val FabricTopBlocks: Seq[String] = Seq("tile_datapath.v", "axi_lite_regs.v", "stream_loader.v", FabricTopFile)
  /** Tiles and lanes of fabric_top's parameter defaults, the size fabricTop() builds. */
  val FabricTiles: Int = 4
  val FabricLanes: Int = 15

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

  /** Text of pt5_unpacker.v (module pt5_unpacker, combinational). */
  def pt5Unpacker(): String = resource("/rtl/" + Pt5UnpackerFile)

  /** Text of frame_controller.v (module frame_controller, clock clk, reset rst). */
  def frameController(): String = resource("/rtl/" + FrameControllerFile)

  /** Text of tile_sram.v (module tile_sram, clock clk, no reset). */
  def tileSram(): String = resource("/rtl/" + TileSramFile)

  /**
   * Every file of the 4-tile, 15-lane fabric top (top module fabric_top, clock clk, reset rst), file
   * name to text, in dependency order: the lane and the Chisel engine, its bus wrapper, the
   * unpacker, bank and controller, then tile_datapath, axi_lite_regs, stream_loader, fabric_top.
   */
  def fabricTop(): JMap[String, String] = fabricTopFiles

  private lazy val fabricTopFiles: JMap[String, String] = {
    val files = new JLinkedHashMap[String, String](vectorEngine(FabricLanes))
    files.put(VectorEngineBus.File, VectorEngineBus.verilog(FabricLanes))
    files.put(Pt5UnpackerFile, pt5Unpacker())
    files.put(TileSramFile, tileSram())
    files.put(FrameControllerFile, frameController())
    FabricTopBlocks.foreach(name => files.put(name, resource("/rtl/" + name)))
    Collections.unmodifiableMap(files)
  }

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

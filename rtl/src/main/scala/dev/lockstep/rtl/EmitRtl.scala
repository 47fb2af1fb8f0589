package dev.lockstep.rtl

import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path, Paths, StandardCopyOption}

/**
 * Build step: writes the emitted designs (and the hand-written Verilog they instantiate) into a
 * directory, so users can read the generated RTL. Usage: EmitRtl <directory> <design>..., where a
 * design is a lane count N (vector_engine_N.sv) or an int8 systolic array RxC-os|ws
 * (systolic_array_RxC-os.sv).
 */
object EmitRtl {
  private val ArrayPattern = """(\d+)x(\d+)-(os|ws)""".r

  def main(args: Array[String]): Unit = {
    if (args.length < 2) {
      System.err.println("usage: EmitRtl <directory> <lanes | RxC-os | RxC-ws>...")
      sys.exit(2)
    }
    val dir = Paths.get(args(0))
    Files.createDirectories(dir)
    writeAtomically(dir.resolve(RtlSources.TernaryLaneFile), RtlSources.ternaryLane())
    writeAtomically(dir.resolve(RtlSources.SystolicPeFile), RtlSources.systolicPe())
    args.iterator.drop(1).foreach {
      case ArrayPattern(rows, cols, dataflow) =>
        val p = SystolicArrayParams.int8(rows.toInt, cols.toInt, SystolicDataflow.parse(dataflow))
        writeAtomically(dir.resolve(s"systolic_array_${p.tag}.sv"), RtlSources.systolicArray(p).get(RtlSources.SystolicArrayFile))
      case lanes if lanes.forall(_.isDigit) =>
        val text = RtlSources.vectorEngine(lanes.toInt).get(RtlSources.VectorEngineFile)
        writeAtomically(dir.resolve(s"vector_engine_$lanes.sv"), text)
      case other =>
        System.err.println(s"EmitRtl: '$other' is neither a lane count nor RxC-os / RxC-ws")
        sys.exit(2)
    }
  }

  private def writeAtomically(target: Path, text: String): Unit = {
    val tmp = target.resolveSibling(target.getFileName.toString + ".tmp")
    Files.writeString(tmp, text, StandardCharsets.UTF_8)
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
  }
}

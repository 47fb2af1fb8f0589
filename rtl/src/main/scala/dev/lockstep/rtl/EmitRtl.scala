package dev.lockstep.rtl

import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path, Paths, StandardCopyOption}

/**
 * Build step: writes the emitted vector engines (and the lane they instantiate) into a directory,
 * so users can read the generated RTL. Usage: EmitRtl <directory> <lanes>...
 */
object EmitRtl {
  def main(args: Array[String]): Unit = {
    if (args.length < 2) {
      System.err.println("usage: EmitRtl <directory> <lanes>...")
      sys.exit(2)
    }
    val dir = Paths.get(args(0))
    Files.createDirectories(dir)
    writeAtomically(dir.resolve(RtlSources.TernaryLaneFile), RtlSources.ternaryLane())
    args.iterator.drop(1).map(_.toInt).foreach { lanes =>
      val text = RtlSources.vectorEngine(lanes).get(RtlSources.VectorEngineFile)
      writeAtomically(dir.resolve(s"vector_engine_$lanes.sv"), text)
    }
  }

  private def writeAtomically(target: Path, text: String): Unit = {
    val tmp = target.resolveSibling(target.getFileName.toString + ".tmp")
    Files.writeString(tmp, text, StandardCharsets.UTF_8)
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
  }
}

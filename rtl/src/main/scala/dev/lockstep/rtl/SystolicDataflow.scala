package dev.lockstep.rtl

/**
 * The array hardware's dataflow, as the `DATAFLOW` parameter of systolic_pe.v encodes it. Input
 * stationary has no hardware of its own (it runs on WS with the operands swapped), so it is absent.
 */
sealed abstract class SystolicDataflow(val code: Int, val lowerName: String)

object SystolicDataflow {
  case object OS extends SystolicDataflow(0, "os")
  case object WS extends SystolicDataflow(1, "ws")

  /** Parses os or ws (any case); the message names what was given and what is allowed. */
  def parse(text: String): SystolicDataflow = text.trim.toLowerCase(java.util.Locale.ROOT) match {
    case "os" => OS
    case "ws" => WS
    case _    => throw new IllegalArgumentException(s"systolic array dataflow must be os or ws, got '$text'")
  }
}

package dev.lockstep.kpu.scalesim;

/**
 * One layer re-run on the register-level array in SCALE-Sim's non-overlapping fold mode.
 *
 * @param peEdges       edges the array took, first operand in to last result out (measured at its pins)
 * @param peTotalCycles the same run counted as SCALE-Sim counts: the 0-based index of the last cycle of the
 *                      last fold, without the R drain edges of an output-stationary array's last fold
 * @param productOk     the array's int8 results equal a plain integer product of the same operands
 */
public record PeRow(long peEdges, long peTotalCycles, boolean cyclesMatch, boolean productOk) {
}

package dev.lockstep.kpu.systolic;

/**
 * What running a product produced: cycles (edges from the first input to the last result out), MACs
 * performed, folds, and C (m x n row-major; integers as values, int8 wrapped to 32 bits; floats as
 * fp32 bits), or null when only cycles were asked for.
 */
public record MatmulRun(long cycles, long macs, long folds, long[] c) {
}

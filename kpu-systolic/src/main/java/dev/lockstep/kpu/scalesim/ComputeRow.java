package dev.lockstep.kpu.scalesim;

/**
 * One line of COMPUTE_REPORT.csv, plus the mapping it came from. Percentages are doubles computed in the
 * same order of operations as SCALE-Sim v2, so printing them with {@link PythonFloat#repr} gives its text.
 *
 * @param totalCycles   0-based index of the last cycle: folds * cyclesPerFold - 1, as SCALE-Sim reports it
 * @param rowFolds      ceil(Sr / R); colFolds likewise ceil(Sc / C)
 * @param cyclesPerFold cycles one fold takes when folds do not overlap
 */
public record ComputeRow(
        long totalCycles,
        long stallCycles,
        double overallUtilPercent,
        double mappingEfficiencyPercent,
        double computeUtilPercent,
        long m,
        long n,
        long k,
        long rowFolds,
        long colFolds,
        long cyclesPerFold) {

    /** Row folds * column folds. */
    public long folds() {
        return rowFolds * colFolds;
    }
}

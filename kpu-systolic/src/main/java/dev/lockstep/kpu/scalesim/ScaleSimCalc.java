package dev.lockstep.kpu.scalesim;

import java.util.ArrayList;
import java.util.List;

/**
 * SCALE-Sim v2's compute report in CALC mode (no memory stalls), from closed forms instead of its
 * cycle-by-cycle demand matrices. Per fold (folds never overlap): output stationary takes T + R + C - 2
 * cycles; weight and input stationary take 2R + C + T - 2 (R cycles to load the stationary operand).
 * The utilization figures keep SCALE-Sim's arithmetic, including its quirk that weight and input stationary
 * divide the per-fold compute by 2R + 2C + T - 3 rather than by the fold's own length.
 */
public final class ScaleSimCalc {
    private ScaleSimCalc() {
    }

    /** The report line of one layer on the configured array and dataflow, averaged as CPython 3.12+ does. */
    public static ComputeRow layer(ScaleSimConfig config, TopologyLayer layer) {
        return layer(config, layer, PythonSum.NEUMAIER);
    }

    /** The report line of one layer, averaging per-fold figures with the given CPython {@code sum()} rule. */
    public static ComputeRow layer(ScaleSimConfig config, TopologyLayer layer, PythonSum sumRule) {
        long m = layer.m();
        long n = layer.n();
        long k = layer.k();
        ScaleSimDataflow df = config.dataflow();
        long r = config.arrayHeight();
        long c = config.arrayWidth();
        long sr = df.spatialRows(m, n, k);
        long sc = df.spatialCols(m, n, k);
        long t = df.temporal(m, n, k);
        long rowFolds = ceilDiv(sr, r);
        long colFolds = ceilDiv(sc, c);
        long perFold = df == ScaleSimDataflow.OS ? t + r + c - 2 : 2 * r + c + t - 2;
        long utilDivisor = df == ScaleSimDataflow.OS ? perFold : 2 * r + 2 * c + t - 3;
        long folds = Math.multiplyExact(rowFolds, colFolds);
        long totalCycles = Math.multiplyExact(folds, perFold) - 1;
        if (totalCycles == 0) {
            // SCALE-Sim divides by the total and fails here; there is no number of its to reproduce.
            throw new UnsupportedLayerException("layer " + layer.name() + " takes a single cycle, for which SCALE-Sim v2"
                    + " reports 0 total cycles and divides by zero");
        }
        long arrayMacs = Math.multiplyExact(r, c);
        // SCALE-Sim visits folds column fold outer, row fold inner and averages with Python's sum().
        PythonSum.Accumulator mapping = sumRule.start();
        PythonSum.Accumulator compute = sumRule.start();
        for (long fc = 0; fc < colFolds; fc++) {
            long colsUsed = Math.min(c, sc - fc * c);
            for (long fr = 0; fr < rowFolds; fr++) {
                long rowsUsed = Math.min(r, sr - fr * r);
                long used = rowsUsed * colsUsed;
                mapping.add(PythonFloat.trueDiv(used, arrayMacs));
                compute.add(PythonFloat.trueDiv(Math.multiplyExact(used, t), Math.multiplyExact(arrayMacs, utilDivisor)));
            }
        }
        double overall = PythonFloat.trueDiv(Math.multiplyExact(layer.macs(), 100L),
                Math.multiplyExact(totalCycles, arrayMacs));
        double mappingEff = mapping.sum() / folds * 100;
        double computeUtil = compute.sum() / folds * 100;
        return new ComputeRow(totalCycles, 0, overall, mappingEff, computeUtil, m, n, k, rowFolds, colFolds, perFold);
    }

    /** One report line per layer, in order. */
    public static List<ComputeRow> report(ScaleSimConfig config, List<TopologyLayer> layers, PythonSum sumRule) {
        List<ComputeRow> rows = new ArrayList<>(layers.size());
        for (TopologyLayer l : layers) {
            rows.add(layer(config, l, sumRule));
        }
        return rows;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}

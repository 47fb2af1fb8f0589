package dev.lockstep.tools.report;

import java.util.List;

/**
 * A metric measured against a swept parameter (array size, bandwidth, sparsity, transfer size), one
 * series per configuration or engine.
 *
 * @param logX a logarithmic x axis, for parameters swept in powers
 */
public record Sweep(String title, String xLabel, String yLabel, boolean logX, List<Series> series) {

    /** One line: the metric at each value of the parameter, x ascending. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    public Sweep {
        series = List.copyOf(series);
    }
}

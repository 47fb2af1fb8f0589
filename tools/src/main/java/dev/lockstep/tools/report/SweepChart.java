package dev.lockstep.tools.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;

/** Draws a {@link Sweep}: one line with markers per series. */
public final class SweepChart {
    private SweepChart() {}

    public static JFreeChart chart(Sweep s) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Sweep.Series series : s.series()) {
            XYSeries line = new XYSeries(series.name(), false);
            for (int i = 0; i < series.x().length; i++) {
                line.add(series.x()[i], series.y()[i]);
            }
            data.addSeries(line);
        }
        ValueAxis x;
        if (s.logX()) {
            LogAxis log = new LogAxis(s.xLabel());
            log.setBase(2);
            log.setSmallestValue(1e-12);
            x = log;
        } else {
            x = new NumberAxis(s.xLabel());
        }
        NumberAxis y = new NumberAxis(s.yLabel());
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < s.series().size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(s.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

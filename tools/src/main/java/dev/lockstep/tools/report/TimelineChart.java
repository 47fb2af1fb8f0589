package dev.lockstep.tools.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.Color;

/** Draws a {@link Timeline}: one row per engine, busy and stalled bars over simulated time (us). */
public final class TimelineChart {
    private TimelineChart() {}

    public static JFreeChart chart(String title, Timeline t) {
        XYIntervalSeries busy = new XYIntervalSeries("busy");
        XYIntervalSeries stalled = new XYIntervalSeries("stalled");
        for (Timeline.Span s : t.spans()) {
            double from = s.startPs() / 1e6;
            double to = s.endPs() / 1e6;
            (s.stalled() ? stalled : busy).add(s.track(), s.track() - 0.35, s.track() + 0.35, from, from, to);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(busy);
        data.addSeries(stalled);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setShadowVisible(false);
        // A white outline separates back-to-back jobs of one engine.
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setSeriesPaint(0, new Color(0x1B, 0x7F, 0x3B));
        renderer.setSeriesPaint(1, new Color(0xD9, 0x5F, 0x02));
        SymbolAxis engines = new SymbolAxis("engine", t.tracks().toArray(new String[0]));
        engines.setGridBandsVisible(false);
        NumberAxis time = new NumberAxis("simulated time (us)");
        time.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, engines, time, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

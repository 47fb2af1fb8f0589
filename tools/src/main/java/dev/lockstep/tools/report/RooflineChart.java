package dev.lockstep.tools.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Roofline}: log-log axes, the compute roof, one sloped roof per memory level ending at
 * its ridge point (marked and labelled), and one labelled dot per kernel.
 */
public final class RooflineChart {
    public static final String X_LABEL = "Arithmetic intensity (ops/byte)";
    public static final String Y_LABEL = "Performance (GOPS)";
    private static final Color[] LEVEL_COLORS = {
        new Color(0xB2, 0x18, 0x2B), new Color(0xEF, 0x8A, 0x62), new Color(0x67, 0xA9, 0xCF), new Color(0x21, 0x66, 0xAC)};

    private RooflineChart() {}

    public static JFreeChart chart(Roofline r) {
        double minRidge = Double.MAX_VALUE;
        double maxRidge = 0;
        for (Roofline.Roof roof : r.roofs()) {
            minRidge = Math.min(minRidge, r.ridge(roof));
            maxRidge = Math.max(maxRidge, r.ridge(roof));
        }
        double xLo = minRidge;
        double xHi = maxRidge;
        double yLo = r.peakOpsPerSec();
        for (Roofline.Point p : r.points()) {
            xLo = Math.min(xLo, p.intensity());
            xHi = Math.max(xHi, p.intensity());
            yLo = Math.min(yLo, p.opsPerSec());
        }
        xLo = decadeBelow(xLo / 4);
        xHi = decadeAbove(xHi * 4);
        for (Roofline.Roof roof : r.roofs()) {
            yLo = Math.min(yLo, r.attainable(roof, xLo));
        }
        yLo = decadeBelow(yLo);
        double yHi = decadeAbove(r.peakOpsPerSec() * 2);

        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeries compute = new XYSeries(String.format(Locale.ROOT, "compute roof %s GOPS", num(giga(r.peakOpsPerSec()))), false);
        compute.add(minRidge, giga(r.peakOpsPerSec()));
        compute.add(xHi, giga(r.peakOpsPerSec()));
        lines.addSeries(compute);
        XYSeries ridges = new XYSeries("ridge points", false);
        for (Roofline.Roof roof : r.roofs()) {
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s %s GB/s (ridge %s ops/B)",
                    roof.level(), num(roof.bytesPerSec() / 1e9), num(r.ridge(roof))), false);
            s.add(xLo, giga(r.attainable(roof, xLo)));
            s.add(r.ridge(roof), giga(r.peakOpsPerSec()));
            lines.addSeries(s);
            ridges.add(r.ridge(roof), giga(r.peakOpsPerSec()));
        }
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setSeriesPaint(0, Color.BLACK);
        lineRenderer.setSeriesStroke(0, new BasicStroke(2.5f));
        for (int i = 0; i < r.roofs().size(); i++) {
            lineRenderer.setSeriesPaint(i + 1, LEVEL_COLORS[i % LEVEL_COLORS.length]);
            lineRenderer.setSeriesStroke(i + 1, new BasicStroke(2f));
        }

        XYSeriesCollection marks = new XYSeriesCollection();
        marks.addSeries(ridges);
        XYSeries kernels = new XYSeries("kernels / layers", false);
        for (Roofline.Point p : r.points()) {
            kernels.add(p.intensity(), giga(p.opsPerSec()));
        }
        marks.addSeries(kernels);
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        markRenderer.setSeriesPaint(0, Color.DARK_GRAY);
        markRenderer.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
        markRenderer.setSeriesPaint(1, new Color(0x1B, 0x7F, 0x3B));
        markRenderer.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));

        LogAxis x = decades(X_LABEL, xLo, xHi);
        LogAxis y = decades(Y_LABEL, giga(yLo), giga(yHi));

        XYPlot plot = new XYPlot(marks, x, y, markRenderer);
        plot.setDataset(1, lines);
        plot.setRenderer(1, lineRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        // Ridge labels alternate between two heights in ridge order so that close ridges stay readable.
        List<Roofline.Roof> byRidge = new ArrayList<>(r.roofs());
        byRidge.sort(Comparator.comparingDouble(r::ridge));
        for (int i = 0; i < byRidge.size(); i++) {
            Roofline.Roof roof = byRidge.get(i);
            XYTextAnnotation a = new XYTextAnnotation(roof.level() + " ridge " + num(r.ridge(roof)),
                    r.ridge(roof), giga(r.peakOpsPerSec()) * (i % 2 == 0 ? 1.2 : 1.8));
            a.setFont(labelFont);
            a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            plot.addAnnotation(a);
        }
        // A label goes below those of earlier points that sit within a factor 1.5 of it on both axes,
        // so coinciding kernels stay legible.
        for (int i = 0; i < r.points().size(); i++) {
            Roofline.Point p = r.points().get(i);
            int stack = 0;
            for (int j = 0; j < i; j++) {
                Roofline.Point q = r.points().get(j);
                if (near(p.intensity(), q.intensity()) && near(p.opsPerSec(), q.opsPerSec())) {
                    stack++;
                }
            }
            // A label that would run past the right edge goes to the left of its dot. Its width is
            // estimated at 6.5 px a character on a plot about 800 px wide, as drawn by ChartRender users.
            double labelShare = (p.label().length() + 2) * 6.5 / 800;
            boolean right = Math.log(p.intensity() / xLo) / Math.log(xHi / xLo) + labelShare > 1;
            XYTextAnnotation a = new XYTextAnnotation(right ? p.label() + "  " : "  " + p.label(), p.intensity(),
                    giga(p.opsPerSec()) / Math.pow(1.3, stack));
            a.setFont(labelFont);
            a.setTextAnchor(right ? (stack == 0 ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_RIGHT)
                    : (stack == 0 ? TextAnchor.CENTER_LEFT : TextAnchor.TOP_LEFT));
            plot.addAnnotation(a);
        }
        JFreeChart chart = new JFreeChart(r.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("counted in " + r.opUnit() + "; roofs from the configuration",
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }

    private static boolean near(double a, double b) {
        return a / b < 1.5 && b / a < 1.5;
    }

    /** A base-10 log axis with a tick per decade, labelled in plain numbers (0.01, 1, 100). */
    private static LogAxis decades(String label, double lo, double hi) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1e-12);
        a.setRange(lo, hi);
        a.setTickUnit(new NumberTickUnit(1));
        a.setMinorTickCount(9);
        a.setMinorTickMarksVisible(true);
        a.setNumberFormatOverride(new DecimalFormat("0.########", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return a;
    }

    static double giga(double v) {
        return v / 1e9;
    }

    /** Up to 4 significant digits, no exponent for the magnitudes a roofline shows. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static double decadeBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v)));
    }

    private static double decadeAbove(double v) {
        return Math.pow(10, Math.ceil(Math.log10(v)));
    }
}

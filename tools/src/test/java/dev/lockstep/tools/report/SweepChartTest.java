package dev.lockstep.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** One line per series, the points as given, the axis kind as asked. */
class SweepChartTest {
    @Test
    void oneLinePerSeriesWithItsPoints() {
        Sweep s = new Sweep("bw", "size (KiB)", "GB/s", true, List.of(
                new Sweep.Series("dma", new double[] {4, 16, 64}, new double[] {27, 41, 47}),
                new Sweep.Series("bm", new double[] {4, 16}, new double[] {29, 31})));
        JFreeChart c = SweepChart.chart(s);
        XYDataset d = c.getXYPlot().getDataset();
        assertEquals(2, d.getSeriesCount());
        assertEquals("dma", d.getSeriesKey(0));
        assertEquals(3, d.getItemCount(0));
        assertEquals(64.0, d.getXValue(0, 2));
        assertEquals(47.0, d.getYValue(0, 2));
        assertEquals(2, d.getItemCount(1));
        assertTrue(c.getXYPlot().getDomainAxis() instanceof LogAxis);
        Sweep linear = new Sweep("t", "x", "y", false, s.series());
        assertTrue(SweepChart.chart(linear).getXYPlot().getDomainAxis() instanceof NumberAxis);
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sweep.Series("x", new double[2], new double[3]));
    }
}

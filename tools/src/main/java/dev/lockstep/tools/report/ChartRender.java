package dev.lockstep.tools.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Renders a chart to PNG bytes or SVG text, headless, and writes either atomically. */
public final class ChartRender {
    static {
        // Charts are drawn off screen; without this AWT would look for a display.
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRender() {}

    public static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // The default prefix is time-based; a fixed one keeps the SVG byte-identical across runs.
        g.setDefsKeyPrefix("lockstep");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement();
    }

    /** Writes PNG or SVG by the file name's extension. */
    public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".svg")) {
            AtomicFiles.write(file, svg(chart, width, height));
        } else if (name.endsWith(".png")) {
            AtomicFiles.write(file, png(chart, width, height));
        } else {
            throw new IllegalArgumentException("chart file " + file + ": name must end in .png or .svg");
        }
    }
}

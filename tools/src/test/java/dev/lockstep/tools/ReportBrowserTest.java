package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Traces;
import dev.lockstep.trace.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.lockstep.tools.Run.run;

/**
 * `lockstep report` end to end, checked in a real browser: headless Chromium (Debian package
 * {@code chromium}; .ci/run installs it) must render the page's tables and embedded plots, and a
 * screenshot must show a page, not a blank one.
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    private Path report() throws IOException {
        Path trace = dir.resolve("run.lkt");
        try (TraceWriter w = Traces.writeBinary(trace)) {
            w.transaction(new Transaction(1, "dma.0", "dma", 0, 400, 4096, null));
            w.transaction(new Transaction(2, "bm.0", "bm.identity", 100, 300, 4096, null));
            w.transaction(new Transaction(3, "bm.0", "bm.stall", 300, 350, 0, null));
        }
        Path out = dir.resolve("report");
        Run r = run("report", "--out", out.toString(), "--trace", trace.toString(), "--period-ps", "1000");
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        for (String f : List.of("report.html", "roofline.png", "roofline.svg", "roofline-kpu.png", "roofline-kpu.svg", "sweep.png", "timeline.png", "trace.perfetto.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        return out.resolve("report.html");
    }

    @Test
    void chromiumRendersTheTablesAndPlots() throws Exception {
        Path html = report();
        String dom = HeadlessChromium.dumpDom(dir, html.toUri().toString());
        for (String table : List.of("roofs", "kernels", "layers", "sweep-table", "utilization")) {
            assertTrue(dom.contains("<table id=\"" + table + "\">"), table);
        }
        assertTrue(dom.contains("<img id=\"sweep\""), "sweep PNG as a data URI");
        assertTrue(dom.contains("<img id=\"timeline\""), "timeline PNG as a data URI");
        assertTrue(dom.contains("src=\"data:image/png;base64,iVBOR"), "a PNG data URI (base64 of the PNG signature)");
        assertTrue(dom.contains("<figure id=\"roofline\"><svg"), "the fabric roofline inline as SVG");
        assertTrue(dom.contains("<figure id=\"roofline-kpu\"><svg"), "the KPU roofline inline as SVG");
        assertTrue(dom.contains("Arithmetic intensity (ops/byte)"));
        // The timeline's utilization: dma.0 busy [0, 400) of 400 cycles = 100 %; bm.0 busy [100, 300) = 50 %,
        // stalled [300, 350) = 12.5 %.
        assertTrue(dom.contains("<td>dma.0</td><td>100.0%</td><td>0.0%</td>"), dom);
        assertTrue(dom.contains("<td>bm.0</td><td>50.0%</td><td>12.5%</td>"), dom);
        assertTrue(dom.contains("<a href=\"trace.perfetto.json\">"));

        HeadlessChromium.assertRendersSomething(dir, html.toUri().toString());
    }

    @Test
    void badOptionsAreOneLineExitTwo() {
        Run r = run("report", "--out", dir.toString(), "--trace", "x.lkt");
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }

    /** Runs headless Chromium on the arguments and returns what it printed on stdout. */
}

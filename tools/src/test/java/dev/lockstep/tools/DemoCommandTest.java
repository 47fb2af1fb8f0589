package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lockstep demo` end to end (Verilator for its RTL check, headless Chromium for its report): one run,
 * then its summary, its files and its page in a real browser.
 */
class DemoCommandTest {
    @TempDir
    static Path dir;

    private static int exit;
    private static String out;
    private static String err;

    @BeforeAll
    static void runDemo() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        exit = LockstepCli.execute(new String[] {"demo", "--out", dir.resolve("demo").toString()},
                new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
    }

    @Test
    void passesAndSummarizesTheLayer() {
        assertEquals(ExitCodes.OK, exit, out + err);
        // BERT-base, sequence 128: QKV 128*2304*768 = 226,492,416; scores 12*128*128*64 = 12,582,912;
        // context 12*128*64*128 = 12,582,912; output 128*768*768 = 75,497,472; FFN up and down
        // 128*3072*768 = 301,989,888 each; sum 931,135,488 MACs = 0.93 G.
        assertTrue(out.contains("0.93 GMACs"), out);
        for (String layer : List.of("q_proj+q_bias", "k_proj+k_bias", "v_proj+v_bias", "scores+softmax+context",
                "out_proj+out_bias", "layernorm1", "fc1+gelu", "fc2+fc2_bias", "layernorm2", "layer total")) {
            assertTrue(out.contains("\n" + layer + " "), layer + " in\n" + out);
        }
        assertTrue(out.contains("check y == W x"), out);
        assertTrue(out.contains(", 0 divergences"), out);
        // Progress goes to a terminal only; a test's stderr is not one.
        assertEquals("", err);
    }

    @Test
    void writesTheReportAndItsFiles() throws IOException {
        Path d = dir.resolve("demo");
        for (String f : List.of("report.html", "roofline-kpu.png", "roofline-kpu.svg", "roofline-fabric.png", "timeline.png",
                "trace.perfetto.json", "kpu-ffn-up.lkt")) {
            assertTrue(Files.size(d.resolve(f)) > 0, f);
        }
        assertTrue(out.contains("Report: " + d.resolve("report.html")), out);
        assertFalse(Files.exists(d.resolve("fabric_top-divergence.vcd")), "a VCD window is written only on a divergence");
    }

    @Test
    void badConfigIsExitTwo() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = LockstepCli.execute(new String[] {"demo", "--config", "nonesuch", "--out", dir.resolve("bad").toString()},
                new PrintWriter(o, true), new PrintWriter(e, true));
        assertEquals(ExitCodes.BAD_INPUT, code, e.toString());
        assertEquals(1, e.toString().strip().split("\n").length, e.toString());
    }

    @Test
    void chromiumRendersTheReport() throws Exception {
        assertEquals(ExitCodes.OK, exit, out + err);
        String html = dir.resolve("demo").resolve("report.html").toUri().toString();
        String dom = HeadlessChromium.dumpDom(dir, html);
        for (String table : List.of("layers", "levels", "energy", "utilization", "gemv", "rtl")) {
            assertTrue(dom.contains("<table id=\"" + table + "\">"), table);
        }
        assertTrue(dom.contains("<figure id=\"roofline-kpu\"><svg"), "the KPU roofline inline as SVG");
        assertTrue(dom.contains("<img id=\"timeline\""), "timeline PNG");
        assertTrue(dom.contains("<img id=\"roofline-fabric\""), "fabric roofline PNG");
        assertTrue(dom.contains("<td>fabric_top</td>"), dom);
        assertTrue(dom.contains("<a href=\"trace.perfetto.json\">"));

        HeadlessChromium.assertRendersSomething(dir, html);
    }
}

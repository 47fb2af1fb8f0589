package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
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
        String dom = chromium("--dump-dom", html);
        for (String table : List.of("layers", "levels", "energy", "utilization", "gemv", "rtl")) {
            assertTrue(dom.contains("<table id=\"" + table + "\">"), table);
        }
        assertTrue(dom.contains("<figure id=\"roofline-kpu\"><svg"), "the KPU roofline inline as SVG");
        assertTrue(dom.contains("<img id=\"timeline\""), "timeline PNG");
        assertTrue(dom.contains("<img id=\"roofline-fabric\""), "fabric roofline PNG");
        assertTrue(dom.contains("<td>fabric_top</td>"), dom);
        assertTrue(dom.contains("<a href=\"trace.perfetto.json\">"));

        Path shot = dir.resolve("demo-shot.png");
        chromium("--screenshot=" + shot, "--window-size=1200,1600", html);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "screenshot is a PNG");
        assertEquals(1200, img.getWidth());
        // A blank page is one colour; the report has text, table rules and coloured roof lines.
        Set<Integer> colours = new HashSet<>();
        int inked = 0;
        int samples = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb == 0xFFFFFF ? 0 : 1;
                samples++;
            }
        }
        assertTrue(colours.size() > 20, "distinct colours " + colours.size());
        assertTrue(inked > samples / 50, "non-white samples " + inked + " of " + samples);
    }

    private static String chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(findChromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A guard against a hung browser, not a timing assertion.
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not exit");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(stderr));
        return o;
    }

    private static String findChromium() {
        String env = System.getenv("CHROMIUM");
        if (env != null && new File(env).canExecute()) {
            return env;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        throw new AssertionError("headless Chromium is needed for this test: install it with "
                + "'apt-get install -y chromium' (Debian/Ubuntu) or set CHROMIUM to its binary; .ci/run installs it");
    }
}

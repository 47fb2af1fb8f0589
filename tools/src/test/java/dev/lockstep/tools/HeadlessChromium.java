package dev.lockstep.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Headless Chromium for the tests that check an HTML report really renders (Debian package 'chromium'). */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** The page's DOM after scripts and layout, as Chromium's --dump-dom prints it. */
    static String dumpDom(Path workDir, String url) throws IOException, InterruptedException {
        return run(workDir, "--dump-dom", url);
    }

    /**
     * Takes a 1200 x 1600 screenshot and fails if it looks blank: a blank page is one colour, a report
     * has text, table rules and coloured plot lines. Colours and non-white pixels are counted on a grid.
     */
    static void assertRendersSomething(Path workDir, String url) throws IOException, InterruptedException {
        Path shot = workDir.resolve("screenshot.png");
        run(workDir, "--screenshot=" + shot, "--window-size=1200,1600", url);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "screenshot is a PNG");
        assertEquals(1200, img.getWidth());
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

    private static String run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(find(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + workDir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path stderr = workDir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A guard against a hung browser, not a timing assertion.
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not exit");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(stderr));
        return out;
    }

    private static String find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && new File(env).canExecute()) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        throw new AssertionError("headless Chromium is needed for this test: install it with "
                + "'apt-get install -y chromium' (Debian/Ubuntu) or set CHROMIUM to its binary; ./lockstep test installs it");
    }
}

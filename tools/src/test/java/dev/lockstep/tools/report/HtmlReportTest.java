package dev.lockstep.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page is escaped, self-contained and written atomically. */
class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void textIsEscapedAndFiguresAreEmbedded() throws IOException {
        HtmlReport r = new HtmlReport("a <b> & 'c'")
                .table("t", List.of("k", "v"), List.of(List.of("<script>", "1")))
                .png("p", "plot", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .svg("s", "svg", "<?xml version=\"1.0\"?>\n<svg width=\"1\"></svg>");
        String html = r.html();
        assertTrue(html.contains("<title>a &lt;b&gt; &amp; &#39;c&#39;</title>"));
        assertTrue(html.contains("<td>&lt;script&gt;</td>"));
        assertFalse(html.contains("<script>"));
        // Base64 of 89 50 4E 47 is "iVBORw==".
        assertTrue(html.contains("src=\"data:image/png;base64,iVBORw==\""));
        assertTrue(html.contains("<figure id=\"s\"><svg width=\"1\"></svg>"), "XML prolog dropped inside HTML");
        assertFalse(html.contains("http"), "no external resources");
        Path f = dir.resolve("r.html");
        r.write(f);
        assertEquals(html, Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temp file left");
        }
    }

    @Test
    void raggedTableRowsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new HtmlReport("x").table("t", List.of("a", "b"), List.of(List.of("1"))));
    }
}

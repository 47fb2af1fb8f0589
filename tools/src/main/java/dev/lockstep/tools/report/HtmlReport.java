package dev.lockstep.tools.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * One self-contained HTML page per run: sections of text, tables, figures (PNG as data URIs, SVG
 * inline), the configuration used and links to exported files. No scripts, no external resources, so
 * it opens anywhere and archives as a single file. Built in order, written atomically.
 */
public final class HtmlReport {
    private final String title;
    private final StringBuilder body = new StringBuilder();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; every row has as many cells as there are headers. */
    public HtmlReport table(String id, List<String> headers, List<List<String>> rows) {
        body.append("<table id=\"").append(escape(id)).append("\">\n<thead><tr>");
        for (String h : headers) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("table " + id + ": a row has " + row.size() + " cells, the header "
                        + headers.size());
            }
            body.append("<tr>");
            for (String cell : row) {
                body.append("<td>").append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    /** A PNG figure embedded as a data URI. */
    public HtmlReport png(String id, String caption, byte[] png) {
        body.append("<figure><img id=\"").append(escape(id)).append("\" alt=\"").append(escape(caption))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** An SVG figure inline (the XML prolog, if any, dropped: it is not allowed inside HTML). */
    public HtmlReport svg(String id, String caption, String svg) {
        String s = svg.startsWith("<?xml") ? svg.substring(svg.indexOf("?>") + 2).strip() : svg;
        body.append("<figure id=\"").append(escape(id)).append("\">").append(s).append("<figcaption>")
                .append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** Preformatted text, e.g. the configuration file used. */
    public HtmlReport preformatted(String id, String text) {
        body.append("<pre id=\"").append(escape(id)).append("\">").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** Links to files written beside the report (relative paths, so the folder can move). */
    public HtmlReport links(List<String> relativePaths) {
        body.append("<ul class=\"links\">\n");
        for (String p : relativePaths) {
            body.append("<li><a href=\"").append(escape(p)).append("\">").append(escape(p)).append("</a></li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222}\n"
                + "table{border-collapse:collapse;margin:1em 0}\n"
                + "th,td{border:1px solid #bbb;padding:3px 8px;text-align:right}\n"
                + "th{background:#eee}\ntd:first-child,th:first-child{text-align:left}\n"
                + "figure{margin:1em 0}\nfigure img,figure svg{max-width:100%;height:auto;border:1px solid #ddd}\n"
                + "pre{background:#f6f6f6;padding:1em;overflow:auto}\n"
                + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, html());
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

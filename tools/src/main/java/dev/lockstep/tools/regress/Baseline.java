package dev.lockstep.tools.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.tools.report.AtomicFiles;
import dev.lockstep.tools.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The recorded metrics of one suite: a JSON file with one metric a line, in suite order, so a change
 * of the model shows in {@code git diff} as the lines whose numbers moved.
 *
 * <pre>
 * {"lockstep": "regress-baseline", "version": 1, "suite": "canonical", "metrics": [
 *   {"workload": "fabric.gemv.dense", "metric": "cycles", "value": 2184, "direction": "both"},
 *   ...
 * ]}
 * </pre>
 */
public record Baseline(String suite, List<Entry> entries) {
    static final String MAGIC = "regress-baseline";
    static final int VERSION = 1;
    private static final Set<String> TOP_KEYS = Set.of("lockstep", "version", "suite", "metrics");
    private static final Set<String> ENTRY_KEYS = Set.of("workload", "metric", "value", "direction");

    /** One workload's metric. */
    public record Entry(String workload, Metric metric) {
        String key() {
            return workload + " " + metric.name();
        }
    }

    public Baseline {
        entries = List.copyOf(entries);
    }

    /** The file of {@code suite} in {@code dir}. */
    public static Path file(Path dir, String suite) {
        return dir.resolve(suite + ".json");
    }

    public String toJson() {
        StringBuilder b = new StringBuilder();
        b.append("{\"lockstep\": \"").append(MAGIC).append("\", \"version\": ").append(VERSION)
                .append(", \"suite\": ").append(Json.quote(suite)).append(", \"metrics\": [\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append("  {\"workload\": ").append(Json.quote(e.workload())).append(", \"metric\": ")
                    .append(Json.quote(e.metric().name())).append(", \"value\": ").append(number(e.metric().value()))
                    .append(", \"direction\": \"").append(e.metric().direction().label()).append("\"}")
                    .append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        return b.append("]}\n").toString();
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson());
    }

    /** Whole numbers without a fraction; others in Java's shortest round-trip form. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    public static Baseline read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BaselineException(file + ": no baseline; record one with lockstep regress record");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the start of an open object with a source description; the
            // position given after it is the one that matters.
            String what = e.getOriginalMessage().replaceAll(" \\(start marker at \\[[^\\]]*\\]\\)", "");
            throw new BaselineException(file + ": " + what + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new BaselineException(file + ": expected a JSON object");
        }
        keys(file, "", root, TOP_KEYS);
        if (!MAGIC.equals(text(file, "lockstep", root.get("lockstep")))) {
            throw new BaselineException(file + ": lockstep: expected \"" + MAGIC + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new BaselineException(file + ": version: expected " + VERSION + ", got " + version);
        }
        String suite = text(file, "suite", root.get("suite"));
        JsonNode metrics = root.get("metrics");
        if (metrics == null || !metrics.isArray()) {
            throw new BaselineException(file + ": metrics: expected an array");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            String at = "metrics[" + i + "]";
            JsonNode m = metrics.get(i);
            if (!m.isObject()) {
                throw new BaselineException(file + ": " + at + ": expected an object");
            }
            keys(file, at + ".", m, ENTRY_KEYS);
            String workload = text(file, at + ".workload", m.get("workload"));
            String name = text(file, at + ".metric", m.get("metric"));
            JsonNode value = m.get("value");
            if (value == null || !value.isNumber()) {
                throw new BaselineException(file + ": " + at + ".value: expected a number, got " + value);
            }
            String dir = text(file, at + ".direction", m.get("direction"));
            Metric.Direction d = Metric.Direction.parse(dir);
            if (d == null) {
                throw new BaselineException(file + ": " + at + ".direction: value '" + dir + "', allowed both, drop");
            }
            try {
                entries.add(new Entry(workload, new Metric(name, value.doubleValue(), d)));
            } catch (IllegalArgumentException e) {
                throw new BaselineException(file + ": " + at + ": " + e.getMessage());
            }
        }
        return new Baseline(suite, entries);
    }

    private static void keys(Path file, String at, JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new BaselineException(file + ": " + at + k + ": unknown key, allowed " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        for (String k : allowed) {
            if (!node.has(k)) {
                throw new BaselineException(file + ": " + at + k + ": missing");
            }
        }
    }

    private static String text(Path file, String at, JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw new BaselineException(file + ": " + at + ": expected a string, got " + n);
        }
        return n.textValue();
    }
}

package dev.lockstep.sim.stats;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.lockstep.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics of one {@link Simulation}: counters, histograms and occupancies by unique name.
 * Asking again for a name returns the same object, so components can look their statistics up by
 * name; asking for a name that already belongs to another kind is an error. The JSON dump sorts
 * names, so the same run gives the same bytes.
 */
public final class Stats {
    private final Simulation sim;
    private final TreeMap<String, Object> byName = new TreeMap<>();

    public Stats(Simulation sim) {
        this.sim = sim;
    }

    public Counter counter(String name) {
        return lookup(name, Counter.class, Counter::new);
    }

    /** A histogram with the given bucket bounds (see {@link Histogram}); same name must mean same bounds. */
    public Histogram histogram(String name, long... bounds) {
        Histogram h = lookup(name, Histogram.class, () -> new Histogram(bounds));
        if (!h.hasBounds(bounds)) {
            throw new IllegalArgumentException("statistic '" + name + "' already exists with other bucket bounds");
        }
        return h;
    }

    public Occupancy occupancy(String name) {
        return lookup(name, Occupancy.class, () -> new Occupancy(sim));
    }

    private <T> T lookup(String name, Class<T> kind, java.util.function.Supplier<T> create) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("statistic name must not be blank");
        }
        Object existing = byName.get(name);
        if (existing == null) {
            T created = create.get();
            byName.put(name, created);
            return created;
        }
        if (!kind.isInstance(existing)) {
            throw new IllegalArgumentException("statistic '" + name + "' is a "
                    + existing.getClass().getSimpleName() + ", not a " + kind.getSimpleName());
        }
        return kind.cast(existing);
    }

    /** The statistics as pretty JSON, names sorted, ending in a newline. */
    public String toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeJson(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the JSON to a file atomically: a temporary file in the same directory, then a move. */
    public void writeJson(Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writeJson(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write statistics to " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one to report.
                }
            }
        }
    }

    private void writeJson(OutputStream out) {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeNumberField("now_ps", sim.now());
            g.writeObjectFieldStart("counters");
            for (Map.Entry<String, Object> e : byName.entrySet()) {
                if (e.getValue() instanceof Counter c) {
                    g.writeNumberField(e.getKey(), c.value());
                }
            }
            g.writeEndObject();
            g.writeObjectFieldStart("histograms");
            for (Map.Entry<String, Object> e : byName.entrySet()) {
                if (e.getValue() instanceof Histogram h) {
                    writeHistogram(g, e.getKey(), h);
                }
            }
            g.writeEndObject();
            g.writeObjectFieldStart("occupancies");
            for (Map.Entry<String, Object> e : byName.entrySet()) {
                if (e.getValue() instanceof Occupancy o) {
                    g.writeObjectFieldStart(e.getKey());
                    g.writeNumberField("level", o.level());
                    g.writeNumberField("max", o.max());
                    g.writeNumberField("mean", o.mean());
                    g.writeNumberField("since_ps", o.sincePs());
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeHistogram(JsonGenerator g, String name, Histogram h) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", h.count());
        g.writeNumberField("sum", h.sum());
        if (h.count() > 0) {
            g.writeNumberField("min", h.min());
            g.writeNumberField("max", h.max());
        }
        g.writeFieldName("bounds");
        long[] bounds = h.bounds();
        g.writeArray(bounds, 0, bounds.length);
        g.writeArrayFieldStart("counts");
        for (int i = 0; i < h.buckets(); i++) {
            g.writeNumber(h.bucket(i));
        }
        g.writeEndArray();
        g.writeNumberField("underflow", h.underflow());
        g.writeNumberField("overflow", h.overflow());
        g.writeEndObject();
    }
}

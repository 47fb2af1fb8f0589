package dev.lockstep.sim.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads JSON or YAML into immutable records, strictly: unknown keys, duplicate keys, wrong types
 * (no coercion of "12" to 12 or 1.5 to 1), nulls and missing keys are errors, unless a component is
 * marked {@link Defaulted}. Range checks live in the records' constructors ({@link Check}). Every
 * failure is a {@link ConfigException} naming the file, line, path and value.
 */
public final class ConfigReader {
    public enum Format { JSON, YAML }

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory())).build();

    private ConfigReader() {
    }

    /** Reads a file; the format follows its extension (.json, .yaml, .yml). */
    public static <T> T read(Path file, Class<T> type) {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Format format;
        if (fileName.endsWith(".json")) {
            format = Format.JSON;
        } else if (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
            format = Format.YAML;
        } else {
            throw new ConfigException("", "unknown configuration format, allowed extensions .json, .yaml, .yml", file.toString(), 0);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read: " + e.getMessage(), file.toString(), 0);
        }
        return read(text, format, file.toString(), type);
    }

    /** Reads text; {@code source} names it in messages (a file name, "preset kpu-16x16"). */
    public static <T> T read(String text, Format format, String source, Class<T> type) {
        ObjectMapper mapper = format == Format.JSON ? JSON : YAML;
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ConfigException("", "the document is empty", source, 0);
            }
            return value;
        } catch (ConfigException e) {
            throw e;
        } catch (JacksonException e) {
            throw translate(e, source);
        }
    }

    private static ConfigException translate(JacksonException e, String source) {
        JsonLocation where = e.getLocation();
        int line = where == null ? 0 : where.getLineNr();
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof ConfigException c) {
            return new ConfigException(join(path, c.path()), c.problem(), source, line);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> allowed = new TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> allowed.add(String.valueOf(k)));
            return new ConfigException(path, "unknown key, allowed keys: "
                    + String.join(", ", allowed), source, line);
        }
        String message = e.getOriginalMessage();
        // Jackson names a missing creator property in its message only; make it part of the path.
        int missing = message.indexOf("Missing required creator property '");
        if (missing >= 0) {
            int start = missing + "Missing required creator property '".length();
            String key = message.substring(start, message.indexOf('\'', start));
            String full = path.equals(key) || path.endsWith("." + key) ? path : join(path, key);
            return new ConfigException(full, "missing, a value is required", source, line);
        }
        int newline = message.indexOf('\n');
        return new ConfigException(path, newline < 0 ? message : message.substring(0, newline), source, line);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String join(String outer, String inner) {
        if (outer.isEmpty()) {
            return inner;
        }
        return inner.isEmpty() ? outer : outer + "." + inner;
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .annotationIntrospector(new RequiredUnlessDefaulted())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
    }

    /**
     * Every property is required and null is refused, unless marked {@link Defaulted}: then absent or
     * null reaches the record's constructor, which supplies the default.
     */
    private static final class RequiredUnlessDefaulted extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasRequiredMarker(AnnotatedMember member) {
            return !member.hasAnnotation(Defaulted.class);
        }

        @Override
        public JsonSetter.Value findSetterInfo(Annotated a) {
            return a.hasAnnotation(Defaulted.class) ? JsonSetter.Value.forValueNulls(Nulls.SET) : super.findSetterInfo(a);
        }
    }
}

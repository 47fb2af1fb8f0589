package dev.lockstep.kpu.isa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lockstep.sim.config.ConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JSON form of a {@link Program}: written with a stable key order, read back strictly (unknown
 * keys, wrong types and missing fields are a ConfigException naming the file, line and path such as
 * {@code instructions[3].rows}).
 */
public final class ProgramJson {
    private static final ObjectMapper WRITER = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();

    private ProgramJson() {
    }

    public static String write(Program p) {
        try {
            return WRITER.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a program always serializes", e);
        }
    }

    public static Program read(String json, String source) {
        return ConfigReader.read(json, ConfigReader.Format.JSON, source, Program.class);
    }

    public static Program read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written to a temporary file in the same directory, then moved over {@code file}. */
    public static void write(Program p, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, write(p));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

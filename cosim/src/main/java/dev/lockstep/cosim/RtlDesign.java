package dev.lockstep.cosim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RTL to verilate: source texts by file name (Verilog .v or SystemVerilog .sv), the top module, and
 * the names of its clock and (active-high, synchronous) reset inputs. Sources are held as text so
 * that the cache key hashes contents, not paths or timestamps.
 *
 * @param top    top module name
 * @param files  file name (no directories) to source text, in the order given to Verilator
 * @param clock  the clock input {@code tick()} toggles; null for a purely combinational top
 * @param reset  the active-high reset input, or null if the top has none
 */
public record RtlDesign(String top, Map<String, String> files, String clock, String reset) {
    public RtlDesign {
        Objects.requireNonNull(top, "top");
        if (!top.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new RtlBuildException("RTL top module name '" + top + "' is not a plain Verilog identifier");
        }
        if (files.isEmpty()) {
            throw new RtlBuildException("RTL design '" + top + "' has no source files");
        }
        for (String name : files.keySet()) {
            if (!name.matches("[A-Za-z0-9_.-]+\\.(v|sv|vh|svh)")) {
                throw new RtlBuildException("RTL source name '" + name + "' of design '" + top
                        + "' must be a plain file name ending in .v, .sv, .vh or .svh");
            }
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** A top clocked by {@code clk} with reset {@code rst}, sources given as text. */
    public static RtlDesign of(String top, Map<String, String> files) {
        return new RtlDesign(top, files, "clk", "rst");
    }

    /**
     * Reads sources from disk (each by its file name, so two files may not share a name).
     *
     * @throws RtlBuildException naming the file that is missing or unreadable
     */
    public static RtlDesign fromPaths(String top, List<Path> sources, String clock, String reset) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : sources) {
            String name = p.getFileName().toString();
            try {
                if (files.put(name, Files.readString(p, StandardCharsets.UTF_8)) != null) {
                    throw new RtlBuildException("two RTL sources share the file name " + name + ": " + p);
                }
            } catch (NoSuchFileException e) {
                throw new RtlBuildException("RTL source not found: " + p);
            } catch (IOException e) {
                throw new RtlBuildException("cannot read RTL source " + p + ": " + e.getMessage());
            }
        }
        return new RtlDesign(top, files, clock, reset);
    }
}

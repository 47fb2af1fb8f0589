package dev.lockstep.kpu.scalesim;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SCALE-Sim v2 {@code .cfg} the way Python's configparser reads it for SCALE-Sim: {@code [section]}
 * headers, {@code key: value} or {@code key = value} (first delimiter wins, spaces around are dropped),
 * keys case-insensitive, whole-line comments starting with {@code #} or {@code ;}. Stricter than
 * SCALE-Sim where it would crash or silently misread: unknown sections and keys, duplicates, missing
 * keys and values that are not positive integers are errors naming file, line and key.
 */
public final class ScaleSimConfigReader {
    private static final String GENERAL = "general";
    private static final String ARCH = "architecture_presets";
    private static final String RUN = "run_presets";
    private static final String NETWORK = "network_presets";

    /** Allowed keys (lower case, as configparser stores them) per section. */
    private static final Map<String, Set<String>> KEYS = Map.of(
            GENERAL, Set.of("run_name"),
            ARCH, Set.of("arrayheight", "arraywidth", "ifmapsramszkb", "filtersramszkb", "ofmapsramszkb",
                    "ifmapoffset", "filteroffset", "ofmapoffset", "bandwidth", "dataflow", "memorybanks"),
            RUN, Set.of("interfacebandwidth"),
            // SCALE-Sim reads the topology from here when -t is absent; we always take -t and keep this only
            // so existing files load.
            NETWORK, Set.of("topologycsvloc"));

    private ScaleSimConfigReader() {
    }

    public static ScaleSimConfig read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (CharacterCodingException e) {
            throw new ScaleSimFormatException(file.toString(), 0, "not UTF-8 text");
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            // e.g. a directory given as the file: still the user's input, not our failure
            throw new ScaleSimFormatException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    /** Parses the lines of a config; {@code source} names it in error messages. */
    public static ScaleSimConfig parse(String source, List<String> lines) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Entry> current = null;
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new ScaleSimFormatException(source, lineNo, "section header '" + line + "' has no closing ]");
                }
                String name = line.substring(1, line.length() - 1).strip();
                if (!KEYS.containsKey(name)) {
                    throw new ScaleSimFormatException(source, lineNo, "unknown section [" + name
                            + "]; SCALE-Sim v2 sections are [general], [architecture_presets], [run_presets], [network_presets]");
                }
                if (sections.containsKey(name)) {
                    throw new ScaleSimFormatException(source, lineNo, "section [" + name + "] appears twice");
                }
                current = new HashMap<>();
                section = name;
                sections.put(name, current);
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && current != null) {
                throw new ScaleSimFormatException(source, lineNo, "indented line '" + line
                        + "': multi-line values are not part of SCALE-Sim's config");
            }
            int colon = line.indexOf(':');
            int equals = line.indexOf('=');
            int cut = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            if (cut < 0) {
                throw new ScaleSimFormatException(source, lineNo, "expected 'Key: value' or 'Key = value', got '" + line + "'");
            }
            if (current == null) {
                throw new ScaleSimFormatException(source, lineNo, "'" + line + "' comes before any [section] header");
            }
            String key = line.substring(0, cut).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(cut + 1).strip();
            if (!KEYS.get(section).contains(key)) {
                throw new ScaleSimFormatException(source, lineNo, "unknown key '" + line.substring(0, cut).strip()
                        + "' in [" + section + "]");
            }
            if (current.put(key, new Entry(lineNo, value)) != null) {
                throw new ScaleSimFormatException(source, lineNo, "key '" + line.substring(0, cut).strip()
                        + "' appears twice in [" + section + "]");
            }
        }
        return build(source, sections);
    }

    private static ScaleSimConfig build(String source, Map<String, Map<String, Entry>> sections) {
        Values v = new Values(source, sections);
        String runName = v.string(GENERAL, "run_name", "run_name");
        if (runName.isEmpty() || runName.equals(".") || runName.equals("..")
                || runName.indexOf('/') >= 0 || runName.indexOf('\\') >= 0) {
            throw v.error(GENERAL, "run_name", "run_name '" + runName
                    + "' must name one directory (no path separators, not . or ..)");
        }
        String mode = v.string(RUN, "interfacebandwidth", "InterfaceBandwidth");
        if (!mode.equals("CALC") && !mode.equals("USER")) {
            throw v.error(RUN, "interfacebandwidth", "InterfaceBandwidth '" + mode + "': allowed CALC or USER");
        }
        int height = v.intAtLeast1(ARCH, "arrayheight", "ArrayHeight");
        int width = v.intAtLeast1(ARCH, "arraywidth", "ArrayWidth");
        long ifmapKb = v.longAtLeast(ARCH, "ifmapsramszkb", "IfmapSramSzkB", 1);
        long filterKb = v.longAtLeast(ARCH, "filtersramszkb", "FilterSramSzkB", 1);
        long ofmapKb = v.longAtLeast(ARCH, "ofmapsramszkb", "OfmapSramSzkB", 1);
        long ifmapOffset = v.longAtLeast(ARCH, "ifmapoffset", "IfmapOffset", 0);
        long filterOffset = v.longAtLeast(ARCH, "filteroffset", "FilterOffset", 0);
        long ofmapOffset = v.longAtLeast(ARCH, "ofmapoffset", "OfmapOffset", 0);
        String df = v.string(ARCH, "dataflow", "Dataflow");
        ScaleSimDataflow dataflow = ScaleSimDataflow.fromConfigName(df);
        if (dataflow == null) {
            throw v.error(ARCH, "dataflow", "Dataflow '" + df + "': allowed os, ws, is");
        }
        List<Long> bandwidths = new ArrayList<>();
        if (v.has(ARCH, "bandwidth")) {
            for (String part : v.string(ARCH, "bandwidth", "Bandwidth").split(",", -1)) {
                bandwidths.add(v.parseLong(ARCH, "bandwidth", "Bandwidth", part.strip(), 1));
            }
        } else if (mode.equals("USER")) {
            throw v.error(RUN, "interfacebandwidth", "InterfaceBandwidth USER needs Bandwidth in [architecture_presets]");
        }
        int banks = v.has(ARCH, "memorybanks") ? v.intAtLeast1(ARCH, "memorybanks", "MemoryBanks") : 1;
        return new ScaleSimConfig(runName, height, width, ifmapKb, filterKb, ofmapKb, ifmapOffset, filterOffset,
                ofmapOffset, dataflow, bandwidths, banks, mode.equals("USER"));
    }

    private record Entry(int line, String value) {
    }

    /** Typed access to the parsed entries, with errors that point at the line of the value. */
    private record Values(String source, Map<String, Map<String, Entry>> sections) {
        boolean has(String section, String key) {
            Map<String, Entry> s = sections.get(section);
            return s != null && s.containsKey(key);
        }

        Entry entry(String section, String key, String display) {
            Map<String, Entry> s = sections.get(section);
            if (s == null) {
                throw new ScaleSimFormatException(source, 0, "missing section [" + section + "] (it holds " + display + ")");
            }
            Entry e = s.get(key);
            if (e == null) {
                throw new ScaleSimFormatException(source, 0, "missing key " + display + " in [" + section + "]");
            }
            return e;
        }

        String string(String section, String key, String display) {
            return entry(section, key, display).value();
        }

        ScaleSimFormatException error(String section, String key, String problem) {
            return new ScaleSimFormatException(source, sections.get(section).get(key).line(), problem);
        }

        int intAtLeast1(String section, String key, String display) {
            long v = longAtLeast(section, key, display, 1);
            if (v > Integer.MAX_VALUE) {
                throw error(section, key, display + " " + v + " is too large");
            }
            return (int) v;
        }

        long longAtLeast(String section, String key, String display, long min) {
            return parseLong(section, key, display, string(section, key, display), min);
        }

        long parseLong(String section, String key, String display, String text, long min) {
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error(section, key, display + " '" + text + "' is not an integer");
            }
            if (v < min) {
                throw error(section, key, display + " " + v + " must be >= " + min);
            }
            return v;
        }
    }
}

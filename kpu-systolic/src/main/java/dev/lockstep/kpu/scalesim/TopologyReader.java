package dev.lockstep.kpu.scalesim;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SCALE-Sim v2 topology CSVs. The first line is a header and is skipped, blank lines are skipped,
 * fields may carry spaces. SCALE-Sim drops the last field of every row because its rows end with a comma;
 * here a row may end with or without that comma. Convolution rows hold name, IFMAP height and width,
 * filter height and width, channels, filters and stride, plus an optional column stride; GEMM rows hold
 * name, M, N, K. Anything else is an error naming file, line and field.
 *
 * <p>A convolution whose name contains {@code DP} is depthwise for SCALE-Sim: it becomes one layer per
 * channel, named {@code <name>Channel_<i>}, each with one channel. That is kept so reports line up.
 */
public final class TopologyReader {
    /** How the rows are to be read: SCALE-Sim's {@code -i conv} or {@code -i gemm}. */
    public enum Kind { CONV, GEMM }

    private static final String[] CONV_FIELDS = {"Layer name", "IFMAP Height", "IFMAP Width", "Filter Height",
            "Filter Width", "Channels", "Num Filter", "Strides", "Column Stride"};
    private static final String[] GEMM_FIELDS = {"Layer Name", "M", "N", "K"};

    private TopologyReader() {
    }

    public static List<TopologyLayer> read(Path file, Kind kind) throws IOException {
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
        return parse(file.toString(), lines, kind);
    }

    /** Parses the lines of a topology; {@code source} names it in error messages. */
    public static List<TopologyLayer> parse(String source, List<String> lines, Kind kind) {
        String[] names = kind == Kind.CONV ? CONV_FIELDS : GEMM_FIELDS;
        if (lines.isEmpty()) {
            throw new ScaleSimFormatException(source, 0, "empty file; expected a header line and one layer per line");
        }
        checkHeader(source, fields(lines.get(0).replace("\uFEFF", "")), names);
        List<TopologyLayer> layers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Row row = new Row(source, i + 1, fields(lines.get(i)), names);
            if (kind == Kind.GEMM) {
                row.count(4, 4);
                layers.add(TopologyLayer.gemm(row.name(), row.positive(1), row.positive(2), row.positive(3)));
            } else {
                addConv(row, layers);
            }
        }
        if (layers.isEmpty()) {
            throw new ScaleSimFormatException(source, 0, "no layers after the header line");
        }
        return List.copyOf(layers);
    }

    private static void addConv(Row row, List<TopologyLayer> layers) {
        row.count(8, 9);
        long ifmapH = row.positive(1);
        long ifmapW = row.positive(2);
        long filterH = row.positive(3);
        long filterW = row.positive(4);
        long channels = row.positive(5);
        long filters = row.positive(6);
        long strideH = row.positive(7);
        long strideW = row.fields.length == 9 ? row.positive(8) : strideH;
        if (filterH > ifmapH) {
            throw row.error(3, "Filter Height " + filterH + " is larger than IFMAP Height " + ifmapH);
        }
        if (filterW > ifmapW) {
            throw row.error(4, "Filter Width " + filterW + " is larger than IFMAP Width " + ifmapW);
        }
        String name = row.name();
        if (name.contains("DP")) {
            for (long c = 0; c < channels; c++) {
                layers.add(new TopologyLayer(name + "Channel_" + c, ifmapH, ifmapW, filterH, filterW, 1, filters,
                        strideH, strideW));
            }
        } else {
            layers.add(new TopologyLayer(name, ifmapH, ifmapW, filterH, filterW, channels, filters, strideH, strideW));
        }
    }

    /** Splits on commas, trims each field, and drops the empty field a trailing comma leaves. */
    private static String[] fields(String line) {
        String[] parts = line.strip().split(",", -1);
        int n = parts.length > 1 && parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = parts[i].strip();
        }
        return out;
    }

    /** SCALE-Sim skips line 1 whatever it holds: say so when it looks like a layer rather than a header. */
    private static void checkHeader(String source, String[] header, String[] names) {
        if (header.length < 2) {
            return;
        }
        for (int i = 1; i < header.length; i++) {
            if (!header[i].matches("[+-]?\\d+")) {
                return;
            }
        }
        throw new ScaleSimFormatException(source, 1, "line 1 looks like a layer, but it is the header line, which"
                + " SCALE-Sim skips; add a header such as '" + String.join(", ", names).replace(", Column Stride", "") + ",'");
    }

    /** One data line, split into fields, with errors that name the line and the field. */
    private record Row(String source, int line, String[] fields, String[] names) {
        void count(int min, int max) {
            if (fields.length < min || fields.length > max) {
                String want = min == max ? String.valueOf(min) : min + " or " + max;
                throw new ScaleSimFormatException(source, line, "expected " + want + " fields ("
                        + String.join(", ", java.util.Arrays.copyOf(names, max)) + "), got " + fields.length);
            }
        }

        String name() {
            if (fields[0].isEmpty()) {
                throw error(0, "empty layer name");
            }
            return fields[0];
        }

        long positive(int index) {
            String text = fields[index];
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error(index, "'" + text + "' is not an integer");
            }
            if (v < 1) {
                throw error(index, "must be >= 1, got " + v);
            }
            return v;
        }

        ScaleSimFormatException error(int index, String problem) {
            return new ScaleSimFormatException(source, line, "field " + (index + 1) + " (" + names[index] + "): " + problem);
        }
    }
}

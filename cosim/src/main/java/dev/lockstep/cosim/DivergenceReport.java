package dev.lockstep.cosim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats a {@link CosimResult} for people. The window table has a column for each input that varies
 * over the window and each output that varies or disagrees; constant inputs are listed once above
 * it, so wide blocks stay readable. Where the sides differ a cell reads {@code java/rtl}.
 */
final class DivergenceReport {
    private DivergenceReport() {}

    static String format(CosimResult r) {
        StringBuilder s = new StringBuilder();
        String rate = String.format(Locale.ROOT, "%.2f M cycles/s", r.cyclesPerSecond() / 1e6);
        if (r.passed()) {
            s.append(r.schema().block()).append(": ").append(r.cycles()).append(" cycles, seed ").append(r.seed())
                    .append(", ").append(r.schema().outputs().size()).append(" outputs compared every cycle, 0 divergences (")
                    .append(rate).append(")\n");
            return s.toString();
        }
        Divergence d = r.first();
        s.append(r.schema().block()).append(": DIVERGED at cycle ").append(d.cycle()).append(" (seed ").append(r.seed())
                .append(", ").append(r.cycles()).append(" cycles run, ").append(r.divergences())
                .append(r.divergences() == 1 ? " divergence" : " divergences").append(", ").append(rate).append(")\n");
        s.append("  ").append(d.describe()).append('\n');
        s.append("  expected = Java model, actual = RTL; inputs of cycle c are applied before its edge, outputs sampled after it\n");
        appendTable(s, r);
        if (r.vcdWindow() != null) {
            s.append("  VCD window: ").append(r.vcdWindow()).append(" (cycles ").append(r.window().getFirst().cycle())
                    .append("..").append(r.window().getLast().cycle()).append(", scopes java.").append(r.schema().block())
                    .append(" and rtl.").append(r.schema().block()).append(", 1 time unit = 1 cycle)\n");
        }
        return s.toString();
    }

    private static void appendTable(StringBuilder s, CosimResult r) {
        List<CycleRecord> rows = r.window();
        CosimSchema schema = r.schema();
        List<String> header = new ArrayList<>(List.of("cycle"));
        List<int[]> columns = new ArrayList<>(); // {0 = input, 1 = output; index}
        StringBuilder constant = new StringBuilder();
        for (int i = 0; i < schema.inputs().size(); i++) {
            SignalSpec in = schema.inputs().get(i);
            if (varies(rows, i, true)) {
                header.add(in.name());
                columns.add(new int[] {0, i});
            } else {
                constant.append(' ').append(in.name()).append('=').append(Divergence.hex(rows.getFirst().inputs()[i], in.width()));
            }
        }
        for (int i = 0; i < schema.outputs().size(); i++) {
            if (varies(rows, i, false) || disagrees(rows, i)) {
                header.add(schema.outputs().get(i).name());
                columns.add(new int[] {1, i});
            }
        }
        s.append("  last ").append(r.lastAgreeing().size()).append(" agreeing cycles, the divergent one and ")
                .append(rows.size() - r.lastAgreeing().size() - 1).append(" after it:\n");
        if (!constant.isEmpty()) {
            s.append("    inputs constant over these cycles:").append(constant).append('\n');
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        for (CycleRecord row : rows) {
            List<String> line = new ArrayList<>();
            line.add(Long.toString(row.cycle()));
            for (int[] c : columns) {
                if (c[0] == 0) {
                    line.add(Divergence.hex(row.inputs()[c[1]], schema.inputs().get(c[1]).width()));
                } else {
                    int w = schema.outputs().get(c[1]).width();
                    long e = row.expected()[c[1]];
                    long a = row.actual()[c[1]];
                    line.add(e == a ? Divergence.hex(e, w) : Divergence.hex(e, w) + "/" + Divergence.hex(a, w));
                }
            }
            if (row.cycle() == r.first().cycle()) {
                line.add("<- first divergence");
            }
            cells.add(line);
        }
        int[] widths = new int[header.size() + 1];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            s.append("   ");
            for (int i = 0; i < line.size(); i++) {
                s.append(' ').append(line.get(i)).append(" ".repeat(widths[i] - line.get(i).length()));
            }
            s.setLength(s.length() - trailingSpaces(s));
            s.append('\n');
        }
    }

    private static int trailingSpaces(StringBuilder s) {
        int n = 0;
        while (n < s.length() && s.charAt(s.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }

    private static boolean varies(List<CycleRecord> rows, int i, boolean input) {
        long v0 = input ? rows.getFirst().inputs()[i] : rows.getFirst().expected()[i];
        for (CycleRecord row : rows) {
            if ((input ? row.inputs()[i] : row.expected()[i]) != v0 || (!input && row.actual()[i] != v0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean disagrees(List<CycleRecord> rows, int i) {
        return rows.stream().anyMatch(row -> row.expected()[i] != row.actual()[i]);
    }
}

package dev.lockstep.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The signals of one trace, by id (arrays for the per-change lookups) and by (path, field). */
final class SignalTable {
    /** Widest signal a trace may declare; bounds what a corrupt width can make a reader allocate. */
    static final int MAX_WIDTH = 1 << 20;

    private String[] paths = new String[16];
    private String[] fields = new String[16];
    private int[] widths = new int[16];
    private int count;
    private final Map<String, Integer> byName = new HashMap<>();

    /** Why {@code name} cannot be a path or field, or null if it can. */
    static String checkName(String kind, String name) {
        if (name == null || name.isEmpty()) {
            return kind + " is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            // Whitespace would split the name in VCD and in one-line reports.
            if (ch <= ' ' || ch == 0x7F || Character.isWhitespace(ch)) {
                return kind + " \"" + name + "\" contains whitespace or a control character";
            }
        }
        return null;
    }

    /** Why a signal cannot be declared, or null if it can. */
    String checkDeclaration(String path, String field, int width) {
        String bad = checkName("path", path);
        if (bad == null) {
            bad = checkName("field", field);
        }
        if (bad == null && (width < 1 || width > MAX_WIDTH)) {
            bad = "width " + width + " of " + path + "." + field + " is outside 1.." + MAX_WIDTH;
        }
        if (bad == null && byName.containsKey(key(path, field))) {
            bad = path + "." + field + " is declared twice";
        }
        return bad;
    }

    /** Adds a signal that passed {@link #checkDeclaration} and returns its id. */
    int add(String path, String field, int width) {
        if (count == widths.length) {
            paths = Arrays.copyOf(paths, count * 2);
            fields = Arrays.copyOf(fields, count * 2);
            widths = Arrays.copyOf(widths, count * 2);
        }
        paths[count] = path;
        fields[count] = field;
        widths[count] = width;
        byName.put(key(path, field), count);
        return count++;
    }

    /**
     * Checks a writer's change of {@code signal} at {@code cycle} after a change at {@code lastCycle} and
     * returns the signal's width.
     */
    int checkChange(int signal, long cycle, long lastCycle) {
        if (signal < 0 || signal >= count) {
            throw new IllegalArgumentException("signal id " + signal + " was not declared");
        }
        if (cycle < 0) {
            throw new IllegalArgumentException("cycle " + cycle + " of " + paths[signal] + "." + fields[signal]
                    + " is negative");
        }
        if (cycle < lastCycle) {
            throw new IllegalArgumentException("cycle " + cycle + " of " + paths[signal] + "." + fields[signal]
                    + " is before the previous change at cycle " + lastCycle + " (changes must come in cycle order)");
        }
        return widths[signal];
    }

    /** The id of (path, field), or -1 if undeclared. */
    int find(String path, String field) {
        Integer id = byName.get(key(path, field));
        return id == null ? -1 : id;
    }

    int size() {
        return count;
    }

    boolean contains(int id) {
        return id >= 0 && id < count;
    }

    int width(int id) {
        return widths[id];
    }

    String path(int id) {
        return paths[id];
    }

    String field(int id) {
        return fields[id];
    }

    private static String key(String path, String field) {
        return path + '\u0000' + field;
    }
}

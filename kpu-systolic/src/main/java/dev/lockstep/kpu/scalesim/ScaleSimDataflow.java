package dev.lockstep.kpu.scalesim;

import java.util.Locale;

/**
 * SCALE-Sim's three dataflows and how each maps the GEMM of a layer onto the array: which dimension is
 * laid along the rows (Sr), which along the columns (Sc) and which is streamed through in time (T).
 */
public enum ScaleSimDataflow {
    /** Output stationary: each PE keeps one output; M on rows, N on columns, K streamed. */
    OS,
    /** Weight stationary: each PE keeps one weight; K on rows, N on columns, M streamed. */
    WS,
    /** Input stationary: each PE keeps one input; K on rows, M on columns, N streamed. */
    IS;

    /** The spelling SCALE-Sim's config uses ({@code os}, {@code ws}, {@code is}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dataflow spelled {@code os}, {@code ws} or {@code is}, or null for anything else. */
    static ScaleSimDataflow fromConfigName(String s) {
        for (ScaleSimDataflow d : values()) {
            if (d.configName().equals(s)) {
                return d;
            }
        }
        return null;
    }

    /** Extent laid along the array's rows. */
    public long spatialRows(long m, long n, long k) {
        return this == OS ? m : k;
    }

    /** Extent laid along the array's columns. */
    public long spatialCols(long m, long n, long k) {
        return this == IS ? m : n;
    }

    /** Extent streamed through the array in time. */
    public long temporal(long m, long n, long k) {
        return switch (this) {
            case OS -> k;
            case WS -> m;
            case IS -> n;
        };
    }
}

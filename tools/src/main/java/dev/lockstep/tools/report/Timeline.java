package dev.lockstep.tools.report;

import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceRecord;
import dev.lockstep.trace.Transaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Busy and stalled intervals per engine over simulated time, from the transactions of a trace. A
 * transaction occupies its component from issue to complete; one whose kind is {@code stall} or ends in
 * {@code .stall} counts as stalled, any other as busy. Each component's cycles count its own clock, so
 * the caller gives the period of each component and the timeline works in picoseconds.
 *
 * @param tracks components in order of first appearance
 * @param spans  every interval, in trace order
 */
public record Timeline(List<String> tracks, List<Span> spans) {

    /** One interval of one track, in picoseconds, end exclusive. */
    public record Span(int track, long startPs, long endPs, boolean stalled) {}

    public Timeline {
        tracks = List.copyOf(tracks);
        spans = List.copyOf(spans);
    }

    /** Reads the transactions of {@code in}; value changes are skipped. */
    public static Timeline of(TraceReader in, ToLongFunction<String> periodPsOfComponent) throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Span> spans = new ArrayList<>();
        for (TraceRecord r = in.next(); r != null; r = in.next()) {
            if (r instanceof Transaction t) {
                int track = index.computeIfAbsent(t.component(), k -> index.size());
                long period = periodPsOfComponent.applyAsLong(t.component());
                boolean stalled = t.kind().equals("stall") || t.kind().endsWith(".stall");
                spans.add(new Span(track, Math.multiplyExact(t.issueCycle(), period),
                        Math.multiplyExact(t.completeCycle(), period), stalled));
            }
        }
        return new Timeline(new ArrayList<>(index.keySet()), spans);
    }

    /** The last end of any span (0 for an empty timeline): the span of time the fractions refer to. */
    public long endPs() {
        long end = 0;
        for (Span s : spans) {
            end = Math.max(end, s.endPs());
        }
        return end;
    }

    /**
     * Picoseconds in which {@code track} had at least one interval of the given kind (busy or stalled);
     * overlapping intervals count once.
     */
    public long coveredPs(int track, boolean stalled) {
        List<long[]> iv = new ArrayList<>();
        for (Span s : spans) {
            if (s.track() == track && s.stalled() == stalled && s.endPs() > s.startPs()) {
                iv.add(new long[] {s.startPs(), s.endPs()});
            }
        }
        iv.sort((a, b) -> Long.compare(a[0], b[0]));
        long total = 0;
        long curStart = -1;
        long curEnd = -1;
        for (long[] i : iv) {
            if (i[0] > curEnd) {
                total += curEnd - curStart;
                curStart = i[0];
                curEnd = i[1];
            } else {
                curEnd = Math.max(curEnd, i[1]);
            }
        }
        return total + (curEnd - curStart);
    }
}

package dev.lockstep.tools.report;

import dev.lockstep.trace.TraceReader;
import dev.lockstep.trace.TraceRecord;
import dev.lockstep.trace.Transaction;
import dev.lockstep.trace.ValueChange;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Converts a trace to the Chrome trace event JSON that Perfetto (ui.perfetto.dev) and chrome://tracing
 * open. Trace records count cycles of one clock; the export turns them into simulated time with the
 * clock's period: {@code ts} in microseconds = cycle x period_ps / 10^6, written as an exact decimal
 * (up to 6 fractional digits, since a picosecond is 10^-6 us) so no rounding creeps in.
 *
 * <ul>
 * <li>a transaction becomes a complete event ({@code "ph":"X"}) named by its kind on a track (thread)
 *     named by its component, lasting from issue to complete, with id and bytes as arguments;</li>
 * <li>a value change of a field up to 53 bits wide becomes a counter sample ({@code "ph":"C"}) named
 *     {@code path.field} (53 bits is what a JSON number holds exactly); a wider value becomes an instant
 *     event carrying the hex value.</li>
 * </ul>
 * Records stream through; only the component-to-track table is held.
 */
public final class PerfettoExport {
    private static final int PID = 1;
    private static final int EXACT_JSON_BITS = 53;

    private PerfettoExport() {}

    /** Writes the export of {@code in} to {@code out} (atomically), cycles of a clock of {@code periodPs}. */
    public static void export(TraceReader in, Path out, long periodPs) throws IOException {
        if (periodPs < 1) {
            throw new IllegalArgumentException("clock period must be >= 1 ps, got " + periodPs);
        }
        export(in, out, name -> periodPs);
    }

    /**
     * The same for a trace whose components run on different clocks: {@code periodPsOf} gives the period
     * of a transaction's component or of a value change's path.
     */
    public static void export(TraceReader in, Path out, ToLongFunction<String> periodPsOf) throws IOException {
        AtomicFiles.stream(out, w -> write(in, w, periodPsOf));
    }

    static void write(TraceReader in, Writer w, ToLongFunction<String> periodPsOf) throws IOException {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        w.write("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        boolean first = true;
        for (TraceRecord r = in.next(); r != null; r = in.next()) {
            String event = switch (r) {
                case Transaction t -> {
                    int tid = tracks.computeIfAbsent(t.component(), k -> tracks.size() + 1);
                    long periodPs = periodPsOf.applyAsLong(t.component());
                    yield "{\"name\":" + Json.quote(t.kind()) + ",\"cat\":\"txn\",\"ph\":\"X\",\"ts\":"
                            + micros(Math.multiplyExact(t.issueCycle(), periodPs)) + ",\"dur\":"
                            + micros(Math.multiplyExact(t.completeCycle() - t.issueCycle(), periodPs))
                            + ",\"pid\":" + PID + ",\"tid\":" + tid + ",\"args\":{\"id\":" + t.id()
                            + ",\"bytes\":" + t.bytes() + "}}";
                }
                case ValueChange c -> {
                    String name = Json.quote(c.path() + "." + c.field());
                    String ts = micros(Math.multiplyExact(c.cycle(), periodPsOf.applyAsLong(c.path())));
                    yield c.value().width() <= EXACT_JSON_BITS
                            ? "{\"name\":" + name + ",\"ph\":\"C\",\"ts\":" + ts + ",\"pid\":" + PID
                                    + ",\"args\":{\"value\":" + c.value().toLong() + "}}"
                            : "{\"name\":" + name + ",\"ph\":\"i\",\"s\":\"p\",\"ts\":" + ts + ",\"pid\":" + PID
                                    + ",\"tid\":0,\"args\":{\"value\":" + Json.quote(c.value().toHex()) + "}}";
                }
            };
            w.write(first ? event : ",\n" + event);
            first = false;
        }
        for (Map.Entry<String, Integer> e : tracks.entrySet()) {
            String meta = "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":" + PID + ",\"tid\":" + e.getValue()
                    + ",\"args\":{\"name\":" + Json.quote(e.getKey()) + "}}";
            w.write(first ? meta : ",\n" + meta);
            first = false;
        }
        w.write("\n]}\n");
    }

    /** Picoseconds as an exact decimal count of microseconds: 1500 ps -> "0.0015". */
    static String micros(long ps) {
        if (ps < 0) {
            return "-" + micros(-ps);
        }
        long whole = ps / 1_000_000;
        long frac = ps % 1_000_000;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%06d", frac);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + f.substring(0, end);
    }
}

package dev.lockstep.tools.regress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Compares a fresh run of a suite with its baseline. A metric regresses when it moved by more than the
 * tolerance (relative to the baseline) in a direction its {@link Metric.Direction} forbids; a metric
 * present on one side only is a failure too, since the suite and its baseline no longer describe the
 * same thing.
 */
public final class RegressionCheck {
    /** What happened to one metric. */
    public enum Verdict { OK, REGRESSED, IMPROVED, MISSING, NEW }

    /**
     * One row of the table. {@code baseline} or {@code now} is NaN when that side lacks the metric;
     * {@code delta} is (now - baseline) / |baseline|, infinite when the baseline is 0 and now is not.
     */
    public record Row(String workload, String metric, double baseline, double now, double delta, Verdict verdict) {
        public boolean failed() {
            return verdict == Verdict.REGRESSED || verdict == Verdict.MISSING || verdict == Verdict.NEW;
        }
    }

    private RegressionCheck() {}

    /** @param tolerance allowed relative move, e.g. 0.05 for 5 % */
    public static List<Row> compare(Baseline baseline, Baseline now, double tolerance) {
        Map<String, Baseline.Entry> fresh = new LinkedHashMap<>();
        for (Baseline.Entry e : now.entries()) {
            fresh.put(e.key(), e);
        }
        List<Row> rows = new ArrayList<>();
        for (Baseline.Entry b : baseline.entries()) {
            Baseline.Entry n = fresh.remove(b.key());
            if (n == null) {
                rows.add(new Row(b.workload(), b.metric().name(), b.metric().value(), Double.NaN, Double.NaN, Verdict.MISSING));
                continue;
            }
            double was = b.metric().value();
            double is = n.metric().value();
            double delta = was == is ? 0 : was == 0 ? Math.copySign(Double.POSITIVE_INFINITY, is) : (is - was) / Math.abs(was);
            Verdict v;
            if (Math.abs(delta) <= tolerance) {
                v = Verdict.OK;
            } else if (b.metric().direction() == Metric.Direction.DROP && delta > 0) {
                v = Verdict.IMPROVED;
            } else {
                v = Verdict.REGRESSED;
            }
            rows.add(new Row(b.workload(), b.metric().name(), was, is, delta, v));
        }
        for (Baseline.Entry n : fresh.values()) {
            rows.add(new Row(n.workload(), n.metric().name(), Double.NaN, n.metric().value(), Double.NaN, Verdict.NEW));
        }
        return rows;
    }

    /** Runs every workload of a suite and collects its metrics in order. */
    public static Baseline run(String suite, List<Workload> workloads, Consumer<String> progress) {
        List<Baseline.Entry> entries = new ArrayList<>();
        for (Workload w : workloads) {
            progress.accept(w.name());
            List<String> seen = new ArrayList<>();
            for (Metric m : w.run()) {
                if (seen.contains(m.name())) {
                    throw new IllegalStateException("workload " + w.name() + " reports metric " + m.name() + " twice");
                }
                seen.add(m.name());
                entries.add(new Baseline.Entry(w.name(), m));
            }
        }
        return new Baseline(suite, entries);
    }
}

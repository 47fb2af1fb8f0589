package dev.lockstep.tools.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.tools.regress.RegressionCheck.Row;
import dev.lockstep.tools.regress.RegressionCheck.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdicts on planted deltas around a 5 % tolerance. */
class RegressionCheckTest {
    private static Baseline of(Metric... metrics) {
        return new Baseline("s", java.util.Arrays.stream(metrics).map(m -> new Baseline.Entry("w", m)).toList());
    }

    private static Row one(Metric was, Metric now) {
        List<Row> rows = RegressionCheck.compare(of(was), of(now), 0.05);
        assertEquals(1, rows.size());
        return rows.getFirst();
    }

    @Test
    void cyclesFailWhenTheyMoveEitherWayBeyondTolerance() {
        // 1000 -> 1050 is +5.0 %: at the limit, still ok; 1051 is +5.1 %: beyond.
        assertEquals(Verdict.OK, one(Metric.count("cycles", 1000), Metric.count("cycles", 1050)).verdict());
        assertEquals(Verdict.REGRESSED, one(Metric.count("cycles", 1000), Metric.count("cycles", 1051)).verdict());
        // Faster is also a failure for a count: 1000 -> 940 is -6 %.
        Row faster = one(Metric.count("cycles", 1000), Metric.count("cycles", 940));
        assertEquals(Verdict.REGRESSED, faster.verdict());
        assertEquals(-0.06, faster.delta(), 1e-12);
        assertTrue(faster.failed());
    }

    @Test
    void ratesFailOnlyWhenTheyDrop() {
        // 100 -> 120 GB/s: +20 %, an improvement; 100 -> 94: -6 %, a regression.
        Row up = one(Metric.rate("gbps", 100), Metric.rate("gbps", 120));
        assertEquals(Verdict.IMPROVED, up.verdict());
        assertFalse(up.failed());
        assertEquals(Verdict.REGRESSED, one(Metric.rate("gbps", 100), Metric.rate("gbps", 94)).verdict());
    }

    @Test
    void zeroBaselineAndUnmatchedMetrics() {
        Row fromZero = one(Metric.count("skips", 0), Metric.count("skips", 1));
        assertEquals(Verdict.REGRESSED, fromZero.verdict());
        assertEquals(Double.POSITIVE_INFINITY, fromZero.delta());
        assertEquals(Verdict.OK, one(Metric.count("skips", 0), Metric.count("skips", 0)).verdict());
        List<Row> rows = RegressionCheck.compare(of(Metric.count("a", 1)), of(Metric.count("b", 1)), 0.05);
        assertEquals(List.of(Verdict.MISSING, Verdict.NEW), rows.stream().map(Row::verdict).toList());
        assertTrue(rows.stream().allMatch(Row::failed));
    }

    @Test
    void baselineJsonRoundTripsWithWholeNumbersWithoutFraction() {
        Baseline b = of(Metric.count("cycles", 2184), Metric.rate("gbps", 47.421128798842254));
        String json = b.toJson();
        assertTrue(json.contains("\"value\": 2184,"), json);
        assertTrue(json.contains("\"value\": 47.421128798842254,"), json);
        assertEquals(3 + 1, json.split("\n").length, "header, one line a metric, footer");
    }
}

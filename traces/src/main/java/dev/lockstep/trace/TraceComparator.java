package dev.lockstep.trace;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Walks two traces cycle by cycle and reports where they first differ. Within a cycle, the value of each
 * (path, field) is compared (the last change of a field in a cycle counts); a change present on one side only
 * is a divergence. Transactions are compared pairwise in the order they appear on each side, as soon as both
 * sides have reached them. Memory: one cycle of each side, the context ring, and transactions one side has
 * that the other has not reached yet.
 */
public final class TraceComparator {
    private TraceComparator() {
    }

    /**
     * @param context            how many agreeing records before the first divergence to keep (>= 0)
     * @param continueAfterFirst keep walking to count every divergence instead of stopping at the first
     */
    public record Options(int context, boolean continueAfterFirst) {
        public Options {
            if (context < 0) {
                throw new IllegalArgumentException("context must be >= 0, got " + context);
            }
        }
    }

    /** One difference; a null value means the record is absent on that side. */
    public record Divergence(long cycle, String path, String field, BitValue expected, BitValue actual) {
        /** One line, e.g. {@code cycle 1234: lane.acc expected 0x00000005 actual 0x00000004}. */
        public String describe() {
            return "cycle " + cycle + ": " + path + "." + field + " expected " + TransactionDiff.render(field, expected)
                    + " actual " + TransactionDiff.render(field, actual);
        }
    }

    /**
     * @param equal           no divergence at all
     * @param first           the first divergence, or null when equal
     * @param lastAgreeing    up to {@code context} agreeing records (as the expected side has them) just before
     *                        {@code first}, oldest first; when equal, the last ones of the traces
     * @param divergences     divergences counted (at most 1 unless continuing)
     * @param recordsCompared comparisons made: one per (path, field) in a cycle and one per transaction pair
     */
    public record Result(boolean equal, Divergence first, List<TraceRecord> lastAgreeing, long divergences,
                         long recordsCompared) {
    }

    public static Result compare(TraceReader expected, TraceReader actual, Options o) throws IOException {
        return new Walk(expected, actual, o).run();
    }

    /** The state of one comparison. */
    private static final class Walk {
        private final TraceCursor exp;
        private final TraceCursor act;
        private final Options options;
        private final ArrayDeque<Transaction> expTxns = new ArrayDeque<>();
        private final ArrayDeque<Transaction> actTxns = new ArrayDeque<>();
        private final Map<SignalKey, ValueChange> expCycle = new TreeMap<>();
        private final Map<SignalKey, ValueChange> actCycle = new TreeMap<>();
        private final ArrayDeque<TraceRecord> ring = new ArrayDeque<>();
        private Divergence first;
        private List<TraceRecord> context;
        private long divergences;
        private long compared;

        Walk(TraceReader expected, TraceReader actual, Options options) {
            this.exp = new TraceCursor(expected);
            this.act = new TraceCursor(actual);
            this.options = options;
        }

        Result run() throws IOException {
            while (true) {
                if (drainTransactions()) {
                    return result();
                }
                // Both heads are now value changes or the end.
                ValueChange e = (ValueChange) exp.peek();
                ValueChange a = (ValueChange) act.peek();
                if (e == null && a == null) {
                    break;
                }
                long cycle = e == null ? a.cycle() : a == null ? e.cycle() : Math.min(e.cycle(), a.cycle());
                takeCycle(exp, cycle, expCycle, expTxns);
                takeCycle(act, cycle, actCycle, actTxns);
                if (compareCycle(cycle)) {
                    return result();
                }
            }
            while (!expTxns.isEmpty() || !actTxns.isEmpty()) {
                if (compareTransactions(expTxns.poll(), actTxns.poll())) {
                    return result();
                }
            }
            return result();
        }

        /**
         * Moves transactions at the heads of both traces into their queues, one from each side at a time so
         * neither side runs ahead, and compares the pairs that are complete. True when the walk must stop.
         */
        private boolean drainTransactions() throws IOException {
            boolean moved = true;
            while (moved) {
                moved = false;
                if (exp.peek() instanceof Transaction t) {
                    exp.pop();
                    expTxns.add(t);
                    moved = true;
                }
                if (act.peek() instanceof Transaction t) {
                    act.pop();
                    actTxns.add(t);
                    moved = true;
                }
                if (comparePairs()) {
                    return true;
                }
            }
            return false;
        }

        private boolean comparePairs() {
            while (!expTxns.isEmpty() && !actTxns.isEmpty()) {
                if (compareTransactions(expTxns.poll(), actTxns.poll())) {
                    return true;
                }
            }
            return false;
        }

        /** Collects the changes of {@code cycle}; transactions among them go to the queue. */
        private static void takeCycle(TraceCursor side, long cycle, Map<SignalKey, ValueChange> into,
                                      ArrayDeque<Transaction> txns) throws IOException {
            into.clear();
            for (TraceRecord r = side.peek(); r != null; r = side.peek()) {
                if (r instanceof Transaction t) {
                    txns.add(t);
                } else if (r instanceof ValueChange c && c.cycle() == cycle) {
                    into.put(SignalKey.of(c), c);
                } else {
                    return;
                }
                side.pop();
            }
        }

        /** Compares one cycle in (path, field) order; true when the walk must stop. */
        private boolean compareCycle(long cycle) {
            TreeSet<SignalKey> keys = new TreeSet<>(expCycle.keySet());
            keys.addAll(actCycle.keySet());
            for (SignalKey k : keys) {
                ValueChange e = expCycle.get(k);
                ValueChange a = actCycle.get(k);
                compared++;
                if (e != null && a != null && e.value().equals(a.value())) {
                    agree(e);
                } else if (diverge(new Divergence(cycle, k.path(), k.field(), e == null ? null : e.value(),
                        a == null ? null : a.value()))) {
                    return true;
                }
            }
            return comparePairs();
        }

        private boolean compareTransactions(Transaction e, Transaction a) {
            compared++;
            Divergence d = TransactionDiff.between(e, a);
            if (d == null) {
                agree(e);
                return false;
            }
            return diverge(d);
        }

        private void agree(TraceRecord r) {
            if (first != null || options.context() == 0) {
                return;
            }
            if (ring.size() == options.context()) {
                ring.removeFirst();
            }
            ring.addLast(r);
        }

        /** Records a divergence; true when the walk must stop. */
        private boolean diverge(Divergence d) {
            divergences++;
            if (first == null) {
                first = d;
                context = List.copyOf(ring);
            }
            return !options.continueAfterFirst();
        }

        private Result result() {
            return new Result(first == null, first, first == null ? List.copyOf(ring) : context, divergences,
                    compared);
        }
    }
}

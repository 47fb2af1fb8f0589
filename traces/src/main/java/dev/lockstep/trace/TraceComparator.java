package dev.lockstep.trace;

import java.io.IOException;
import java.util.List;

/** Walks two traces cycle by cycle and reports where they first differ. */
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
            throw new UnsupportedOperationException("not yet");
        }
    }

    /**
     * @param equal           no divergence at all
     * @param first           the first divergence, or null when equal
     * @param lastAgreeing    up to {@code context} agreeing records just before {@code first}, oldest first
     * @param divergences     divergences counted (1 at most unless continuing)
     * @param recordsCompared record pairs compared (a record present on one side only counts once)
     */
    public record Result(boolean equal, Divergence first, List<TraceRecord> lastAgreeing, long divergences,
                         long recordsCompared) {
    }

    public static Result compare(TraceReader expected, TraceReader actual, Options o) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}

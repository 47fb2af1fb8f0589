package dev.lockstep.sim;

import dev.lockstep.sim.stats.Stats;
import java.util.Arrays;

/**
 * One simulated world: the timeline (long picoseconds), the pending events, the clock domains and the
 * statistics. Events fire in (time, phase, insertion sequence) order, so a run is deterministic.
 *
 * <p>Phases order events that share a time: 0..255, lower first. Plain {@link #schedule(long, int,
 * long)} uses {@link #DEFAULT_PHASE}, which runs before the clock edges of that time ({@link
 * ClockDomain#EDGE_PHASE}), the way inputs settle before a register samples them.
 *
 * <p>Single-threaded; not safe for use from several threads.
 */
public final class Simulation {
    public static final int DEFAULT_PHASE = 0;
    public static final int MAX_PHASE = 255;

    // order = phase << SEQ_BITS | sequence: 2^55 events before the sequence could wrap (years at 1e8/s).
    private static final int SEQ_BITS = 55;

    private final EventQueue queue = new EventQueue();
    private final Stats stats = new Stats(this);
    private EventHandler[] handlers = new EventHandler[16];
    private int handlerCount;
    private long now;
    private int phase;
    private long sequence;
    private long fired;
    private boolean stopped;
    // The last time the running loop may fire (-1 outside a loop): advanceTo must not pass it.
    private long limit = -1;

    /** Registers a handler once; the returned id is what {@link #schedule} takes. */
    public int register(EventHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        if (handlerCount == handlers.length) {
            handlers = Arrays.copyOf(handlers, handlerCount * 2);
        }
        handlers[handlerCount] = handler;
        return handlerCount++;
    }

    /** Schedules {@code handler(arg)} at {@code timePs} in the default phase. */
    public void schedule(long timePs, int handler, long arg) {
        schedule(timePs, DEFAULT_PHASE, handler, arg);
    }

    /** Schedules {@code handler(arg)} {@code delayPs} after now, in the current phase or later. */
    public void scheduleIn(long delayPs, int handler, long arg) {
        if (delayPs < 0) {
            throw new SimulationException("negative delay " + delayPs + " ps");
        }
        schedule(now + delayPs, delayPs == 0 ? phase : DEFAULT_PHASE, handler, arg);
    }

    /**
     * Schedules {@code handler(arg)} at ({@code timePs}, {@code phase}), which must not be before the
     * event being fired: the past cannot change.
     */
    public void schedule(long timePs, int phase, int handler, long arg) {
        if (timePs <= now && (timePs < now || phase < this.phase)) {
            throw new SimulationException("event at " + timePs + " ps phase " + phase
                    + " is before now (" + now + " ps phase " + this.phase + ")");
        }
        if ((phase & ~MAX_PHASE) != 0) {
            throw new SimulationException("phase " + phase + " outside 0.." + MAX_PHASE);
        }
        if (handler < 0 || handler >= handlerCount) {
            throw new SimulationException("unknown handler id " + handler);
        }
        queue.push(timePs, ((long) phase << SEQ_BITS) | sequence++, handler, arg);
    }

    /**
     * For the handler being fired: when nothing pending would fire before an event at ({@code
     * timePs}, {@code phase}), makes now that time and phase, counts it as a fired event and returns
     * true, so the handler goes on as that event without a trip through the queue; else (or when the
     * run stops or would end before it) returns false and the caller schedules the event as usual.
     * Every event fires in the same order either way; only the queue work is saved. The answer may be
     * false where an event would in fact come next.
     */
    public boolean advanceTo(long timePs, int phase) {
        if (stopped || timePs <= now || timePs > limit || (phase & ~MAX_PHASE) != 0 || !queue.allAfter(timePs)) {
            return false;
        }
        now = timePs;
        this.phase = phase;
        sequence++;
        fired++;
        return true;
    }

    /** Fires events until none is pending or {@link #stop()} is called. */
    public void run() {
        loop(Long.MAX_VALUE);
    }

    /**
     * Fires every event at or before {@code timePs} (all phases), then advances now to {@code timePs}
     * unless stopped earlier. Afterwards only events after {@code timePs}, or at it in the last phase,
     * may be scheduled.
     */
    public void runUntil(long timePs) {
        loop(timePs);
        if (!stopped && timePs >= now) {
            now = timePs;
            phase = MAX_PHASE;
        }
    }

    /** Makes {@link #run()} or {@link #runUntil} return after the event being fired. */
    public void stop() {
        stopped = true;
    }

    private void loop(long limit) {
        stopped = false;
        this.limit = limit;
        EventQueue q = queue;
        EventHandler[] hs = handlers;
        try {
            // Handlers registered while running grow the array; re-read it only then (rare).
            while (!stopped && q.poll(limit)) {
                now = q.firedTime;
                phase = (int) (q.firedOrder >>> SEQ_BITS);
                fired++;
                int h = q.firedHandler;
                if (h >= hs.length) {
                    hs = handlers;
                }
                hs[h].onEvent(q.firedArg);
            }
        } finally {
            // Also when a handler throws: outside a loop advanceTo must refuse.
            this.limit = -1;
        }
    }

    /** Current simulated time in picoseconds. */
    public long now() {
        return now;
    }

    /** Phase of the event being fired (or of the last one fired). */
    public int phase() {
        return phase;
    }

    /** Events fired since creation. */
    public long eventsFired() {
        return fired;
    }

    /** Events waiting to fire. */
    public int pendingEvents() {
        return queue.size();
    }

    /** Attaches a clock domain to this simulation; its edges are scheduled here from now on. */
    public ClockDomain add(ClockDomain domain) {
        domain.attach(this);
        return domain;
    }

    /** The statistics registry of this simulation. */
    public Stats stats() {
        return stats;
    }
}

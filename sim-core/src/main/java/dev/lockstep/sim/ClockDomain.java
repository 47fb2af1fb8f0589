package dev.lockstep.sim;

import java.util.Arrays;

/**
 * A clock and the {@link Clocked} components it drives. Cycle n is at {@code n * period + phase} ps.
 *
 * <p>Each edge is one queue event, whatever the number of components: the domain calls every awake
 * component's {@link Clocked#evaluate()}, then every {@link Clocked#commit()}, in the order they were
 * added. A component may {@link #sleep(int)} to leave the clock and is {@link #wake(int) woken} by
 * an event; when none is awake the domain schedules no edges, so cost follows activity.
 *
 * <p>Wake rule: a component woken at time t joins the first edge of this domain at or after t that
 * has not started yet. An edge at t itself is joined only when woken in a phase before {@link
 * #EDGE_PHASE}; woken during or after that edge it joins the next one.
 */
public final class ClockDomain {
    /** The phase in which edges fire: after default-phase events of the same time. */
    public static final int EDGE_PHASE = 128;

    private final String name;
    private final long periodPs;
    private final long phasePs;

    private Simulation sim;
    private int edgeHandler;
    private int wakeHandler;
    private boolean edgeScheduled;
    private boolean inEdge;
    private long lastEdgeCycle = -1;
    private long lastEdgeTime = Long.MIN_VALUE;
    private long edges;
    private long componentCycles;

    // Members by id (the order they were added).
    private Clocked[] members = new Clocked[16];
    private boolean[] awake = new boolean[16];
    private boolean[] listed = new boolean[16];
    private boolean[] queued = new boolean[16];
    private int memberCount;
    private int awakeCount;

    // Awake members in id order: what an edge iterates.
    private Clocked[] active = new Clocked[16];
    private int[] activeIds = new int[16];
    private int activeCount;
    private boolean sleptDuringEdge;

    // Woken but not yet listed; merged into the active list at the start of the next edge.
    private int[] wakeQueue = new int[16];
    private int wakeQueueCount;

    public ClockDomain(String name, long periodPs, long phasePs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("clock domain name must not be blank");
        }
        if (periodPs <= 0) {
            throw new IllegalArgumentException("clock " + name + ": period " + periodPs + " ps must be > 0");
        }
        if (phasePs < 0 || phasePs >= periodPs) {
            throw new IllegalArgumentException("clock " + name + ": phase " + phasePs + " ps must be in 0.." + (periodPs - 1));
        }
        this.name = name;
        this.periodPs = periodPs;
        this.phasePs = phasePs;
    }

    public String name() {
        return name;
    }

    public long periodPs() {
        return periodPs;
    }

    public long phasePs() {
        return phasePs;
    }

    /** Time of the edge of cycle {@code cycle}. */
    public long timeOf(long cycle) {
        return Math.addExact(Math.multiplyExact(cycle, periodPs), phasePs);
    }

    /** The last cycle whose edge is at or before {@code timePs} (-1 before the first edge). */
    public long cycleFloor(long timePs) {
        return Math.floorDiv(timePs - phasePs, periodPs);
    }

    /** The first cycle whose edge is at or after {@code timePs}. */
    public long cycleCeil(long timePs) {
        return -Math.floorDiv(phasePs - timePs, periodPs);
    }

    /** Duration of {@code cycles} cycles of this clock. */
    public long cyclesToPs(long cycles) {
        return Math.multiplyExact(cycles, periodPs);
    }

    /** Whole cycles of this clock in a duration, rounded down. */
    public long psToCyclesFloor(long durationPs) {
        return Math.floorDiv(durationPs, periodPs);
    }

    /** Cycles of this clock needed to cover a duration, rounded up. */
    public long psToCyclesCeil(long durationPs) {
        return -Math.floorDiv(-durationPs, periodPs);
    }

    /** The cycle of the edge being run, else the last cycle whose edge is at or before now. */
    public long currentCycle() {
        long t = sim().now();
        return t == lastEdgeTime ? lastEdgeCycle : cycleFloor(t);
    }

    /** Edges run so far. */
    public long edges() {
        return edges;
    }

    /** Sum over edges of the components clocked at that edge. */
    public long componentCycles() {
        return componentCycles;
    }

    /** The simulation this domain is attached to. */
    public Simulation simulation() {
        return sim();
    }

    /** Adds a component, awake; returns its id in this domain for {@link #sleep} and {@link #wake}. */
    public int add(Clocked component) {
        if (component == null) {
            throw new IllegalArgumentException("clock " + name + ": component must not be null");
        }
        if (memberCount == members.length) {
            int cap = memberCount * 2;
            members = Arrays.copyOf(members, cap);
            awake = Arrays.copyOf(awake, cap);
            listed = Arrays.copyOf(listed, cap);
            queued = Arrays.copyOf(queued, cap);
        }
        int id = memberCount++;
        members[id] = component;
        wake(id);
        return id;
    }

    /** Takes a component off the clock after the current edge (at once between edges). */
    public void sleep(int id) {
        checkId(id);
        if (!awake[id]) {
            return;
        }
        awake[id] = false;
        awakeCount--;
        if (listed[id]) {
            if (inEdge) {
                sleptDuringEdge = true;
            } else {
                removeSleepers();
            }
        }
    }

    /** Puts a component back on the clock from the next edge that has not started (see the class doc). */
    public void wake(int id) {
        checkId(id);
        if (awake[id]) {
            return;
        }
        awake[id] = true;
        awakeCount++;
        if (!listed[id] && !queued[id]) {
            if (wakeQueueCount == wakeQueue.length) {
                wakeQueue = Arrays.copyOf(wakeQueue, wakeQueueCount * 2);
            }
            wakeQueue[wakeQueueCount++] = id;
            queued[id] = true;
        }
        if (sim != null && !edgeScheduled) {
            scheduleFirstEdge();
        }
    }

    /** Wakes a component by an event at {@code timePs} (default phase, so before an edge at that time). */
    public void wakeAt(int id, long timePs) {
        checkId(id);
        sim().schedule(timePs, wakeHandler, id);
    }

    public boolean isAwake(int id) {
        checkId(id);
        return awake[id];
    }

    void attach(Simulation simulation) {
        if (sim != null) {
            throw new IllegalStateException("clock " + name + " is already attached to a simulation");
        }
        sim = simulation;
        edgeHandler = simulation.register(this::edge);
        wakeHandler = simulation.register(arg -> wake((int) arg));
        if (awakeCount > 0) {
            scheduleFirstEdge();
        }
    }

    private void scheduleFirstEdge() {
        long t = sim.now();
        long cycle = cycleCeil(t);
        if (timeOf(cycle) == t && sim.phase() >= EDGE_PHASE) {
            cycle++;
        }
        sim.schedule(timeOf(cycle), EDGE_PHASE, edgeHandler, cycle);
        edgeScheduled = true;
    }

    private void edge(long cycle) {
        if (wakeQueueCount > 0) {
            listWoken();
        }
        lastEdgeCycle = cycle;
        lastEdgeTime = sim.now();
        inEdge = true;
        Clocked[] a = active;
        int n = activeCount;
        for (int i = 0; i < n; i++) {
            a[i].evaluate();
        }
        for (int i = 0; i < n; i++) {
            a[i].commit();
        }
        inEdge = false;
        edges++;
        componentCycles += n;
        if (sleptDuringEdge) {
            removeSleepers();
        }
        if (awakeCount > 0) {
            sim.schedule(timeOf(cycle + 1), EDGE_PHASE, edgeHandler, cycle + 1);
        } else {
            edgeScheduled = false;
        }
    }

    private void removeSleepers() {
        sleptDuringEdge = false;
        int w = 0;
        for (int r = 0; r < activeCount; r++) {
            int id = activeIds[r];
            if (awake[id]) {
                activeIds[w] = id;
                active[w++] = active[r];
            } else {
                listed[id] = false;
                active[r] = null;
            }
        }
        Arrays.fill(active, w, activeCount, null);
        activeCount = w;
    }

    /** Merges the woken ids (sorted first) into the id-ordered active list, from the back, in place. */
    private void listWoken() {
        int[] q = wakeQueue;
        int k = 0;
        for (int i = 0; i < wakeQueueCount; i++) {
            int id = q[i];
            queued[id] = false;
            if (awake[id] && !listed[id]) {
                q[k++] = id;
            }
        }
        wakeQueueCount = 0;
        if (k == 0) {
            return;
        }
        Arrays.sort(q, 0, k);
        int total = activeCount + k;
        if (total > active.length) {
            int cap = Math.max(total, active.length * 2);
            active = Arrays.copyOf(active, cap);
            activeIds = Arrays.copyOf(activeIds, cap);
        }
        int i = activeCount - 1;
        int j = k - 1;
        for (int w = total - 1; j >= 0; w--) {
            if (i >= 0 && activeIds[i] > q[j]) {
                activeIds[w] = activeIds[i];
                active[w] = active[i--];
            } else {
                int id = q[j--];
                activeIds[w] = id;
                active[w] = members[id];
                listed[id] = true;
            }
        }
        activeCount = total;
    }

    private Simulation sim() {
        if (sim == null) {
            throw new IllegalStateException("clock " + name + " is not attached to a simulation");
        }
        return sim;
    }

    private void checkId(int id) {
        if (id < 0 || id >= memberCount) {
            throw new IllegalArgumentException("clock " + name + ": no component with id " + id);
        }
    }

    @Override
    public String toString() {
        return "ClockDomain[" + name + ", period " + periodPs + " ps, phase " + phasePs + " ps]";
    }
}

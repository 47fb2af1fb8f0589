package dev.lockstep.memory.dram;

import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.stats.Counter;
import dev.lockstep.sim.stats.Occupancy;
import dev.lockstep.sim.stats.Stats;
import java.util.Arrays;

/**
 * The controller of one channel: a read and a write queue of bursts, an FR-FCFS scheduler that
 * issues at most one command per clock, write drain between two watermarks, all-bank refresh every
 * tREFI, and the bank, bank-group and rank timing state.
 *
 * <p>Each queue keeps its bursts in slots linked in age order twice: once for the whole queue and
 * once per bank, and each bank remembers its oldest burst hitting the open row and its oldest burst
 * that does not (updated as bursts come and go and rows open and close). FR-FCFS only ever issues
 * one of those two for a bank, so a scan looks at banks, not at every queued burst, and not at all
 * of them: the banks with a hit in the order their tRCD ends, up to the first that cannot beat the
 * best found; the closed banks with a miss in the age order of that miss, up to the first that can
 * ACT at the earliest cycle any rank allows (no later one can beat it; none when a hit goes first);
 * the open banks with a miss in the order of their earliest PRE, up to the first that cannot PRE at
 * once.
 * Those lists are kept as banks change, so a scan costs a few looks instead of one per bank.
 *
 * <p>Timing is kept as "earliest cycle the next command of this kind may issue" per bank, per bank
 * group and per rank (the way Ramulator and DRAMsim3 do), so checking a command is a few maxima.
 * The channel runs on its own events: after a clock where nothing could issue it sleeps until the
 * earliest cycle anything could, and with empty queues it leaves the timeline entirely; refreshes
 * that fall due while it is idle are issued, at their proper cycles, when the next request wakes it.
 * When no other event would fire before its next tick, the tick runs at once as that event
 * ({@link Simulation#advanceTo}) instead of going through the event queue.
 */
final class DramChannel {
    private static final int READ = 0;
    private static final int WRITE = 1;
    private static final byte ACTIVATED = 1;
    private static final byte PRECHARGED = 2;
    private static final long NEVER = Long.MAX_VALUE;
    private static final long LONG_AGO = Long.MIN_VALUE / 4;
    private static final byte ACT_LIST = 0;
    private static final byte PRE_LIST = 1;
    private static final byte NO_LIST = 2;
    // What a step found would issue first, at its earliest cycle: see plan().
    private static final int PLAN_REFRESH = 0;
    private static final int PLAN_REFRESH_PRE = 1;
    private static final int PLAN_COLUMN = 2;
    private static final int PLAN_ACT = 3;
    private static final int PLAN_CONFLICT_PRE = 4;
    private static final int PLAN_IDLE_PRE = 5;

    private final Dram owner;
    private final Simulation sim;
    private final long tCk;
    private final boolean closedPage;
    private final int writeHigh;
    private final int writeLow;

    // Timing in clocks, copied out of the record for the hot path.
    private final int cl;
    private final int cwl;
    private final int rcd;
    private final int rp;
    private final int ras;
    private final int rc;
    private final int ccdS;
    private final int ccdL;
    private final int rrdS;
    private final int rrdL;
    private final int faw;
    private final int wtrS;
    private final int wtrL;
    private final int rtp;
    private final int wr;
    private final int rfc;
    private final int refi;
    private final int nBl;
    private final int rtw;

    private final int ranks;
    private final int banksPerGroup;
    private final int banksPerRank;
    // Counts are powers of two: shifts, not divisions, on the scheduler's inner loops.
    private final int rankShift;
    private final int groupShift;
    private final int burstBytes;

    // Queues [READ] and [WRITE]: bursts in fixed entries (free ones on a stack), linked in age order.
    // Entries of both queues share one numbering (reads first, then writes) and the state of a queue
    // and bank sits together, each in a few strided arrays: a scan touches one cache line per thing it
    // looks at, not one per field (on HBM3 the 32 pseudo channels' state does not fit the L1 cache).
    private final int[] capacity = new int[2];
    private final int[] size = new int[2];
    private final int[][] free = new int[2][];
    private final int[] youngest = {-1, -1};
    // Per entry, E ints: its request slot, bank, row, flags, the neighbours in the whole queue and in
    // its bank's bursts (newer: towards the youngest; -1 ends).
    private static final int E = 8;
    private static final int E_SLOT = 0;
    private static final int E_BANK = 1;
    private static final int E_ROW = 2;
    private static final int E_FLAGS = 3;
    private static final int E_NEWER = 4;
    private static final int E_OLDER = 5;
    private static final int E_BANK_NEXT = 6;
    private static final int E_BANK_PREV = 7;
    private final int[] entry;
    // Per entry, two longs: the cycle it may be scheduled from (a burst fed while another channel's
    // edge runs arrives at the next clock; this one's edge for the current clock may still be pending
    // and must not see it) and its age.
    private static final int T_ARRIVAL = 0;
    private static final int T_AGE = 1;
    private final long[] entryTime;
    // Per queue and bank (see ki), ints: first and last burst, the oldest hitting the open row and the
    // oldest not (-1: none), which miss list it is in (int 4 is unused).
    private static final int K_FIRST = 0;
    private static final int K_LAST = 1;
    private static final int K_HIT = 2;
    private static final int K_MISS = 3;
    private static final int K_LIST = 5; // ACT_LIST, PRE_LIST or NO_LIST
    private static final int K_NEXT = 6; // the next and the previous bank in that list (-1: none)
    private static final int K_PREV = 7;
    private final int[] kbInt;
    // Per queue and bank (see kt), longs: the oldest hit's and the oldest miss's arrival cycle and age (NEVER: none).
    private static final int K_HIT_ARRIVAL = 0;
    private static final int K_HIT_AGE = 1;
    private static final int K_MISS_ARRIVAL = 2;
    private static final int K_MISS_AGE = 3;
    private final long[] kbTime;
    private final int nBanks;
    // Per queue, the banks with a hit, by B_COL (only an ACT sets it, and a bank takes its ACT closed, in
    // no hit list, so a listed bank's key stays), and the banks with a miss, split by what their miss
    // asks for into two linked lists (K_NEXT, K_PREV), first and last
    // bank at [2 * k + list]: ACT_LIST closed banks (an ACT), oldest miss first; PRE_LIST open ones
    // (a PRE), by B_PRE, then oldest miss first. The scan walks them in that order and stops early
    // (see step); a bank changes lists or places without moving the others.
    private final int[][] hitBanks = new int[2][];
    private final int[] hitCount = new int[2];
    private final int[] listFirst = {-1, -1, -1, -1};
    private final int[] listLast = {-1, -1, -1, -1};
    private long ageCounter;

    // Flat bank index = (rank * bankGroups + bankGroup) * banksPerGroup + bank; group index = bank / banksPerGroup.
    private final int[] openRow;
    // Per bank, four longs (the fourth unused, for the shift): the earliest ACT, PRE and RD or WR (a
    // bank limits both by tRCD alone).
    private static final int B_ACT = 0;
    private static final int B_PRE = 1;
    private static final int B_COL = 2;
    private final long[] bankTime;
    private final int[] hitStamp;
    private int stamp;
    private final long[] groupNextAct;
    private final long[] groupNextRd;
    private final long[] groupNextWr;
    private final long[] rankNextAct;
    private final long[] rankNextRd;
    private final long[] rankNextWr;
    private final long[] rankNextRef;
    private final long[] refreshDue;
    private final int[] openInRank;
    // Per step: ranks whose refresh is due (their bursts wait), and each rank's earliest ACT by its
    // rank-wide limits (tRRD_S, tFAW), shared by all its banks.
    private final boolean[] refreshWait;
    private final long[] rankActFloor;
    private final long[] actWindow; // last four ACTs per rank, a ring for tFAW
    private final int[] actWindowPos;
    private long busFree = LONG_AGO;
    private boolean writeMode;

    // Scheduling on the timeline.
    private final int tickHandler;
    private long tickSeq;
    private long scheduledSeq = -1;
    private long scheduledCycle = NEVER;
    private boolean idle = true;
    private long idleNext;
    // While a step runs, bursts it feeds do not book a tick: the step's caller books the one tick after it.
    private boolean stepping;
    // The clock after a command, when the look ahead found nothing issuable there and booked a later
    // tick instead (NEVER otherwise); a write offered before that clock puts the tick back (rearm).
    private long skipped = NEVER;
    // A step that issued nothing leaves the command it would issue first at its earliest cycle. The
    // tick at that cycle issues it without scanning again, unless a burst was queued in between
    // (planned back to NEVER): nothing else changes this channel's state while it waits.
    private long planned = NEVER;
    private long best;
    private int planType;
    private int planArg;

    private CommandLog log;

    private final Counter reads;
    private final Counter writes;
    private final Counter rowHits;
    private final Counter rowMisses;
    private final Counter rowConflicts;
    private final Counter activates;
    private final Counter precharges;
    private final Counter refreshes;
    private final Counter bytes;
    private final Occupancy readOccupancy;
    private final Occupancy writeOccupancy;

    DramChannel(Dram owner, Simulation sim, String name, int index, DramSpec spec) {
        this.owner = owner;
        this.sim = sim;
        DramTiming t = spec.timing();
        DramOrganization o = spec.organization();
        tCk = t.tCkPs();
        closedPage = spec.pagePolicy() == PagePolicy.CLOSED;
        writeHigh = spec.writeHigh();
        writeLow = spec.writeLow();
        cl = t.cl();
        cwl = t.cwl();
        rcd = t.rcd();
        rp = t.rp();
        ras = t.ras();
        rc = t.rc();
        ccdS = t.ccdS();
        ccdL = t.ccdL();
        rrdS = t.rrdS();
        rrdL = t.rrdL();
        faw = t.faw();
        wtrS = t.wtrS();
        wtrL = t.wtrL();
        rtp = t.rtp();
        wr = t.wr();
        rfc = t.rfc();
        refi = t.refi();
        nBl = t.burstClocks();
        rtw = t.readToWrite();
        ranks = o.ranks();
        banksPerGroup = o.banksPerGroup();
        banksPerRank = o.banksPerRank();
        rankShift = Integer.numberOfTrailingZeros(banksPerRank);
        groupShift = Integer.numberOfTrailingZeros(banksPerGroup);
        burstBytes = spec.burstBytes();

        capacity[READ] = spec.readQueue();
        capacity[WRITE] = spec.writeQueue();
        int banks = o.banksPerChannel();
        nBanks = banks;
        int entries = capacity[READ] + capacity[WRITE];
        entry = new int[entries * E];
        entryTime = new long[entries * 2];
        kbInt = new int[2 * banks * 8];
        kbTime = new long[2 * banks * 4];
        Arrays.fill(kbTime, NEVER);
        for (int k = 0; k < 2; k++) {
            int n = capacity[k];
            int base = k == READ ? 0 : capacity[READ];
            free[k] = new int[n];
            for (int e = 0; e < n; e++) {
                free[k][e] = base + n - 1 - e;
            }
            for (int b = 0; b < banks; b++) {
                int x = ki(k, b);
                kbInt[x + K_FIRST] = -1;
                kbInt[x + K_LAST] = -1;
                kbInt[x + K_HIT] = -1;
                kbInt[x + K_MISS] = -1;
                kbInt[x + K_LIST] = NO_LIST;
            }
            hitBanks[k] = new int[banks];
        }
        openRow = new int[banks];
        Arrays.fill(openRow, -1);
        bankTime = filled(4 * banks);
        hitStamp = new int[banks];
        int groups = ranks * o.bankGroups();
        groupNextAct = filled(groups);
        groupNextRd = filled(groups);
        groupNextWr = filled(groups);
        rankNextAct = filled(ranks);
        rankNextRd = filled(ranks);
        rankNextWr = filled(ranks);
        rankNextRef = filled(ranks);
        refreshDue = new long[ranks];
        for (int r = 0; r < ranks; r++) {
            // Ranks take turns so their refreshes do not all stall the channel at once.
            refreshDue[r] = (long) refi * (r + 1) / ranks;
        }
        idleNext = refreshDue[0];
        openInRank = new int[ranks];
        refreshWait = new boolean[ranks];
        rankActFloor = new long[ranks];
        actWindow = filled(ranks * 4);
        actWindowPos = new int[ranks];
        tickHandler = sim.register(this::onTick);

        Stats stats = sim.stats();
        String p = name + ".ch" + index + ".";
        reads = stats.counter(p + "reads");
        writes = stats.counter(p + "writes");
        rowHits = stats.counter(p + "row_hits");
        rowMisses = stats.counter(p + "row_misses");
        rowConflicts = stats.counter(p + "row_conflicts");
        activates = stats.counter(p + "activates");
        precharges = stats.counter(p + "precharges");
        refreshes = stats.counter(p + "refreshes");
        bytes = stats.counter(p + "bytes");
        readOccupancy = stats.occupancy(p + "read_queue");
        writeOccupancy = stats.occupancy(p + "write_queue");
    }

    /** Where queue {@code k}'s bank {@code b} starts in {@link #kbInt}. */
    private int ki(int k, int b) {
        return (k * nBanks + b) << 3;
    }

    /** Where queue {@code k}'s bank {@code b} starts in {@link #kbTime}. */
    private int kt(int k, int b) {
        return (k * nBanks + b) << 2;
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, LONG_AGO);
        return a;
    }

    void attachLog(CommandLog commandLog) {
        this.log = commandLog;
    }

    boolean hasSpace(boolean write) {
        int k = write ? WRITE : READ;
        return size[k] < capacity[k];
    }

    /** Queues one burst (the caller checked {@link #hasSpace}); it may be scheduled from cycle {@code arrival}. */
    void insert(boolean write, int slot, int bank, int row, long arrival) {
        int k = write ? WRITE : READ;
        // A read queued behind an older hit (or miss) of its bank, with no write about, changes no
        // scan: its bank's oldest hit and miss stay, and so does the read/write mode. Nor does a read
        // miss whose ACT or PRE cannot come before the planned command. The plan and the booked tick
        // stand (a tick at its arrival would only plan the same again).
        boolean unseen = !idle && !write && !writeMode && size[WRITE] == 0
                && (row == openRow[bank] ? kbInt[ki(k, bank) + K_HIT] >= 0
                        : kbInt[ki(k, bank) + K_MISS] >= 0 || afterPlan(bank, arrival));
        if (!unseen) {
            // Wake first: refreshes owed from an idle spell must not see this burst, which arrives after them.
            wake(arrival);
            planned = NEVER;
        }
        int i = free[k][capacity[k] - 1 - size[k]++];
        entry[i * E + E_SLOT] = slot;
        entry[i * E + E_BANK] = bank;
        entry[i * E + E_ROW] = row;
        entry[i * E + E_FLAGS] = 0;
        entryTime[i * 2 + T_ARRIVAL] = arrival;
        entryTime[i * 2 + T_AGE] = ageCounter++;
        int y = youngest[k];
        entry[i * E + E_OLDER] = y;
        entry[i * E + E_NEWER] = -1;
        if (y >= 0) {
            entry[y * E + E_NEWER] = i;
        }
        youngest[k] = i;
        int last = kbInt[ki(k, bank) + K_LAST];
        entry[i * E + E_BANK_PREV] = last;
        entry[i * E + E_BANK_NEXT] = -1;
        if (last >= 0) {
            entry[last * E + E_BANK_NEXT] = i;
        } else {
            kbInt[ki(k, bank) + K_FIRST] = i;
        }
        kbInt[ki(k, bank) + K_LAST] = i;
        // The youngest of its bank: it is the oldest hit (or miss) only if there was none.
        if (row == openRow[bank]) {
            if (kbInt[ki(k, bank) + K_HIT] < 0) {
                setHit(k, bank, i);
            }
        } else if (kbInt[ki(k, bank) + K_MISS] < 0) {
            setMiss(k, bank, i);
        }
        (write ? writeOccupancy : readOccupancy).set(size[k]);
    }

    /**
     * For a read miss arriving at cycle {@code arrival} as the only miss of its bank: whether the
     * command it asks for (ACT if the bank is closed, else PRE) can issue no earlier than the command
     * planned for the booked tick. Then no tick before that one would issue anything, and at it the
     * planned command still wins: this burst is the youngest, so it loses a tie, and a hit goes first.
     * Until that tick nothing but arrivals changes the limits looked at here.
     */
    private boolean afterPlan(int bank, long arrival) {
        if (closedPage || planned == NEVER || planned != scheduledCycle) {
            return false; // a closed page's idle PRE looks at every queued burst
        }
        long at;
        if (openRow[bank] < 0) {
            int r = bank >>> rankShift;
            at = Math.max(Math.max(rankNextAct[r], actWindow[r * 4 + actWindowPos[r]] + faw),
                    Math.max(bankTime[(bank << 2) + B_ACT], groupNextAct[bank >>> groupShift]));
        } else {
            at = bankTime[(bank << 2) + B_PRE];
        }
        return Math.max(at, arrival) >= planned;
    }

    Counter reads() {
        return reads;
    }

    Counter writes() {
        return writes;
    }

    Counter rowHits() {
        return rowHits;
    }

    Counter rowMisses() {
        return rowMisses;
    }

    Counter rowConflicts() {
        return rowConflicts;
    }

    Counter refreshes() {
        return refreshes;
    }

    Counter bytes() {
        return bytes;
    }

    private void wake(long arrival) {
        if (idle) {
            idle = false;
            // Refreshes that fell due while idle happen now, at the cycles they would have had.
            long n = idleNext;
            while (n < arrival) {
                n = step(n, true);
            }
            scheduleTick(arrival);
        } else if (!stepping && arrival < scheduledCycle) {
            scheduleTick(arrival);
        }
    }

    /**
     * A write request was offered while the device had none: the look ahead after a command assumed
     * the write/read mode could not change before its skipped clock, so that clock's tick comes back
     * if it is still ahead (a write queued before it may switch the mode there).
     */
    void rearm() {
        long s = skipped;
        skipped = NEVER;
        planned = NEVER;
        if (s == NEVER || s >= scheduledCycle) {
            return;
        }
        long t = s * tCk;
        long now = sim.now();
        if (t > now || t == now && sim.phase() < ClockDomain.EDGE_PHASE) {
            scheduleTick(s);
        }
    }

    private void scheduleTick(long cycle) {
        scheduledSeq = ++tickSeq;
        scheduledCycle = cycle;
        sim.schedule(cycle * tCk, ClockDomain.EDGE_PHASE, tickHandler, scheduledSeq);
    }

    private void onTick(long seq) {
        if (seq != scheduledSeq) {
            return; // superseded by an earlier wake
        }
        long c = scheduledCycle;
        while (true) {
            scheduledSeq = -1;
            scheduledCycle = NEVER;
            skipped = NEVER;
            stepping = true;
            long next = planned == c ? issuePlanned(c) : step(c, true);
            stepping = false;
            // Bursts fed by this step arrive at c + 1 = next, so the tick below covers them.
            if (!hasWork(c)) {
                idle = true;
                idleNext = next;
                planned = NEVER;
                return;
            }
            if (next == c + 1 && !writeMode && size[WRITE] == 0 && !owner.writesInFlight()) {
                // Look at c + 1 now instead of waking for it: nothing changes before then but arrivals,
                // which wake the channel themselves, and, with no write anywhere, the mode stays read.
                next = step(next, false);
                if (next > c + 1) {
                    skipped = c + 1;
                }
            }
            // When nothing else would happen before the next tick (most of the time on one channel),
            // it runs here, as the same event it would have been, without the queue's work.
            if (!sim.advanceTo(next * tCk, ClockDomain.EDGE_PHASE)) {
                scheduleTick(next);
                return;
            }
            c = next;
        }
    }

    private boolean hasWork(long c) {
        if (size[READ] + size[WRITE] > 0) {
            return true;
        }
        for (int r = 0; r < ranks; r++) {
            if (refreshDue[r] <= c || closedPage && openInRank[r] > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Issues at most one command at cycle {@code c} and returns c + 1 if it did, else the first cycle
     * at which one could issue. With {@code issue} false it changes nothing but the plan and returns
     * c where it would have issued, so the caller learns the first cycle from c on with something to do.
     */
    private long step(long c, boolean issue) {
        planned = NEVER;
        best = NEVER;
        // The first cycle at which the scan's path changes (a burst arrives, a refresh falls due): the
        // plan holds only before it.
        long bound = NEVER;
        boolean anyWait = false;
        long actFloor = NEVER; // the earliest any rank may ACT by its rank-wide limits
        for (int r = 0; r < ranks; r++) {
            rankActFloor[r] = Math.max(rankNextAct[r], actWindow[r * 4 + actWindowPos[r]] + faw);
            actFloor = Math.min(actFloor, rankActFloor[r]);
            refreshWait[r] = refreshDue[r] <= c;
            anyWait |= refreshWait[r];
            if (refreshDue[r] > c) {
                bound = Math.min(bound, refreshDue[r]);
            } else if (openInRank[r] == 0) {
                if (rankNextRef[r] <= c) {
                    if (!issue) {
                        return planNow(c, PLAN_REFRESH, r);
                    }
                    refresh(c, r);
                    return c + 1;
                }
                plan(rankNextRef[r], PLAN_REFRESH, r);
            } else {
                for (int b = r * banksPerRank, end = b + banksPerRank; b < end; b++) {
                    if (openRow[b] >= 0) {
                        if (bankTime[(b << 2) + B_PRE] <= c) {
                            if (!issue) {
                                return planNow(c, PLAN_REFRESH_PRE, b);
                            }
                            precharge(c, b);
                            return c + 1;
                        }
                        plan(bankTime[(b << 2) + B_PRE], PLAN_REFRESH_PRE, b);
                    }
                }
            }
        }
        boolean mode = nextMode();
        if (issue) {
            writeMode = mode;
        }
        int k = mode ? WRITE : READ;
        // Bursts queue in arrival order: those not yet arrived are the youngest, and the scan stops at
        // the first of them.
        for (int i = youngest[k]; i >= 0 && entryTime[i * 2 + T_ARRIVAL] > c; i = entry[i * E + E_OLDER]) {
            bound = entryTime[i * 2 + T_ARRIVAL];
        }
        // Row hits come first, oldest first; then the oldest request whose row command can go: ACT to a
        // closed bank, PRE to a bank whose open row no queued request still wants. A bank's hits all
        // wait for the same cycle, so its oldest hit stands for them, and its oldest miss alone decides
        // its ACT or PRE (younger ones would only repeat it). Of each kind the command is the oldest
        // issuable one, else the earliest, the oldest on a tie: what a walk over the queue would find.
        int[] hitBank = hitBanks[k];
        int hitPickBank = -1;
        long hitAt = NEVER;
        // A column command's limits by bank, group and rank, and the data bus, the same for all.
        long[] groupCol = k == WRITE ? groupNextWr : groupNextRd;
        long[] rankCol = k == WRITE ? rankNextWr : rankNextRd;
        long colFloor = Math.max(c, busFree - (k == WRITE ? cwl : cl));
        // By bank limit: once it exceeds the best cycle found, no later bank can reach that cycle.
        for (int j = 0, n = hitCount[k]; j < n; j++) {
            int b = hitBank[j];
            long bankAt = bankTime[(b << 2) + B_COL];
            if (bankAt > hitAt) {
                break;
            }
            if (kbTime[kt(k, b) + K_HIT_ARRIVAL] > c || anyWait && refreshWait[b >>> rankShift]) {
                continue;
            }
            long at = Math.max(Math.max(colFloor, bankAt),
                    Math.max(groupCol[b >>> groupShift], rankCol[b >>> rankShift]));
            if (at < hitAt || at == hitAt && kbTime[kt(k, b) + K_HIT_AGE] < kbTime[kt(k, hitPickBank) + K_HIT_AGE]) {
                hitPickBank = b;
                hitAt = at;
            }
        }
        int hitPick = hitPickBank < 0 ? -1 : kbInt[ki(k, hitPickBank) + K_HIT];
        // Row commands. The closed banks in the age order of their oldest misses, so the first bank at
        // the earliest cycle is the oldest there; no ACT can come before the earliest cycle any rank's
        // limits allow, so the walk stops at the first bank that can go then (usually one of the first
        // few, where a look at every bank cost most of a command's time).
        // A hit goes first at its cycle, so when no ACT can come before it the walk is skipped.
        long floor = Math.max(actFloor, c);
        int rowBank = -1;
        long rowAt = NEVER;
        for (int b = floor < hitAt ? listFirst[2 * k + ACT_LIST] : -1; b >= 0; b = kbInt[ki(k, b) + K_NEXT]) {
            if (kbTime[kt(k, b) + K_MISS_ARRIVAL] > c) {
                break; // arrivals follow age: the rest have not arrived either
            }
            if (anyWait && refreshWait[b >>> rankShift]) {
                continue;
            }
            long at = Math.max(Math.max(rankActFloor[b >>> rankShift], c),
                    Math.max(bankTime[(b << 2) + B_ACT], groupNextAct[b >>> groupShift]));
            if (at < rowAt) {
                rowBank = b;
                rowAt = at;
                if (at == floor) {
                    break;
                }
            }
        }
        // A PRE for a bank whose open row no arrived burst still wants. Those able to go at c tie
        // there (the oldest wins); the first one after c is the earliest of the rest.
        int preBank = -1;
        for (int b = listFirst[2 * k + PRE_LIST]; b >= 0; b = kbInt[ki(k, b) + K_NEXT]) {
            if (kbTime[kt(k, b) + K_MISS_ARRIVAL] > c || kbTime[kt(k, b) + K_HIT_ARRIVAL] <= c || anyWait && refreshWait[b >>> rankShift]) {
                continue;
            }
            if (bankTime[(b << 2) + B_PRE] > c) {
                if (preBank < 0) {
                    preBank = b;
                }
                break;
            }
            if (preBank < 0 || kbTime[kt(k, b) + K_MISS_AGE] < kbTime[kt(k, preBank) + K_MISS_AGE]) {
                preBank = b;
            }
        }
        if (preBank >= 0) {
            long at = Math.max(bankTime[(preBank << 2) + B_PRE], c);
            if (at < rowAt || at == rowAt && kbTime[kt(k, preBank) + K_MISS_AGE] < kbTime[kt(k, rowBank) + K_MISS_AGE]) {
                rowBank = preBank;
                rowAt = at;
            }
        }
        int rowPick = rowBank < 0 ? -1 : kbInt[ki(k, rowBank) + K_MISS];
        boolean rowAct = rowBank >= 0 && openRow[rowBank] < 0;
        if (hitPick >= 0) {
            if (hitAt <= c) {
                if (!issue) {
                    return planNow(c, PLAN_COLUMN, hitPick);
                }
                column(c, k, hitPick);
                return c + 1;
            }
            plan(hitAt, PLAN_COLUMN, hitPick);
        }
        if (rowPick >= 0) {
            if (rowAt <= c) {
                if (!issue) {
                    return planNow(c, rowAct ? PLAN_ACT : PLAN_CONFLICT_PRE, rowPick);
                }
                if (rowAct) {
                    activate(c, entry[rowPick * E + E_BANK], entry[rowPick * E + E_ROW]);
                    entry[rowPick * E + E_FLAGS] |= ACTIVATED;
                } else {
                    precharge(c, entry[rowPick * E + E_BANK]);
                    entry[rowPick * E + E_FLAGS] |= PRECHARGED;
                }
                return c + 1;
            }
            plan(rowAt, rowAct ? PLAN_ACT : PLAN_CONFLICT_PRE, rowPick);
        }
        if (closedPage) {
            stamp++;
            for (int j = 0, n = hitCount[k]; j < n; j++) {
                int b = hitBank[j];
                if (kbTime[kt(k, b) + K_HIT_ARRIVAL] <= c && !(anyWait && refreshWait[b >>> rankShift])) {
                    hitStamp[b] = stamp;
                }
            }
            int other = 1 - k;
            for (int j = 0; j < hitCount[other]; j++) {
                hitStamp[hitBanks[other][j]] = stamp;
            }
            for (int b = 0; b < openRow.length; b++) {
                if (openRow[b] >= 0 && hitStamp[b] != stamp) {
                    if (bankTime[(b << 2) + B_PRE] <= c) {
                        if (!issue) {
                            return planNow(c, PLAN_IDLE_PRE, b);
                        }
                        precharge(c, b);
                        return c + 1;
                    }
                    plan(bankTime[(b << 2) + B_PRE], PLAN_IDLE_PRE, b);
                }
            }
        }
        if (best < bound) {
            planned = best;
        }
        return Math.min(best, bound);
    }

    /**
     * Notes a command that could issue at cycle {@code e}. The scan visits commands in the order it
     * would issue them, so the first one seen at the smallest cycle is what a step at that cycle issues.
     */
    private void plan(long e, int type, int arg) {
        if (e < best) {
            best = e;
            planType = type;
            planArg = arg;
        }
    }

    /** A look ahead found this command issuable at {@code c} itself: the tick at c issues it. */
    private long planNow(long c, int type, int arg) {
        planned = c;
        planType = type;
        planArg = arg;
        return c;
    }

    /** Issues the command a step planned for cycle {@code c}, with that step's effects; returns c + 1. */
    private long issuePlanned(long c) {
        planned = NEVER;
        int a = planArg;
        if (planType == PLAN_REFRESH) {
            refresh(c, a);
            return c + 1;
        }
        if (planType == PLAN_REFRESH_PRE) {
            precharge(c, a);
            return c + 1;
        }
        // A step past the refresh checks sets the mode first; the queues are as the planning step saw them.
        writeMode = nextMode();
        int k = writeMode ? WRITE : READ;
        switch (planType) {
            case PLAN_COLUMN -> column(c, k, a);
            case PLAN_ACT -> {
                activate(c, entry[a * E + E_BANK], entry[a * E + E_ROW]);
                entry[a * E + E_FLAGS] |= ACTIVATED;
            }
            case PLAN_CONFLICT_PRE -> {
                precharge(c, entry[a * E + E_BANK]);
                entry[a * E + E_FLAGS] |= PRECHARGED;
            }
            default -> precharge(c, a);
        }
        return c + 1;
    }

    /** Whether this clock serves writes: drain from the high watermark (or with no reads) down to the low one. */
    private boolean nextMode() {
        int r = size[READ];
        int w = size[WRITE];
        if (!writeMode) {
            return w >= writeHigh || r == 0 && w > 0;
        }
        return !(r > 0 && w <= writeLow);
    }

    private void activate(long c, int b, int row) {
        int r = (b >>> rankShift);
        int g = (b >>> groupShift);
        openRow[b] = row;
        openInRank[r]++;
        bankTime[(b << 2) + B_COL] = Math.max(bankTime[(b << 2) + B_COL], c + rcd);
        bankTime[(b << 2) + B_PRE] = Math.max(bankTime[(b << 2) + B_PRE], c + ras);
        rowChanged(b);
        bankTime[(b << 2) + B_ACT] = Math.max(bankTime[(b << 2) + B_ACT], c + rc);
        groupNextAct[g] = Math.max(groupNextAct[g], c + rrdL);
        rankNextAct[r] = Math.max(rankNextAct[r], c + rrdS);
        actWindow[r * 4 + actWindowPos[r]] = c;
        actWindowPos[r] = (actWindowPos[r] + 1) & 3;
        activates.increment();
        record(c, DramCommand.ACT, b, row);
    }

    private void precharge(long c, int b) {
        int r = (b >>> rankShift);
        int row = openRow[b];
        openRow[b] = -1;
        openInRank[r]--;
        rowClosed(b);
        bankTime[(b << 2) + B_ACT] = Math.max(bankTime[(b << 2) + B_ACT], c + rp);
        rankNextRef[r] = Math.max(rankNextRef[r], c + rp);
        precharges.increment();
        record(c, DramCommand.PRE, b, row);
    }

    private void refresh(long c, int r) {
        rankNextAct[r] = Math.max(rankNextAct[r], c + rfc);
        rankNextRef[r] = Math.max(rankNextRef[r], c + rfc);
        refreshDue[r] += refi;
        refreshes.increment();
        if (log != null) {
            log.add(c, DramCommand.REF, r, -1, -1, -1);
        }
    }

    private void column(long c, int k, int i) {
        int b = entry[i * E + E_BANK];
        int r = (b >>> rankShift);
        int g = (b >>> groupShift);
        long end;
        if (k == WRITE) {
            end = c + cwl + nBl;
            bankTime[(b << 2) + B_PRE] = Math.max(bankTime[(b << 2) + B_PRE], end + wr);
            groupNextWr[g] = Math.max(groupNextWr[g], c + ccdL);
            rankNextWr[r] = Math.max(rankNextWr[r], c + ccdS);
            groupNextRd[g] = Math.max(groupNextRd[g], end + wtrL);
            rankNextRd[r] = Math.max(rankNextRd[r], end + wtrS);
            writes.increment();
        } else {
            end = c + cl + nBl;
            bankTime[(b << 2) + B_PRE] = Math.max(bankTime[(b << 2) + B_PRE], c + rtp);
            groupNextRd[g] = Math.max(groupNextRd[g], c + ccdL);
            rankNextRd[r] = Math.max(rankNextRd[r], c + ccdS);
            rankNextWr[r] = Math.max(rankNextWr[r], c + rtw);
            reads.increment();
        }
        // The bank's place among the PRE candidates follows its bankNextPre.
        reorder(READ, b);
        reorder(WRITE, b);
        busFree = end;
        bytes.add(burstBytes);
        int flags = entry[i * E + E_FLAGS];
        if ((flags & PRECHARGED) != 0) {
            rowConflicts.increment();
        } else if ((flags & ACTIVATED) != 0) {
            rowMisses.increment();
        } else {
            rowHits.increment();
        }
        record(c, k == WRITE ? DramCommand.WR : DramCommand.RD, b, openRow[b]);
        int slot = entry[i * E + E_SLOT];
        remove(k, i);
        owner.burstIssued(slot, end);
        owner.feed(k == WRITE);
    }

    private void remove(int k, int i) {
        int last = --size[k];
        free[k][capacity[k] - 1 - last] = i;
        int older = entry[i * E + E_OLDER];
        int newer = entry[i * E + E_NEWER];
        if (older >= 0) {
            entry[older * E + E_NEWER] = newer;
        }
        if (newer >= 0) {
            entry[newer * E + E_OLDER] = older;
        } else {
            youngest[k] = older;
        }
        int b = entry[i * E + E_BANK];
        int prev = entry[i * E + E_BANK_PREV];
        int next = entry[i * E + E_BANK_NEXT];
        if (prev >= 0) {
            entry[prev * E + E_BANK_NEXT] = next;
        } else {
            kbInt[ki(k, b) + K_FIRST] = next;
        }
        if (next >= 0) {
            entry[next * E + E_BANK_PREV] = prev;
        } else {
            kbInt[ki(k, b) + K_LAST] = prev;
        }
        if (kbInt[ki(k, b) + K_HIT] == i) {
            // A column command takes the oldest hit: the next one is younger, after it in the bank's list.
            int row = openRow[b];
            int h = next;
            while (h >= 0 && entry[h * E + E_ROW] != row) {
                h = entry[h * E + E_BANK_NEXT];
            }
            setHit(k, b, h);
        } else if (kbInt[ki(k, b) + K_MISS] == i) {
            findOldest(k, b);
        }
        (k == WRITE ? writeOccupancy : readOccupancy).set(last);
    }

    /** Bank {@code b} opened a row: which of its queued bursts hit changes. */
    private void rowChanged(int b) {
        for (int k = READ; k <= WRITE; k++) {
            if (size[k] > 0) { // an empty queue has no oldest burst anywhere to change
                findOldest(k, b);
            }
        }
    }

    /** Bank {@code b} closed its row: nothing hits, and its oldest burst is its oldest miss. */
    private void rowClosed(int b) {
        for (int k = READ; k <= WRITE; k++) {
            if (size[k] > 0) {
                setHit(k, b, -1);
                setMiss(k, b, kbInt[ki(k, b) + K_FIRST]);
            }
        }
    }

    private void findOldest(int k, int b) {
        int h = -1;
        int m = -1;
        int row = openRow[b];
        for (int i = kbInt[ki(k, b) + K_FIRST]; i >= 0 && (h < 0 || m < 0); i = entry[i * E + E_BANK_NEXT]) {
            if (entry[i * E + E_ROW] == row) {
                if (h < 0) {
                    h = i;
                }
            } else if (m < 0) {
                m = i;
            }
        }
        setHit(k, b, h);
        setMiss(k, b, m);
    }

    /** Makes burst {@code i} (-1: none) bank {@code b}'s oldest hit in queue {@code k}, keeping the hit-bank list. */
    private void setHit(int k, int b, int i) {
        int was = kbInt[ki(k, b) + K_HIT];
        kbInt[ki(k, b) + K_HIT] = i;
        if (i >= 0) {
            kbTime[kt(k, b) + K_HIT_ARRIVAL] = entryTime[i * 2 + T_ARRIVAL];
            kbTime[kt(k, b) + K_HIT_AGE] = entryTime[i * 2 + T_AGE];
            if (was < 0) {
                // Usually just activated, so the latest: look from the end.
                int[] hb = hitBanks[k];
                long key = bankTime[(b << 2) + B_COL];
                int j = hitCount[k]++;
                while (j > 0 && bankTime[(hb[j - 1] << 2) + B_COL] > key) {
                    hb[j] = hb[j - 1];
                    j--;
                }
                hb[j] = b;
            }
        } else if (was >= 0) {
            kbTime[kt(k, b) + K_HIT_ARRIVAL] = NEVER;
            kbTime[kt(k, b) + K_HIT_AGE] = NEVER;
            int[] hb = hitBanks[k];
            int pos = 0;
            while (hb[pos] != b) {
                pos++;
            }
            System.arraycopy(hb, pos + 1, hb, pos, --hitCount[k] - pos);
        }
    }

    /**
     * Makes burst {@code i} (-1: none) bank {@code b}'s oldest miss in queue {@code k}, and files the
     * bank in the miss list of what it asks for now (ACT if closed, PRE if open), in that list's order.
     */
    private void setMiss(int k, int b, int i) {
        int list = i < 0 ? NO_LIST : openRow[b] < 0 ? ACT_LIST : PRE_LIST;
        int was = kbInt[ki(k, b) + K_LIST];
        if (kbInt[ki(k, b) + K_MISS] == i && was == list) {
            return;
        }
        kbInt[ki(k, b) + K_MISS] = i;
        kbTime[kt(k, b) + K_MISS_ARRIVAL] = i < 0 ? NEVER : entryTime[i * 2 + T_ARRIVAL];
        kbTime[kt(k, b) + K_MISS_AGE] = i < 0 ? NEVER : entryTime[i * 2 + T_AGE];
        if (was == list) {
            reorder(k, b);
            return;
        }
        if (was != NO_LIST) {
            unlink(k, was, b);
        }
        kbInt[ki(k, b) + K_LIST] = list;
        if (list != NO_LIST) {
            // New misses are the youngest: look from the last bank up.
            int after = listLast[2 * k + list];
            while (after >= 0 && before(k, list, b, after)) {
                after = kbInt[ki(k, after) + K_PREV];
            }
            linkAfter(k, list, b, after);
        }
    }

    /** Moves bank {@code b} to its place in its miss list of queue {@code k} after its key changed. */
    private void reorder(int k, int b) {
        int list = kbInt[ki(k, b) + K_LIST];
        if (list == NO_LIST) {
            return;
        }
        int prev = kbInt[ki(k, b) + K_PREV];
        int next = kbInt[ki(k, b) + K_NEXT];
        if (prev >= 0 && before(k, list, b, prev)) {
            unlink(k, list, b);
            int after = kbInt[ki(k, prev) + K_PREV];
            while (after >= 0 && before(k, list, b, after)) {
                after = kbInt[ki(k, after) + K_PREV];
            }
            linkAfter(k, list, b, after);
        } else if (next >= 0 && before(k, list, next, b)) {
            unlink(k, list, b);
            int after = next;
            for (int n = kbInt[ki(k, after) + K_NEXT]; n >= 0 && before(k, list, n, b); n = kbInt[ki(k, n) + K_NEXT]) {
                after = n;
            }
            linkAfter(k, list, b, after);
        }
    }

    private void unlink(int k, int list, int b) {
        int prev = kbInt[ki(k, b) + K_PREV];
        int next = kbInt[ki(k, b) + K_NEXT];
        if (prev >= 0) {
            kbInt[ki(k, prev) + K_NEXT] = next;
        } else {
            listFirst[2 * k + list] = next;
        }
        if (next >= 0) {
            kbInt[ki(k, next) + K_PREV] = prev;
        } else {
            listLast[2 * k + list] = prev;
        }
    }

    /** Puts bank {@code b} into miss list {@code list} of queue {@code k} right after bank {@code after} (-1: first). */
    private void linkAfter(int k, int list, int b, int after) {
        int next = after < 0 ? listFirst[2 * k + list] : kbInt[ki(k, after) + K_NEXT];
        kbInt[ki(k, b) + K_PREV] = after;
        kbInt[ki(k, b) + K_NEXT] = next;
        if (after >= 0) {
            kbInt[ki(k, after) + K_NEXT] = b;
        } else {
            listFirst[2 * k + list] = b;
        }
        if (next >= 0) {
            kbInt[ki(k, next) + K_PREV] = b;
        } else {
            listLast[2 * k + list] = b;
        }
    }

    /** Whether bank {@code x} comes before bank {@code y} in miss list {@code list} of queue {@code k}. */
    private boolean before(int k, int list, int x, int y) {
        if (list == PRE_LIST && bankTime[(x << 2) + B_PRE] != bankTime[(y << 2) + B_PRE]) {
            return bankTime[(x << 2) + B_PRE] < bankTime[(y << 2) + B_PRE];
        }
        return kbTime[kt(k, x) + K_MISS_AGE] < kbTime[kt(k, y) + K_MISS_AGE];
    }

    private void record(long c, byte cmd, int b, int row) {
        if (log != null) {
            int inRank = b % banksPerRank;
            log.add(c, cmd, (b >>> rankShift), inRank / banksPerGroup, inRank % banksPerGroup, row);
        }
    }
}

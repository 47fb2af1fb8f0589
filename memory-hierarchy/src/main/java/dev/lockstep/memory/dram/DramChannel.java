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
 * of them: the banks with a hit; the closed banks with a miss in the age order of that miss, up to
 * the first that can ACT at the earliest cycle any rank allows (no later one can beat it); the open
 * banks with a miss in the order of their earliest PRE, up to the first that cannot PRE at once.
 * Those lists are kept as banks change, so a scan costs a few looks instead of one per bank.
 *
 * <p>Timing is kept as "earliest cycle the next command of this kind may issue" per bank, per bank
 * group and per rank (the way Ramulator and DRAMsim3 do), so checking a command is a few maxima.
 * The channel runs on its own events: after a clock where nothing could issue it sleeps until the
 * earliest cycle anything could, and with empty queues it leaves the timeline entirely; refreshes
 * that fall due while it is idle are issued, at their proper cycles, when the next request wakes it.
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
    private final int[] capacity = new int[2];
    private final int[] size = new int[2];
    private final int[][] free = new int[2][];
    private final long[][] qAge = new long[2][];
    private final int[][] qNewer = new int[2][]; // whole queue, towards the youngest (-1 ends)
    private final int[][] qOlder = new int[2][];
    private final int[] youngest = {-1, -1};
    private final int[][] qBankNext = new int[2][]; // the same bank's bursts, towards the youngest
    private final int[][] qBankPrev = new int[2][];
    // Per queue and bank: first and last burst, the oldest hitting the open row and the oldest not (-1: none).
    private final int[][] bankFirst = new int[2][];
    private final int[][] bankLast = new int[2][];
    private final int[][] oldestHit = new int[2][];
    private final int[][] oldestMiss = new int[2][];
    // The same two bursts' arrival cycles and ages by bank (NEVER: none).
    private final long[][] hitArrival = new long[2][];
    private final long[][] hitAge = new long[2][];
    private final long[][] missArrival = new long[2][];
    private final long[][] missAge = new long[2][];
    // Per queue, the banks with a hit, in no order (hitPos: a bank's place there), and the banks with
    // a miss, split by what their miss asks for: [k][ACT_LIST] closed banks (an ACT), oldest miss
    // first; [k][PRE_LIST] open ones (a PRE), by bankNextPre, then oldest miss first. The scan walks
    // them in that order and stops early (see step).
    private final int[][] hitBanks = new int[2][];
    private final int[][] hitPos = new int[2][];
    private final int[] hitCount = new int[2];
    private final int[][][] missOrder = new int[2][2][];
    private final int[][] missCount = new int[2][2];
    private final byte[][] missList = new byte[2][]; // which list a bank is in: ACT_LIST, PRE_LIST or NO_LIST
    private long ageCounter;
    private final int[][] qSlot = new int[2][];
    private final int[][] qBank = new int[2][];
    private final int[][] qRow = new int[2][];
    private final byte[][] qFlags = new byte[2][];
    // A burst fed while another channel's edge runs arrives at the next clock; this one's edge for
    // the current clock may still be pending and must not see it.
    private final long[][] qArrival = new long[2][];

    // Flat bank index = (rank * bankGroups + bankGroup) * banksPerGroup + bank; group index = bank / banksPerGroup.
    private final int[] openRow;
    private final long[] bankNextAct;
    private final long[] bankNextPre;
    private final long[] bankNextRd;
    private final long[] bankNextWr;
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
        for (int k = 0; k < 2; k++) {
            int n = capacity[k];
            qSlot[k] = new int[n];
            qBank[k] = new int[n];
            qRow[k] = new int[n];
            qFlags[k] = new byte[n];
            qArrival[k] = new long[n];
            qAge[k] = new long[n];
            qNewer[k] = new int[n];
            qOlder[k] = new int[n];
            qBankNext[k] = new int[n];
            qBankPrev[k] = new int[n];
            free[k] = new int[n];
            for (int e = 0; e < n; e++) {
                free[k][e] = n - 1 - e;
            }
            bankFirst[k] = new int[banks];
            bankLast[k] = new int[banks];
            oldestHit[k] = new int[banks];
            oldestMiss[k] = new int[banks];
            Arrays.fill(bankFirst[k], -1);
            Arrays.fill(bankLast[k], -1);
            Arrays.fill(oldestHit[k], -1);
            Arrays.fill(oldestMiss[k], -1);
            hitArrival[k] = never(banks);
            hitAge[k] = never(banks);
            missArrival[k] = never(banks);
            missAge[k] = never(banks);
            hitBanks[k] = new int[banks];
            hitPos[k] = new int[banks];
            missOrder[k][ACT_LIST] = new int[banks];
            missOrder[k][PRE_LIST] = new int[banks];
            missList[k] = new byte[banks];
            Arrays.fill(missList[k], NO_LIST);
        }
        openRow = new int[banks];
        Arrays.fill(openRow, -1);
        bankNextAct = filled(banks);
        bankNextPre = filled(banks);
        bankNextRd = filled(banks);
        bankNextWr = filled(banks);
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

    private static long[] never(int n) {
        long[] a = new long[n];
        Arrays.fill(a, NEVER);
        return a;
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
        // scan: its bank's oldest hit and miss stay, and so does the read/write mode. The plan and the
        // booked tick stand (a tick at its arrival would only plan the same again).
        boolean unseen = !idle && !write && !writeMode && size[WRITE] == 0
                && (row == openRow[bank] ? oldestHit[k][bank] : oldestMiss[k][bank]) >= 0;
        if (!unseen) {
            // Wake first: refreshes owed from an idle spell must not see this burst, which arrives after them.
            wake(arrival);
            planned = NEVER;
        }
        int i = free[k][capacity[k] - 1 - size[k]++];
        qSlot[k][i] = slot;
        qBank[k][i] = bank;
        qRow[k][i] = row;
        qFlags[k][i] = 0;
        qArrival[k][i] = arrival;
        qAge[k][i] = ageCounter++;
        int y = youngest[k];
        qOlder[k][i] = y;
        qNewer[k][i] = -1;
        if (y >= 0) {
            qNewer[k][y] = i;
        }
        youngest[k] = i;
        int last = bankLast[k][bank];
        qBankPrev[k][i] = last;
        qBankNext[k][i] = -1;
        if (last >= 0) {
            qBankNext[k][last] = i;
        } else {
            bankFirst[k][bank] = i;
        }
        bankLast[k][bank] = i;
        // The youngest of its bank: it is the oldest hit (or miss) only if there was none.
        if (row == openRow[bank]) {
            if (oldestHit[k][bank] < 0) {
                setHit(k, bank, i);
            }
        } else if (oldestMiss[k][bank] < 0) {
            setMiss(k, bank, i);
        }
        (write ? writeOccupancy : readOccupancy).set(size[k]);
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
        scheduledSeq = -1;
        scheduledCycle = NEVER;
        skipped = NEVER;
        stepping = true;
        long next = planned == c ? issuePlanned(c) : step(c, true);
        stepping = false;
        // Bursts fed by this step arrive at c + 1 = next, so the tick below covers them.
        if (hasWork(c)) {
            if (next == c + 1 && !writeMode && size[WRITE] == 0 && !owner.writesInFlight()) {
                // Look at c + 1 now instead of waking for it: nothing changes before then but arrivals,
                // which wake the channel themselves, and, with no write anywhere, the mode stays read.
                next = step(next, false);
                if (next > c + 1) {
                    skipped = c + 1;
                }
            }
            scheduleTick(next);
        } else {
            idle = true;
            idleNext = next;
            planned = NEVER;
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
                        if (bankNextPre[b] <= c) {
                            if (!issue) {
                                return planNow(c, PLAN_REFRESH_PRE, b);
                            }
                            precharge(c, b);
                            return c + 1;
                        }
                        plan(bankNextPre[b], PLAN_REFRESH_PRE, b);
                    }
                }
            }
        }
        boolean mode = nextMode();
        if (issue) {
            writeMode = mode;
        }
        int k = mode ? WRITE : READ;
        int[] banks = qBank[k];
        int[] rows = qRow[k];
        long[] arrived = qArrival[k];
        // Bursts queue in arrival order: those not yet arrived are the youngest, and the scan stops at
        // the first of them.
        for (int i = youngest[k]; i >= 0 && arrived[i] > c; i = qOlder[k][i]) {
            bound = arrived[i];
        }
        // Row hits come first, oldest first; then the oldest request whose row command can go: ACT to a
        // closed bank, PRE to a bank whose open row no queued request still wants. A bank's hits all
        // wait for the same cycle, so its oldest hit stands for them, and its oldest miss alone decides
        // its ACT or PRE (younger ones would only repeat it). Of each kind the command is the oldest
        // issuable one, else the earliest, the oldest on a tie: what a walk over the queue would find.
        long[] hArrival = hitArrival[k];
        long[] hAge = hitAge[k];
        int[] hitBank = hitBanks[k];
        int hitPickBank = -1;
        long hitAt = NEVER;
        for (int j = 0, n = hitCount[k]; j < n; j++) {
            int b = hitBank[j];
            if (hArrival[b] > c || anyWait && refreshWait[b >>> rankShift]) {
                continue;
            }
            long at = Math.max(c, k == WRITE ? earliestWrite(b) : earliestRead(b));
            if (at < hitAt || at == hitAt && hAge[b] < hAge[hitPickBank]) {
                hitPickBank = b;
                hitAt = at;
            }
        }
        int hitPick = hitPickBank < 0 ? -1 : oldestHit[k][hitPickBank];
        // Row commands. The closed banks in the age order of their oldest misses, so the first bank at
        // the earliest cycle is the oldest there; no ACT can come before the earliest cycle any rank's
        // limits allow, so the walk stops at the first bank that can go then (usually one of the first
        // few, where a look at every bank cost most of a command's time).
        long floor = Math.max(actFloor, c);
        long[] mArrival = missArrival[k];
        int[] order = missOrder[k][ACT_LIST];
        int rowBank = -1;
        long rowAt = NEVER;
        for (int j = 0, n = missCount[k][ACT_LIST]; j < n; j++) {
            int b = order[j];
            if (mArrival[b] > c) {
                break; // arrivals follow age: the rest have not arrived either
            }
            if (anyWait && refreshWait[b >>> rankShift]) {
                continue;
            }
            long at = Math.max(Math.max(rankActFloor[b >>> rankShift], c),
                    Math.max(bankNextAct[b], groupNextAct[b >>> groupShift]));
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
        order = missOrder[k][PRE_LIST];
        long[] mAge = missAge[k];
        int preBank = -1;
        for (int j = 0, n = missCount[k][PRE_LIST]; j < n; j++) {
            int b = order[j];
            if (mArrival[b] > c || hArrival[b] <= c || anyWait && refreshWait[b >>> rankShift]) {
                continue;
            }
            if (bankNextPre[b] > c) {
                if (preBank < 0) {
                    preBank = b;
                }
                break;
            }
            if (preBank < 0 || mAge[b] < mAge[preBank]) {
                preBank = b;
            }
        }
        if (preBank >= 0) {
            long at = Math.max(bankNextPre[preBank], c);
            if (at < rowAt || at == rowAt && mAge[preBank] < mAge[rowBank]) {
                rowBank = preBank;
                rowAt = at;
            }
        }
        int rowPick = rowBank < 0 ? -1 : oldestMiss[k][rowBank];
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
                    activate(c, banks[rowPick], rows[rowPick]);
                    qFlags[k][rowPick] |= ACTIVATED;
                } else {
                    precharge(c, banks[rowPick]);
                    qFlags[k][rowPick] |= PRECHARGED;
                }
                return c + 1;
            }
            plan(rowAt, rowAct ? PLAN_ACT : PLAN_CONFLICT_PRE, rowPick);
        }
        if (closedPage) {
            stamp++;
            for (int j = 0, n = hitCount[k]; j < n; j++) {
                int b = hitBank[j];
                if (hArrival[b] <= c && !(anyWait && refreshWait[b >>> rankShift])) {
                    hitStamp[b] = stamp;
                }
            }
            int other = 1 - k;
            for (int j = 0; j < hitCount[other]; j++) {
                hitStamp[hitBanks[other][j]] = stamp;
            }
            for (int b = 0; b < openRow.length; b++) {
                if (openRow[b] >= 0 && hitStamp[b] != stamp) {
                    if (bankNextPre[b] <= c) {
                        if (!issue) {
                            return planNow(c, PLAN_IDLE_PRE, b);
                        }
                        precharge(c, b);
                        return c + 1;
                    }
                    plan(bankNextPre[b], PLAN_IDLE_PRE, b);
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
                activate(c, qBank[k][a], qRow[k][a]);
                qFlags[k][a] |= ACTIVATED;
            }
            case PLAN_CONFLICT_PRE -> {
                precharge(c, qBank[k][a]);
                qFlags[k][a] |= PRECHARGED;
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

    private long earliestRead(int b) {
        long e = Math.max(bankNextRd[b], Math.max(groupNextRd[(b >>> groupShift)], rankNextRd[(b >>> rankShift)]));
        return Math.max(e, busFree - cl);
    }

    private long earliestWrite(int b) {
        long e = Math.max(bankNextWr[b], Math.max(groupNextWr[(b >>> groupShift)], rankNextWr[(b >>> rankShift)]));
        return Math.max(e, busFree - cwl);
    }

    private void activate(long c, int b, int row) {
        int r = (b >>> rankShift);
        int g = (b >>> groupShift);
        openRow[b] = row;
        openInRank[r]++;
        bankNextRd[b] = Math.max(bankNextRd[b], c + rcd);
        bankNextWr[b] = Math.max(bankNextWr[b], c + rcd);
        bankNextPre[b] = Math.max(bankNextPre[b], c + ras);
        rowChanged(b);
        bankNextAct[b] = Math.max(bankNextAct[b], c + rc);
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
        bankNextAct[b] = Math.max(bankNextAct[b], c + rp);
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
        int b = qBank[k][i];
        int r = (b >>> rankShift);
        int g = (b >>> groupShift);
        long end;
        if (k == WRITE) {
            end = c + cwl + nBl;
            bankNextPre[b] = Math.max(bankNextPre[b], end + wr);
            groupNextWr[g] = Math.max(groupNextWr[g], c + ccdL);
            rankNextWr[r] = Math.max(rankNextWr[r], c + ccdS);
            groupNextRd[g] = Math.max(groupNextRd[g], end + wtrL);
            rankNextRd[r] = Math.max(rankNextRd[r], end + wtrS);
            writes.increment();
        } else {
            end = c + cl + nBl;
            bankNextPre[b] = Math.max(bankNextPre[b], c + rtp);
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
        byte flags = qFlags[k][i];
        if ((flags & PRECHARGED) != 0) {
            rowConflicts.increment();
        } else if ((flags & ACTIVATED) != 0) {
            rowMisses.increment();
        } else {
            rowHits.increment();
        }
        record(c, k == WRITE ? DramCommand.WR : DramCommand.RD, b, openRow[b]);
        int slot = qSlot[k][i];
        remove(k, i);
        owner.burstIssued(slot, end);
        owner.feed(k == WRITE);
    }

    private void remove(int k, int i) {
        int last = --size[k];
        free[k][capacity[k] - 1 - last] = i;
        int older = qOlder[k][i];
        int newer = qNewer[k][i];
        if (older >= 0) {
            qNewer[k][older] = newer;
        }
        if (newer >= 0) {
            qOlder[k][newer] = older;
        } else {
            youngest[k] = older;
        }
        int b = qBank[k][i];
        int prev = qBankPrev[k][i];
        int next = qBankNext[k][i];
        if (prev >= 0) {
            qBankNext[k][prev] = next;
        } else {
            bankFirst[k][b] = next;
        }
        if (next >= 0) {
            qBankPrev[k][next] = prev;
        } else {
            bankLast[k][b] = prev;
        }
        if (oldestHit[k][b] == i) {
            // A column command takes the oldest hit: the next one is younger, after it in the bank's list.
            int row = openRow[b];
            int h = next;
            while (h >= 0 && qRow[k][h] != row) {
                h = qBankNext[k][h];
            }
            setHit(k, b, h);
        } else if (oldestMiss[k][b] == i) {
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
                setMiss(k, b, bankFirst[k][b]);
            }
        }
    }

    private void findOldest(int k, int b) {
        int h = -1;
        int m = -1;
        int row = openRow[b];
        for (int i = bankFirst[k][b]; i >= 0 && (h < 0 || m < 0); i = qBankNext[k][i]) {
            if (qRow[k][i] == row) {
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
        int was = oldestHit[k][b];
        oldestHit[k][b] = i;
        if (i >= 0) {
            hitArrival[k][b] = qArrival[k][i];
            hitAge[k][b] = qAge[k][i];
            if (was < 0) {
                hitPos[k][b] = hitCount[k];
                hitBanks[k][hitCount[k]++] = b;
            }
        } else if (was >= 0) {
            hitArrival[k][b] = NEVER;
            hitAge[k][b] = NEVER;
            int pos = hitPos[k][b];
            int moved = hitBanks[k][--hitCount[k]];
            hitBanks[k][pos] = moved;
            hitPos[k][moved] = pos;
        }
    }

    /**
     * Makes burst {@code i} (-1: none) bank {@code b}'s oldest miss in queue {@code k}, and files the
     * bank in the miss list of what it asks for now (ACT if closed, PRE if open), in that list's order.
     */
    private void setMiss(int k, int b, int i) {
        int list = i < 0 ? NO_LIST : openRow[b] < 0 ? ACT_LIST : PRE_LIST;
        int was = missList[k][b];
        if (oldestMiss[k][b] == i && was == list) {
            return;
        }
        oldestMiss[k][b] = i;
        missArrival[k][b] = i < 0 ? NEVER : qArrival[k][i];
        missAge[k][b] = i < 0 ? NEVER : qAge[k][i];
        if (was == list) {
            reorder(k, b);
            return;
        }
        if (was != NO_LIST) {
            // Out of its old list: the banks after it move up one place.
            int[] order = missOrder[k][was];
            int n = --missCount[k][was];
            int j = 0;
            while (order[j] != b) {
                j++;
            }
            for (; j < n; j++) {
                order[j] = order[j + 1];
            }
        }
        missList[k][b] = (byte) list;
        if (list != NO_LIST) {
            int[] order = missOrder[k][list];
            int j = missCount[k][list]++;
            while (j > 0 && before(k, list, b, order[j - 1])) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = b;
        }
    }

    /** Moves bank {@code b} to its place in its miss list of queue {@code k} after its key changed. */
    private void reorder(int k, int b) {
        int list = missList[k][b];
        if (list == NO_LIST) {
            return;
        }
        int[] order = missOrder[k][list];
        int n = missCount[k][list];
        int j = 0;
        while (order[j] != b) {
            j++;
        }
        while (j > 0 && before(k, list, b, order[j - 1])) {
            order[j] = order[j - 1];
            j--;
        }
        while (j + 1 < n && before(k, list, order[j + 1], b)) {
            order[j] = order[j + 1];
            j++;
        }
        order[j] = b;
    }

    /** Whether bank {@code x} comes before bank {@code y} in miss list {@code list} of queue {@code k}. */
    private boolean before(int k, int list, int x, int y) {
        long[] age = missAge[k];
        if (list == PRE_LIST && bankNextPre[x] != bankNextPre[y]) {
            return bankNextPre[x] < bankNextPre[y];
        }
        return age[x] < age[y];
    }

    private void record(long c, byte cmd, int b, int row) {
        if (log != null) {
            int inRank = b % banksPerRank;
            log.add(c, cmd, (b >>> rankShift), inRank / banksPerGroup, inRank % banksPerGroup, row);
        }
    }
}

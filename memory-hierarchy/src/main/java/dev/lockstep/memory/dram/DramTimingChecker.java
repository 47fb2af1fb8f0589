package dev.lockstep.memory.dram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays one channel's issued commands and reports every timing or state rule they break. It
 * shares no code with the controller's scheduler: the scheduler keeps "earliest next command"
 * bounds, the checker measures each command against the latest earlier command each rule relates it
 * to, so a bookkeeping slip in one does not hide in the other.
 *
 * <p>Rules: one command per clock in order; ACT only to a closed bank, RD/WR only to the open row,
 * PRE only to an open bank, REF only with every bank of the rank closed; tRCD, tRP, tRAS, tRC,
 * tRRD_S/L, tFAW, tCCD_S/L, tWTR_S/L (from the end of the write data), tRTP, tWR (from the end of
 * the write data), read-to-write turnaround, tRFC, data bus bursts in order without overlap, and at
 * most 8 postponed refreshes (a REF at least every 9 x tREFI).
 */
public final class DramTimingChecker {
    private final DramTiming t;
    private final DramOrganization org;

    public DramTimingChecker(DramTiming timing, DramOrganization organization) {
        this.t = timing;
        this.org = organization;
    }

    /** Every violation in the log, in the order found; empty when the stream is legal. */
    public List<TimingViolation> check(CommandLog log) {
        return new Replay(log).run();
    }

    private final class Replay {
        private final CommandLog log;
        private final List<TimingViolation> found = new ArrayList<>();
        private final int[] openRow;
        private final int[] bankAct;
        private final int[] bankPre;
        private final int[] bankRd;
        private final int[] bankWr;
        private final int[] groupAct;
        private final int[] groupRd;
        private final int[] groupWr;
        private final int[] rankAct;
        private final int[] rankRd;
        private final int[] rankWr;
        private final int[] rankPre;
        private final int[] rankRef;
        private final int[][] rankActs; // last four ACTs per rank, oldest first
        private int previous = -1;
        private int lastBurst = -1;
        private long lastBurstEnd = Long.MIN_VALUE;

        Replay(CommandLog log) {
            this.log = log;
            int banks = org.banksPerChannel();
            int groups = org.ranks() * org.bankGroups();
            openRow = new int[banks];
            Arrays.fill(openRow, -1);
            bankAct = none(banks);
            bankPre = none(banks);
            bankRd = none(banks);
            bankWr = none(banks);
            groupAct = none(groups);
            groupRd = none(groups);
            groupWr = none(groups);
            rankAct = none(org.ranks());
            rankRd = none(org.ranks());
            rankWr = none(org.ranks());
            rankPre = none(org.ranks());
            rankRef = none(org.ranks());
            rankActs = new int[org.ranks()][];
            for (int r = 0; r < org.ranks(); r++) {
                rankActs[r] = none(4);
            }
        }

        private static int[] none(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }

        List<TimingViolation> run() {
            for (int i = 0; i < log.size(); i++) {
                check(i);
            }
            return found;
        }

        private void check(int i) {
            long c = log.cycle(i);
            if (previous >= 0 && c <= log.cycle(previous)) {
                gap("command bus (one command per clock, in order)", previous, i, 1);
            }
            previous = i;
            int r = log.rank(i);
            byte cmd = log.command(i);
            if (cmd == DramCommand.REF) {
                refresh(i, r);
                return;
            }
            int g = r * org.bankGroups() + log.bankGroup(i);
            int b = g * org.banksPerGroup() + log.bank(i);
            int burst = t.burstClocks();
            switch (cmd) {
                case DramCommand.ACT -> {
                    if (openRow[b] >= 0) {
                        state("ACT to a bank whose row " + openRow[b] + " is open", i);
                    }
                    gap("tRC", bankAct[b], i, t.rc());
                    gap("tRP", bankPre[b], i, t.rp());
                    gap("tRRD_L", groupAct[g], i, t.rrdL());
                    gap("tRRD_S", rankAct[r], i, t.rrdS());
                    gap("tFAW", rankActs[r][0], i, t.faw());
                    gap("tRFC", rankRef[r], i, t.rfc());
                    openRow[b] = log.row(i);
                    bankAct[b] = i;
                    groupAct[g] = i;
                    rankAct[r] = i;
                    int[] w = rankActs[r];
                    System.arraycopy(w, 1, w, 0, 3);
                    w[3] = i;
                }
                case DramCommand.PRE -> {
                    if (openRow[b] < 0) {
                        state("PRE to a closed bank", i);
                    }
                    gap("tRAS", bankAct[b], i, t.ras());
                    gap("tRTP", bankRd[b], i, t.rtp());
                    gap("tWR (WR to PRE: CWL + BL/2 + tWR)", bankWr[b], i, t.cwl() + burst + t.wr());
                    openRow[b] = -1;
                    bankPre[b] = i;
                    rankPre[r] = i;
                }
                case DramCommand.RD, DramCommand.WR -> {
                    boolean write = cmd == DramCommand.WR;
                    if (openRow[b] < 0) {
                        state(DramCommand.name(cmd) + " to a closed bank", i);
                    } else if (openRow[b] != log.row(i)) {
                        state(DramCommand.name(cmd) + " to row " + log.row(i) + " while row " + openRow[b] + " is open", i);
                    }
                    gap("tRCD", bankAct[b], i, t.rcd());
                    if (write) {
                        gap("tCCD_L", groupWr[g], i, t.ccdL());
                        gap("tCCD_S", rankWr[r], i, t.ccdS());
                        gap("read-to-write turnaround (CL + BL/2 + 2 - CWL)", rankRd[r], i, t.readToWrite());
                    } else {
                        gap("tCCD_L", groupRd[g], i, t.ccdL());
                        gap("tCCD_S", rankRd[r], i, t.ccdS());
                        gap("tWTR_L (CWL + BL/2 + tWTR_L)", groupWr[g], i, t.cwl() + burst + t.wtrL());
                        gap("tWTR_S (CWL + BL/2 + tWTR_S)", rankWr[r], i, t.cwl() + burst + t.wtrS());
                    }
                    long start = c + (write ? t.cwl() : t.cl());
                    if (lastBurst >= 0 && start < lastBurstEnd) {
                        found.add(new TimingViolation("data bus (bursts overlap or out of order)", log.describe(lastBurst),
                                log.describe(i), lastBurstEnd - log.cycle(lastBurst), start - log.cycle(lastBurst)));
                    }
                    lastBurst = i;
                    lastBurstEnd = start + burst;
                    if (write) {
                        bankWr[b] = i;
                        groupWr[g] = i;
                        rankWr[r] = i;
                    } else {
                        bankRd[b] = i;
                        groupRd[g] = i;
                        rankRd[r] = i;
                    }
                }
                default -> state("unknown command " + cmd, i);
            }
        }

        private void refresh(int i, int r) {
            int first = r * org.banksPerRank();
            for (int b = first; b < first + org.banksPerRank(); b++) {
                if (openRow[b] >= 0) {
                    state("REF while bank " + (b - first) + " of the rank has row " + openRow[b] + " open", i);
                    break;
                }
            }
            gap("tRP (PRE to REF)", rankPre[r], i, t.rp());
            gap("tRFC", rankRef[r], i, t.rfc());
            long since = rankRef[r] < 0 ? log.cycle(i) : log.cycle(i) - log.cycle(rankRef[r]);
            if (since > 9L * t.refi()) {
                found.add(new TimingViolation("tREFI (more than 8 refreshes postponed)",
                        rankRef[r] < 0 ? "" : log.describe(rankRef[r]), log.describe(i), 9L * t.refi(), since));
            }
            rankRef[r] = i;
        }

        private void gap(String rule, int earlier, int later, long required) {
            if (earlier < 0) {
                return;
            }
            long actual = log.cycle(later) - log.cycle(earlier);
            if (actual < required) {
                found.add(new TimingViolation(rule, log.describe(earlier), log.describe(later), required, actual));
            }
        }

        private void state(String rule, int i) {
            found.add(new TimingViolation(rule, "", log.describe(i), -1, -1));
        }
    }
}

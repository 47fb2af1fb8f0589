package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which row command FR-FCFS picks when several could go: among ACTs and PREs that can issue at the
 * same clock the oldest request's wins, whatever its bank; otherwise the one that can issue first.
 * DDR4-3200 defaults (one channel, tRCD 22, tRP 22, tRAS 52, tRC 74, tRRD_S 4, tRTP 12, tCCD_S 4).
 */
class DramCommandOrderTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    /**
     * Byte address of burst column 0 of (bank group, bank 0, row) under DDR4_8Gb_x8 and the default
     * mapping RoRaBaCoBgCh: 64 B bursts, 4 bank groups, 128 bursts per row (1024 columns / BL8),
     * 4 banks, so address = (((row * 4 + bank) * 128 + column) * 4 + group) * 64.
     */
    private static long address(int group, int row) {
        return (((long) row * 4 * 128) * 4 + group) * 64;
    }

    /**
     * A read to bank group 1, then one to bank group 0, both banks closed at cycle 0: both ACTs could
     * go at 0, the older request's (group 1) does, the other tRRD_S later at 4; the reads follow at
     * 0 + tRCD = 22 and 4 + tRCD = 26 (also 22 + tCCD_S).
     */
    @Test
    void theOlderRequestActivatesFirstWhateverItsBank() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(address(1, 1), 64, false, r, 0);
        dram.offer(address(0, 1), 64, false, r, 1);
        sim.run();
        assertEquals(List.of("ACT g1 r1 @0", "ACT g0 r1 @4", "RD g1 r1 @22", "RD g0 r1 @26"), commands(dram));
    }

    /**
     * Rows 1 of groups 0 and 1 are opened (ACT @0 and @4) and read (@22, @26), as above. At cycle 200
     * a read to row 3 of group 1 arrives, then one to row 3 of group 0: both banks can precharge at
     * once (tRAS and tRTP long past; group 0's limit, 34, is even the earlier one), so the older
     * request's bank (group 1) is precharged first, @200, the other on the next clock, @201. ACTs
     * follow tRP later: group 1 @222, group 0 @223 held to 222 + tRRD_S = 226; reads tRCD after
     * each: @244 and @248.
     */
    @Test
    void ofTwoPrechargesPossibleNowTheOlderRequestsGoesFirst() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(address(0, 1), 64, false, r, 0);
        dram.offer(address(1, 1), 64, false, r, 1);
        int later = sim.register(arg -> {
            dram.offer(address(1, 3), 64, false, r, 2);
            dram.offer(address(0, 3), 64, false, r, 3);
        });
        sim.schedule(200 * dram.spec().timing().tCkPs(), later, 0);
        sim.run();
        assertEquals(List.of("ACT g0 r1 @0", "ACT g1 r1 @4", "RD g0 r1 @22", "RD g1 r1 @26",
                "PRE g1 r1 @200", "PRE g0 r1 @201", "ACT g1 r3 @222", "ACT g0 r3 @226", "RD g1 r3 @244",
                "RD g0 r3 @248"), commands(dram));
    }

    /**
     * Reads to row 1 of groups 0 and 1 (opened @0 and @4, read @22 and @26), queued together with a
     * read to row 2 of group 1 and then one to row 2 of group 0. Each conflict waits for its bank's
     * hit, then for tRAS: group 0 may precharge at max(0 + tRAS, 22 + tRTP) = 52, group 1 at
     * max(4 + 52, 26 + 12) = 56, so the younger request's bank goes first. ACT group 0 at
     * 52 + tRP = 74 (= 0 + tRC), group 1 at 56 + 22 = 78 (= 4 + tRC); reads @96 and @100.
     */
    @Test
    void ofTwoPrechargesNotYetPossibleTheEarlierGoesFirst() {
        Simulation sim = new Simulation();
        Dram dram = checked.create(sim, DramSpec.defaults(DramStandard.byName("DDR4")));
        Recorder r = new Recorder(sim);
        dram.offer(address(0, 1), 64, false, r, 0);
        dram.offer(address(1, 1), 64, false, r, 1);
        dram.offer(address(1, 2), 64, false, r, 2);
        dram.offer(address(0, 2), 64, false, r, 3);
        sim.run();
        assertEquals(List.of("ACT g0 r1 @0", "ACT g1 r1 @4", "RD g0 r1 @22", "RD g1 r1 @26",
                "PRE g0 r1 @52", "PRE g1 r1 @56", "ACT g0 r2 @74", "ACT g1 r2 @78", "RD g0 r2 @96",
                "RD g1 r2 @100"), commands(dram));
    }

    private List<String> commands(Dram dram) {
        CommandLog log = checked.log(dram, 0);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            out.add(DramCommand.name(log.command(i)) + " g" + log.bankGroup(i) + " r" + log.row(i) + " @" + log.cycle(i));
        }
        return out;
    }
}

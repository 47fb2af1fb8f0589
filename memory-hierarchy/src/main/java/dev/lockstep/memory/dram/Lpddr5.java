package dev.lockstep.memory.dram;

/**
 * LPDDR5 (JEDEC JESD209-5B) in bank-group mode, one x16 channel. The command clock CK is a quarter
 * of the data clock WCK, and data moves on both WCK edges: 8 transfers per CK, so BL16 takes 2 CK.
 *
 * <p>LPDDR5-6400 (CK 800 MHz): RL 17 / WL 9 (read/write latency set A), tRCD 18 ns, tRPpb 18 ns,
 * tRAS 42 ns, tRC = tRAS + tRPpb, tCCD 2 nCK between bank groups and 4 nCK within one (BL16, BG
 * mode), tRRD 5 ns, tFAW 20 ns, tWTR_S 6.25 ns, tWTR_L 12 ns, tRTP 7.5 ns, tWR 34 ns, tRFCab 210 ns
 * (8 Gb per channel), tREFI 3.9 us; rounded up to clocks.
 */
final class Lpddr5 {
    static final DramStandard STANDARD = new DramStandard("LPDDR5",
            DramStandard.organizationTable(
                    //                   name               DQ  ch ra bg ba  rows      columns
                    new DramOrganization("LPDDR5_8Gb_x16",  16, 1, 1, 4, 4, 1 << 15, 1 << 10),
                    new DramOrganization("LPDDR5_16Gb_x16", 16, 1, 1, 4, 4, 1 << 16, 1 << 10)),
            DramStandard.timingTable(
                    //             name           tCK   rate BL  CL CWL RCD RP RAS RC CCDS CCDL RRDS RRDL FAW WTRS WTRL RTP WR  RFC  REFI
                    new DramTiming("LPDDR5_6400", 1250, 8,   16, 17, 9,  15, 15, 34, 49, 2,  4,   4,   4,   16, 5,   10,  6,  28, 168, 3120)),
            "LPDDR5_8Gb_x16", "LPDDR5_6400", "RoRaBaCoBgCh");

    private Lpddr5() {
    }
}

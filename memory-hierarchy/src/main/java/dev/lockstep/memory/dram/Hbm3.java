package dev.lockstep.memory.dram;

/**
 * HBM3 (JEDEC JESD238A). The controller's channel is one 32-bit pseudo channel; a stack has 16
 * channels of two pseudo channels, hence 32 here. At 6.4 Gb/s per pin the command clock is 1.6 GHz
 * with 4 transfers per clock, so BL8 takes 2 clocks and moves 32 bytes.
 *
 * <p>HBM3-6400: tRCD 14 ns, tRP 14 ns, tRAS 33 ns, tRC = tRAS + tRP, RL 14 ns, WL 7.5 ns, tCCD_S
 * 2 nCK, tCCD_L 4 nCK, tRRD_S 2.5 ns, tRRD_L 3.75 ns, tFAW 16 ns, tWTR_S 2.5 ns, tWTR_L 7.5 ns,
 * tRTP 5 ns, tWR 16 ns, tRFCab 350 ns (16 Gb die), tREFI 3.9 us; rounded up to clocks. Stack IDs
 * (8-high stacks) are not modelled as ranks: one rank of 16 banks per pseudo channel.
 */
final class Hbm3 {
    static final DramStandard STANDARD = new DramStandard("HBM3",
            DramStandard.organizationTable(
                    //                   name            DQ  ch  ra bg ba  rows      columns
                    new DramOrganization("HBM3_16Gb_8H", 32, 32, 1, 4, 4, 1 << 15, 1 << 8)),
            DramStandard.timingTable(
                    //             name         tCK  rate BL  CL CWL RCD RP RAS RC CCDS CCDL RRDS RRDL FAW WTRS WTRL RTP WR  RFC  REFI
                    new DramTiming("HBM3_6400", 625, 4,   8,  23, 12, 23, 23, 53, 76, 2,  4,   4,   6,   26, 4,   12,  8,  26, 560, 6240)),
            "HBM3_16Gb_8H", "HBM3_6400", "RoRaBaCoBgCh");

    private Hbm3() {
    }
}

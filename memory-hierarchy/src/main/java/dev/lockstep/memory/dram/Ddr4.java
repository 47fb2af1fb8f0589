package dev.lockstep.memory.dram;

/**
 * DDR4 (JEDEC JESD79-4C). A channel is one 64-bit DIMM rank of x8 (or x16) devices.
 *
 * <p>Timings: JESD79-4C speed bin DDR4-3200AA (22-22-22) and DDR4-2400R (16-16-16); the
 * nanosecond figures are the standard's and are rounded up to clocks: tRAS 32 ns, tRC = tRAS + tRP,
 * tCCD_L max(5 nCK, 5 ns), tRRD_S max(4 nCK, 2.5 ns) and tRRD_L max(4 nCK, 4.9 ns) for a 1 KB page,
 * tFAW 21 ns (1 KB page), tWTR_S max(2 nCK, 2.5 ns), tWTR_L max(4 nCK, 7.5 ns), tRTP max(4 nCK,
 * 7.5 ns), tWR 15 ns, tRFC1 350 ns (8 Gb device), tREFI 7.8 us (0..85 C).
 */
final class Ddr4 {
    static final DramStandard STANDARD = new DramStandard("DDR4",
            DramStandard.organizationTable(
                    //                   name             DQ  ch ra bg ba  rows      columns
                    new DramOrganization("DDR4_8Gb_x8",   64, 1, 1, 4, 4, 1 << 16, 1 << 10),
                    new DramOrganization("DDR4_16Gb_x8",  64, 1, 1, 4, 4, 1 << 17, 1 << 10),
                    new DramOrganization("DDR4_8Gb_x16",  64, 1, 1, 2, 4, 1 << 16, 1 << 10)),
            DramStandard.timingTable(
                    //             name         tCK  rate BL  CL CWL RCD RP RAS  RC CCDS CCDL RRDS RRDL FAW WTRS WTRL RTP WR  RFC   REFI
                    new DramTiming("DDR4_3200", 625, 2,   8,  22, 16, 22, 22, 52, 74, 4,   8,   4,   8,   34, 4,   12,  12, 24, 560, 12480),
                    new DramTiming("DDR4_2400", 833, 2,   8,  16, 12, 16, 16, 39, 55, 4,   6,   4,   6,   26, 3,   9,   9,  18, 421, 9364)),
            "DDR4_8Gb_x8", "DDR4_3200", "RoRaBaCoBgCh");

    private Ddr4() {
    }
}

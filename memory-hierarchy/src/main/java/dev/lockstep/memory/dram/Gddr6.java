package dev.lockstep.memory.dram;

/**
 * GDDR6 (JEDEC JESD250C), one x16 channel (a device has two). At 16 Gb/s per pin the command clock
 * CK is 2 GHz and the data moves 8 times per CK, so BL16 takes 2 CK and moves 32 bytes.
 *
 * <p>GDDR6-16000: the nanosecond figures follow 8 Gb, 16 Gb/s vendor data sheets (Micron
 * MT61K256M32, Samsung K4Z80325BC): CL 24 nCK, WL 8 nCK, tRCD 18 ns, tRP 18 ns, tRAS 28 ns, tRC =
 * tRAS + tRP, tCCD_S 2 nCK, tCCD_L 4 nCK, tRRD_S 2.5 ns, tRRD_L 3.5 ns, tFAW 16 ns, tWTR_S 5 ns,
 * tWTR_L 7.5 ns, tRTP 2 ns, tWR 18 ns, all-bank tRFC 220 ns, tREFI 1.9 us; rounded up to clocks.
 * These are representative, not one part's exact bin: override them from your part's data sheet.
 */
final class Gddr6 {
    static final DramStandard STANDARD = new DramStandard("GDDR6",
            DramStandard.organizationTable(
                    //                   name             DQ  ch ra bg ba  rows      columns
                    new DramOrganization("GDDR6_8Gb_x16", 16, 1, 1, 4, 4, 1 << 14, 1 << 10)),
            DramStandard.timingTable(
                    //             name          tCK  rate BL  CL CWL RCD RP RAS RC CCDS CCDL RRDS RRDL FAW WTRS WTRL RTP WR  RFC  REFI
                    new DramTiming("GDDR6_16000", 500, 8,   16, 24, 8,  36, 36, 56, 92, 2,  4,   5,   7,   32, 10,  15,  4,  36, 440, 3800)),
            "GDDR6_8Gb_x16", "GDDR6_16000", "RoRaBaCoBgCh");

    private Gddr6() {
    }
}

package dev.lockstep.memory.dram;

/**
 * One speed grade of a DRAM standard: the command clock and every timing constraint the controller
 * and the checker obey, all in cycles of that clock (JEDEC gives most in nanoseconds; the presets
 * round them up to whole cycles, as a controller must).
 *
 * @param tCkPs             command clock period in picoseconds
 * @param transfersPerClock data transfers per command clock per pin (2 for DDR4; 4 or 8 where the
 *                          data clock runs faster than the command clock)
 * @param burstLength       transfers per column command (BL)
 */
public record DramTiming(
        String name, long tCkPs, int transfersPerClock, int burstLength,
        int cl, int cwl, int rcd, int rp, int ras, int rc,
        int ccdS, int ccdL, int rrdS, int rrdL, int faw,
        int wtrS, int wtrL, int rtp, int wr, int rfc, int refi) {

    public DramTiming {
        if (tCkPs <= 0 || transfersPerClock <= 0 || burstLength <= 0 || burstLength % transfersPerClock != 0) {
            throw new IllegalArgumentException(name + ": tCK, data rate and burst length must be positive,"
                    + " with the burst a whole number of clocks");
        }
        int[] all = {cl, cwl, rcd, rp, ras, rc, ccdS, ccdL, rrdS, rrdL, faw, wtrS, wtrL, rtp, wr, rfc, refi};
        for (int v : all) {
            if (v < 1) {
                throw new IllegalArgumentException(name + ": every timing must be at least 1 cycle");
            }
        }
    }

    /** Clocks one burst occupies the data bus (nBL). */
    public int burstClocks() {
        return burstLength / transfersPerClock;
    }

    /**
     * Read-to-write turnaround on one rank: the write's data may start only after the read's data
     * has left the bus plus two clocks for the bus to change direction (the DDR4 tRTW rule).
     */
    public int readToWrite() {
        return Math.max(1, cl + burstClocks() + 2 - cwl);
    }
}

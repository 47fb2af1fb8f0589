package dev.lockstep.fabric.kernel;

/**
 * What a kernel cost the fabric, summed over its frames and host loads; the fabric-device layer turns
 * these into telemetry and cost (tfmbs.md 5). Counts are exact at every fidelity.
 *
 * @param totalOps   lane-cycles of enabled lanes on enabled tiles (the sum of ACTIVE): every trit
 *                   product the lanes evaluated, zero or not, padding lanes of a partly filled tile included
 * @param zeroSkips  the sum of SKIP: products whose weight or input trit was 0 under ZERO_SKIP
 * @param activeOps  totalOps - zeroSkips
 * @param bankReads  SRAM words read by frames: 2 banks x DEPTH per tile of the fabric, masked tiles
 *                   included, because the shared controller reads every tile's banks
 * @param bankWrites SRAM words the host wrote; a broadcast word counts once per tile it lands in
 * @param broadcasts host writes through the broadcast weight window (one per word, whatever the tiles)
 * @param cycles     the sum of CYCLES (compute cycles) over the frames
 * @param edges      the sum of START-to-DONE clock edges (CYCLES + 3 per frame), frames back to back
 * @param frames     frames run
 */
public record KernelStats(long totalOps, long zeroSkips, long activeOps, long bankReads, long bankWrites,
                          long broadcasts, long cycles, long edges, long frames) {
    /** zeroSkips / totalOps, 0 when nothing ran. */
    public double zeroSkipRatio() {
        return totalOps == 0 ? 0 : (double) zeroSkips / totalOps;
    }
}

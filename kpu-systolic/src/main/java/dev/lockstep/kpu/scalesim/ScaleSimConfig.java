package dev.lockstep.kpu.scalesim;

import java.util.List;

/**
 * The settings of a SCALE-Sim v2 {@code .cfg} file. Only the array shape and the dataflow enter the
 * compute report; SRAM sizes, offsets and bandwidths are kept so a run can be described completely.
 *
 * @param runName            {@code [general] run_name}; the report goes to {@code OUTDIR/runName/}
 * @param arrayHeight        rows of the array (R)
 * @param arrayWidth         columns of the array (C)
 * @param bandwidths         {@code Bandwidth}, words per cycle per memory bank; empty when absent
 * @param memoryBanks        {@code MemoryBanks}; 1 when absent, as in SCALE-Sim
 * @param userBandwidth      true for {@code InterfaceBandwidth: USER}, false for {@code CALC}
 */
public record ScaleSimConfig(
        String runName,
        int arrayHeight,
        int arrayWidth,
        long ifmapSramKb,
        long filterSramKb,
        long ofmapSramKb,
        long ifmapOffset,
        long filterOffset,
        long ofmapOffset,
        ScaleSimDataflow dataflow,
        List<Long> bandwidths,
        int memoryBanks,
        boolean userBandwidth) {

    public ScaleSimConfig {
        bandwidths = List.copyOf(bandwidths);
    }
}

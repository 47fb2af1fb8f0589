package dev.lockstep.memory.dram;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.Defaulted;

/**
 * Timing values a configuration replaces in its preset, each in clocks of the preset's clock
 * (except {@code tCK_ps}); a key left out keeps the preset's value. Keys use the JEDEC names.
 */
public record TimingOverrides(
        @JsonProperty("tCK_ps") @Defaulted Long tCkPs,
        @JsonProperty("CL") @Defaulted Integer cl,
        @JsonProperty("CWL") @Defaulted Integer cwl,
        @JsonProperty("tRCD") @Defaulted Integer rcd,
        @JsonProperty("tRP") @Defaulted Integer rp,
        @JsonProperty("tRAS") @Defaulted Integer ras,
        @JsonProperty("tRC") @Defaulted Integer rc,
        @JsonProperty("tCCD_S") @Defaulted Integer ccdS,
        @JsonProperty("tCCD_L") @Defaulted Integer ccdL,
        @JsonProperty("tRRD_S") @Defaulted Integer rrdS,
        @JsonProperty("tRRD_L") @Defaulted Integer rrdL,
        @JsonProperty("tFAW") @Defaulted Integer faw,
        @JsonProperty("tWTR_S") @Defaulted Integer wtrS,
        @JsonProperty("tWTR_L") @Defaulted Integer wtrL,
        @JsonProperty("tRTP") @Defaulted Integer rtp,
        @JsonProperty("tWR") @Defaulted Integer wr,
        @JsonProperty("tRFC") @Defaulted Integer rfc,
        @JsonProperty("tREFI") @Defaulted Integer refi) {

    private static final int MAX_CLOCKS = 10_000_000;

    public static final TimingOverrides NONE = new TimingOverrides(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);

    public TimingOverrides {
        if (tCkPs != null) {
            Check.range("tCK_ps", tCkPs, 1, 1_000_000);
        }
        check("CL", cl);
        check("CWL", cwl);
        check("tRCD", rcd);
        check("tRP", rp);
        check("tRAS", ras);
        check("tRC", rc);
        check("tCCD_S", ccdS);
        check("tCCD_L", ccdL);
        check("tRRD_S", rrdS);
        check("tRRD_L", rrdL);
        check("tFAW", faw);
        check("tWTR_S", wtrS);
        check("tWTR_L", wtrL);
        check("tRTP", rtp);
        check("tWR", wr);
        check("tRFC", rfc);
        check("tREFI", refi);
    }

    private static void check(String key, Integer value) {
        if (value != null) {
            Check.range(key, value, 1, MAX_CLOCKS);
        }
    }

    /** The preset with these values in place of its own. */
    public DramTiming applyTo(DramTiming p) {
        return new DramTiming(p.name(), or(tCkPs, p.tCkPs()), p.transfersPerClock(), p.burstLength(),
                or(cl, p.cl()), or(cwl, p.cwl()), or(rcd, p.rcd()), or(rp, p.rp()), or(ras, p.ras()), or(rc, p.rc()),
                or(ccdS, p.ccdS()), or(ccdL, p.ccdL()), or(rrdS, p.rrdS()), or(rrdL, p.rrdL()), or(faw, p.faw()),
                or(wtrS, p.wtrS()), or(wtrL, p.wtrL()), or(rtp, p.rtp()), or(wr, p.wr()), or(rfc, p.rfc()),
                or(refi, p.refi()));
    }

    private static int or(Integer v, int preset) {
        return v == null ? preset : v;
    }

    private static long or(Long v, long preset) {
        return v == null ? preset : v;
    }
}

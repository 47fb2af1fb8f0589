package dev.lockstep.memory.dram;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lockstep.sim.config.Check;
import dev.lockstep.sim.config.ConfigException;
import dev.lockstep.sim.config.Defaulted;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A DRAM device as configured (read by {@code ConfigReader} from YAML or JSON): a standard, and
 * optionally its organization and speed presets, channel and rank counts, address mapping, page
 * policy, queue sizes and timing overrides. Left-out keys take the standard's defaults (see
 * {@link DramSpec#defaults}); every value is checked here and a bad one names its key.
 *
 * <pre>
 * standard: DDR4            # DDR4, LPDDR5, GDDR6, HBM3
 * speed: DDR4_3200
 * channels: 2
 * mapping: RoRaBaCoBgCh
 * page_policy: open         # open or closed
 * timing: {tRCD: 24, tRFC: 880}
 * </pre>
 */
public record DramConfig(
        String standard,
        @Defaulted String organization,
        @Defaulted String speed,
        @Defaulted Integer channels,
        @Defaulted Integer ranks,
        @Defaulted String mapping,
        @JsonProperty("page_policy") @Defaulted String pagePolicy,
        @JsonProperty("read_queue") @Defaulted Integer readQueue,
        @JsonProperty("write_queue") @Defaulted Integer writeQueue,
        @JsonProperty("write_high_watermark") @Defaulted Integer writeHigh,
        @JsonProperty("write_low_watermark") @Defaulted Integer writeLow,
        @JsonProperty("request_slots") @Defaulted Integer requestSlots,
        @Defaulted TimingOverrides timing) {

    public DramConfig {
        Check.notBlank("standard", standard);
        DramStandard s = DramStandard.byName(standard);
        if (s == null) {
            throw new ConfigException("standard", "unknown standard '" + standard + "', allowed: "
                    + String.join(", ", DramStandard.names()));
        }
        organization = organization == null ? s.defaultOrganization() : organization;
        if (!s.organizations().containsKey(organization)) {
            throw new ConfigException("organization", "unknown " + standard + " organization '" + organization
                    + "', allowed: " + String.join(", ", new TreeSet<>(s.organizations().keySet())));
        }
        speed = speed == null ? s.defaultTiming() : speed;
        if (!s.timings().containsKey(speed)) {
            throw new ConfigException("speed", "unknown " + standard + " speed '" + speed + "', allowed: "
                    + String.join(", ", new TreeSet<>(s.timings().keySet())));
        }
        DramOrganization o = s.organizations().get(organization);
        channels = powerOfTwo("channels", channels == null ? o.channels() : channels);
        ranks = powerOfTwo("ranks", ranks == null ? o.ranks() : ranks);
        mapping = mapping == null ? s.defaultMapping() : mapping;
        pagePolicy = pagePolicy == null ? "open" : pagePolicy;
        if (!pagePolicy.equals("open") && !pagePolicy.equals("closed")) {
            throw new ConfigException("page_policy", "value '" + pagePolicy + "' is not allowed, allowed: open, closed");
        }
        readQueue = Check.range("read_queue", readQueue == null ? 32 : readQueue, 1, 4096);
        writeQueue = Check.range("write_queue", writeQueue == null ? 32 : writeQueue, 1, 4096);
        writeHigh = Check.range("write_high_watermark", writeHigh == null ? writeQueue * 3 / 4 : writeHigh, 1, writeQueue);
        writeLow = Check.range("write_low_watermark", writeLow == null ? writeQueue / 4 : writeLow, 0, writeHigh - 1);
        requestSlots = Check.range("request_slots", requestSlots == null ? 32 : requestSlots, 1, 1 << 20);
        timing = timing == null ? TimingOverrides.NONE : timing;
        try {
            new AddressMapping(mapping, o, o.dqBits() / 8 * s.timings().get(speed).burstLength());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mapping", e.getMessage());
        }
        try {
            timing.applyTo(s.timings().get(speed));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("timing", e.getMessage());
        }
    }

    private static int powerOfTwo(String key, int value) {
        Check.range(key, value, 1, 1024);
        if (Integer.bitCount(value) != 1) {
            throw new ConfigException(key, "value " + value + " is not a power of two");
        }
        return value;
    }

    /** A configuration naming only a standard: everything else its defaults. */
    public static DramConfig of(String standard) {
        return new DramConfig(standard, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The device this configuration describes. */
    public DramSpec toSpec() {
        DramStandard s = DramStandard.byName(standard);
        DramOrganization o = s.organizations().get(organization).withChannels(channels).withRanks(ranks);
        DramTiming t = timing.applyTo(s.timings().get(speed));
        return new DramSpec(s, o, t, mapping, PagePolicy.valueOf(pagePolicy.toUpperCase(Locale.ROOT)),
                readQueue, writeQueue, writeHigh, writeLow, requestSlots);
    }
}

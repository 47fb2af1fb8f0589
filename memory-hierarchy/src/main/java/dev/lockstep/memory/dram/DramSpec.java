package dev.lockstep.memory.dram;

/**
 * A DRAM device fully resolved: standard, organization, timing (overrides applied), mapping, page
 * policy and queue sizes. {@link DramConfig} builds one from a configuration file; tests and
 * benchmarks may build one directly.
 *
 * @param readQueue     read bursts each channel's scheduler can see
 * @param writeQueue    write bursts each channel's scheduler can see
 * @param writeHigh     write bursts queued at which the channel starts draining writes
 * @param writeLow      write bursts queued at which a drain stops (when reads wait)
 * @param requestSlots  requests of each kind (read, write) in flight at once, any size
 */
public record DramSpec(DramStandard standard, DramOrganization organization, DramTiming timing,
                       String mapping, PagePolicy pagePolicy, int readQueue, int writeQueue,
                       int writeHigh, int writeLow, int requestSlots) {

    public DramSpec {
        if (readQueue < 1 || writeQueue < 1 || requestSlots < 1) {
            throw new IllegalArgumentException("queue sizes and request slots must be at least 1");
        }
        if (writeLow < 0 || writeLow >= writeHigh || writeHigh > writeQueue) {
            throw new IllegalArgumentException("write watermarks must satisfy 0 <= low < high <= write queue, got low "
                    + writeLow + ", high " + writeHigh + ", queue " + writeQueue);
        }
        new AddressMapping(mapping, organization, burstBytes(organization, timing));
    }

    /** The standard's default organization and timing, its default mapping, open page, 32-entry queues. */
    public static DramSpec defaults(DramStandard standard) {
        return new DramSpec(standard, standard.organizations().get(standard.defaultOrganization()),
                standard.timings().get(standard.defaultTiming()), standard.defaultMapping(), PagePolicy.OPEN,
                32, 32, 24, 8, 32);
    }

    public DramSpec withOrganization(DramOrganization o) {
        return new DramSpec(standard, o, timing, mapping, pagePolicy, readQueue, writeQueue, writeHigh, writeLow, requestSlots);
    }

    public DramSpec withPagePolicy(PagePolicy p) {
        return new DramSpec(standard, organization, timing, mapping, p, readQueue, writeQueue, writeHigh, writeLow, requestSlots);
    }

    public DramSpec withQueues(int reads, int writes, int high, int low, int slots) {
        return new DramSpec(standard, organization, timing, mapping, pagePolicy, reads, writes, high, low, slots);
    }

    /** Bytes one column command moves on one channel. */
    public int burstBytes() {
        return burstBytes(organization, timing);
    }

    private static int burstBytes(DramOrganization o, DramTiming t) {
        return o.dqBits() / 8 * t.burstLength();
    }

    /** Every channel's data bus busy all the time, in bytes per second. */
    public double peakBytesPerSecond() {
        return organization.channels() * (double) burstBytes() * 1e12 / (timing.burstClocks() * (double) timing.tCkPs());
    }
}

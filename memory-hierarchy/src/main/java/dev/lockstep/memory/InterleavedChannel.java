package dev.lockstep.memory;

/**
 * One channel of a region interleaved over {@code channels} channels every {@code granule} bytes, as
 * its device sees it: the region's addresses that land on this channel, packed densely from 0. A
 * DRAM maps those local addresses to its banks and rows, so consecutive granules of one channel sit
 * next to each other in its rows (as a memory controller's channel bits being removed would do).
 */
final class InterleavedChannel implements ExternalMemory {
    private final ExternalMemory device;
    private final long base;
    private final long granule;
    private final long stride;

    InterleavedChannel(ExternalMemory device, long base, long granule, int channels) {
        this.device = device;
        this.base = base;
        this.granule = granule;
        this.stride = granule * channels;
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public double peakBytesPerSecond() {
        return device.peakBytesPerSecond();
    }

    @Override
    public boolean offer(long address, int bytes, boolean write, MemoryClient client, long tag) {
        long offset = address - base;
        return device.offer(offset / stride * granule + offset % granule, bytes, write, client, tag);
    }

    @Override
    public void notifyWhenReady(boolean write, MemoryClient client, long tag) {
        device.notifyWhenReady(write, client, tag);
    }
}

package dev.lockstep.kpu.compiler;

import dev.lockstep.memory.config.HierarchyConfig;
import java.math.BigInteger;
import dev.lockstep.sim.config.ClockConfig;

/**
 * The rates and latencies the compilers' cost models share, read once from a configuration, with the
 * terms both models build from them, in array (Streamer clock) cycles. Rates are bytes per second; an
 * external transfer is bounded by the slower of the external memory's peak and the DMA engines.
 */
final class CostRates {
    private static final long PS_PER_S = 1_000_000_000_000L;
    private final HierarchyConfig h;
    final long arrayPs;
    private final long externalPerSecond;
    private final long moverPerSecond;
    private final long perTransferPs;

    CostRates(HierarchyConfig h) {
        this.h = h;
        this.arrayPs = period(h.streamer().clock());
        this.externalPerSecond = Math.min((long) h.external().peakBytesPerSecond(h.external().count(), period(h.external().clock())),
                rate(h.dma().count() * (long) h.dma().bytesPerCycle(), h.dma().clock()));
        this.moverPerSecond = rate(h.blockMover().count() * (long) h.blockMover().bytesPerCycle(), h.blockMover().clock());
        // A DMA engine pipelines the rows of a strided tile (docs/memory.md), so each transfer pays the
        // source's and the destination's latency once, whatever its shape.
        this.perTransferPs = h.external().latencyPs(period(h.external().clock())) + h.l3().latencyCycles() * period(h.l3().clock());
    }

    long period(String clock) {
        for (ClockConfig c : h.clocks()) {
            if (c.name().equals(clock)) {
                return c.periodPs();
            }
        }
        throw new IllegalStateException("no clock " + clock);
    }

    private long rate(long bytesPerCycle, String clock) {
        return bytesPerCycle * PS_PER_S / period(clock);
    }

    /** {@code bytes} through the external memory and DMA engines, plus the latency of {@code chainedTransfers} one after another. */
    long externalCycles(long bytes, long chainedTransfers) {
        return MatmulCompiler.ceilDiv(picoseconds(bytes, externalPerSecond), arrayPs)
                + MatmulCompiler.ceilDiv(chainedTransfers * perTransferPs, arrayPs);
    }

    /** {@code bytes} through the BlockMovers. */
    long moverCycles(long bytes) {
        return MatmulCompiler.ceilDiv(picoseconds(bytes, moverPerSecond), arrayPs);
    }

    /**
     * floor(bytes x 10^12 / perSecond), exactly: the product overflows a long beyond about 9.2 MB,
     * which large matmuls and graphs move (it used to wrap, giving negative or wrong cycle terms).
     */
    static long picoseconds(long bytes, long perSecond) {
        if (bytes <= Long.MAX_VALUE / PS_PER_S) {
            return bytes * PS_PER_S / perSecond;
        }
        return BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(PS_PER_S)).divide(BigInteger.valueOf(perSecond)).longValueExact();
    }

    /**
     * Transfers that follow each other: the KPU issues a queue's next instruction only when the last one
     * is done. With two or more DMA engines the A (or input band) and B chains run side by side, and
     * the stores share the engines; with one, everything is in series.
     */
    long chainedTransfers(long aLoads, long bLoads, long stores) {
        return h.dma().count() >= 2 ? Math.max(aLoads, bLoads) + stores / 2 : aLoads + bLoads + stores;
    }

    /** Double-buffered, the slowest term sets the pace; single-buffered, the terms add up. */
    static long estimate(int buffers, long compute, long feed, long external, long mover, long drain) {
        return buffers == 2
                ? Math.max(Math.max(compute, feed), Math.max(Math.max(external, mover), drain))
                : compute + feed + external + mover + drain;
    }
}

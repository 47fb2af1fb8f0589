package dev.lockstep.memory.bench;

import dev.lockstep.memory.MemoryHierarchy;
import dev.lockstep.memory.SimpleMemory;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.engine.BlockMove;
import dev.lockstep.memory.engine.BlockTransform;
import dev.lockstep.memory.engine.CompletionListener;
import dev.lockstep.memory.engine.DmaDescriptor;
import dev.lockstep.memory.engine.StreamShape;
import dev.lockstep.memory.engine.Streamer;
import dev.lockstep.memory.engine.TransactionLog;
import dev.lockstep.memory.map.Region;
import dev.lockstep.memory.map.RegionKind;
import dev.lockstep.sim.Channel;
import dev.lockstep.sim.ClockDomain;
import dev.lockstep.sim.Clocked;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of the memory-bandwidth sweep: a single engine of a hierarchy moves {@code bytes} bytes
 * and the achieved rate (bytes over simulated time from the first submission to the last completion)
 * is compared with the peak of its path (the slowest of engine, source and destination).
 *
 * <ul>
 *   <li>DMA: external memory -> L3, as descriptors of at most one L3 tile (tiles used in turn).
 *       Sequential: consecutive addresses; random: pieces of one interleave granule at random
 *       granule-aligned addresses, one descriptor each.
 *   <li>BlockMover: L3 tile 0 -> L2 bank 0, identity blocks of up to the smaller capacity, rows of
 *       64 four-byte elements; random: each block at a random 256-byte-aligned offset.
 *   <li>Streamer: L2 bank 0 -> lanes L1 FIFOs read every cycle, row streams of 4-byte elements of up
 *       to one bank; random: each stream at a random 256-byte-aligned offset.
 * </ul>
 */
public final class BandwidthSweep {
    public enum Engine { DMA, BLOCK_MOVER, STREAMER }

    public enum Pattern { SEQUENTIAL, RANDOM }

    /** Achieved and peak in bytes per second; events fired and wall time of the simulation. */
    public record Result(Engine engine, Pattern pattern, long bytes, long simulatedPs, double achieved, double peak,
                         long events, long wallNanos) {
        public double efficiency() {
            return achieved / peak;
        }
    }

    private BandwidthSweep() {
    }

    public static Result run(HierarchyConfig config, Engine engine, Pattern pattern, long bytes, long seed) {
        if (bytes < 64 || bytes % 64 != 0) {
            throw new IllegalArgumentException("sweep size " + bytes + " must be a positive multiple of 64 bytes");
        }
        long wall0 = System.nanoTime();
        Simulation sim = new Simulation();
        MemoryHierarchy h = MemoryHierarchy.build(config, sim, TransactionLog.none());
        SplitMix64 rng = new SplitMix64(seed);
        Finish stamp = new Finish(sim);
        double peak = switch (engine) {
            case DMA -> dma(h, pattern, bytes, rng, stamp);
            case BLOCK_MOVER -> blockMover(h, pattern, bytes, rng, stamp);
            case STREAMER -> streamer(h, pattern, bytes, rng, stamp);
        };
        sim.run();
        long wall = System.nanoTime() - wall0;
        return new Result(engine, pattern, bytes, stamp.lastPs, bytes * 1e12 / stamp.lastPs, peak, sim.eventsFired(), wall);
    }

    /** Counts jobs out and back; when the last is done, notes the time and stops the run (a sink never sleeps). */
    private static final class Finish implements CompletionListener {
        private final Simulation sim;
        int jobs;
        long lastPs;

        Finish(Simulation sim) {
            this.sim = sim;
        }

        CompletionListener job() {
            jobs++;
            return this;
        }

        @Override
        public void done(long token) {
            if (--jobs == 0) {
                lastPs = sim.now();
                sim.stop();
            }
        }
    }

    private static double rate(int bytesPerCycle, ClockDomain clock) {
        return bytesPerCycle * 1e12 / clock.periodPs();
    }

    private static double sramPeak(Region r) {
        SimpleMemory m = (SimpleMemory) r.channel(0);
        return m.peakBytesPerSecond();
    }

    private static double dma(MemoryHierarchy h, Pattern pattern, long bytes, SplitMix64 rng, Finish stamp) {
        var cfg = h.config();
        Region ext = h.map().regions(RegionKind.EXTERNAL).get(0);
        List<Region> tiles = h.map().regions(RegionKind.L3);
        long tileBytes = tiles.get(0).capacity();
        long granule = cfg.external().interleaveBytes();
        List<DmaDescriptor> chain = new ArrayList<>();
        long done = 0;
        int tile = 0;
        while (done < bytes) {
            long n = pattern == Pattern.SEQUENTIAL ? Math.min(tileBytes, bytes - done) : Math.min(granule, bytes - done);
            long src = pattern == Pattern.SEQUENTIAL
                    ? ext.base() + done % (ext.capacity() - tileBytes)
                    : ext.base() + granule * ((rng.nextLong() >>> 1) % (ext.capacity() / granule));
            // Random pieces fill a tile granule by granule (the granule divides the tile), then the next tile.
            long dst = tiles.get(tile).base() + (pattern == Pattern.SEQUENTIAL ? 0 : done % tileBytes);
            chain.add(new DmaDescriptor(src, dst, n));
            done += n;
            if (pattern == Pattern.SEQUENTIAL || done % tileBytes == 0) {
                tile = (tile + 1) % tiles.size();
            }
        }
        var d = h.dmas().get(0);
        d.submit(chain, stamp.job(), 0);
        double external = h.externalPeakBytesPerSecond();
        return Math.min(rate(cfg.dma().bytesPerCycle(), d.clock()), Math.min(external, sramPeak(tiles.get(0))));
    }

    private static double blockMover(MemoryHierarchy h, Pattern pattern, long bytes, SplitMix64 rng, Finish stamp) {
        var cfg = h.config();
        Region l3 = h.map().regions(RegionKind.L3).get(0);
        Region l2 = h.map().regions(RegionKind.L2).get(0);
        long cap = Math.min(l3.capacity(), l2.capacity());
        long rowBytes = 256;
        var bm = h.blockMovers().get(0);
        long done = 0;
        while (done < bytes) {
            long n = Math.min(cap, bytes - done);
            int rows = (int) Math.max(1, n / rowBytes);
            int cols = (int) (n >= rowBytes ? rowBytes / 4 : n / 4);
            long size = (long) rows * cols * 4;
            long srcOff = 0;
            long dstOff = 0;
            if (pattern == Pattern.RANDOM) {
                srcOff = 256 * ((rng.nextLong() >>> 1) % ((l3.capacity() - size) / 256 + 1));
                dstOff = 256 * ((rng.nextLong() >>> 1) % ((l2.capacity() - size) / 256 + 1));
            }
            bm.submit(BlockMove.of(l3.base() + srcOff, rows, cols, 4, cols, l2.base() + dstOff, cols, BlockTransform.IDENTITY),
                    stamp.job(), 0);
            done += size;
        }
        ClockDomain clock = h.clock(cfg.blockMover().clock());
        return Math.min(rate(cfg.blockMover().bytesPerCycle(), clock), Math.min(sramPeak(l3), sramPeak(l2)));
    }

    /** Reads every lane every cycle: the fastest consumer, so the stream runs at its own pace. */
    private record Sink(Channel[] lanes) implements Clocked {
        @Override
        public void evaluate() {
            for (Channel c : lanes) {
                if (c.canReceive()) {
                    c.receive();
                }
            }
        }

        @Override
        public void commit() {
        }
    }

    private static double streamer(MemoryHierarchy h, Pattern pattern, long bytes, SplitMix64 rng, Finish stamp) {
        var cfg = h.config();
        int lanes = cfg.streamer().lanes();
        Region l2 = h.map().regions(RegionKind.L2).get(0);
        Channel[] fifos = h.newL1Fifos("l1.fifo", lanes, 4);
        ClockDomain clock = h.clock(cfg.streamer().clock());
        clock.add(new Sink(fifos));
        Streamer s = h.streamers().get(0);
        long rowBytes = l2.capacity() / lanes / 4 * 4;
        long done = 0;
        while (done < bytes) {
            long n = Math.min(rowBytes * lanes, bytes - done);
            int rows = (int) Math.min(lanes, Math.max(1, n / 4));
            int cols = (int) Math.max(1, n / 4 / rows);
            long size = (long) rows * cols * 4;
            long off = 0;
            if (pattern == Pattern.RANDOM) {
                off = 256 * ((rng.nextLong() >>> 1) % ((l2.capacity() - size) / 256 + 1));
            }
            s.feed(StreamShape.ROWS, l2.base() + off, rows, cols, 4, cols, fifos, stamp.job(), 0);
            done += size;
        }
        double lanesRate = (double) lanes * 4 * 1e12 / clock.periodPs();
        return Math.min(lanesRate, sramPeak(l2));
    }
}

package dev.lockstep.memory.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.memory.MemoryClient;
import dev.lockstep.sim.Simulation;
import dev.lockstep.sim.config.ConfigReader;
import dev.lockstep.sim.random.SplitMix64;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mixed random traffic (reads and writes, 1 B .. 4 KB, random addresses, several clients, across
 * several refresh intervals) on configurations the other tests do not reach: two ranks, closed
 * page, Ramulator-style mapping, several channels, small queues. What is checked: every request
 * completes exactly once, every byte requested is covered by whole bursts, and the timing checker
 * (run by {@link CheckedDram}) finds no violation in any channel.
 */
class DramStressTest {
    @RegisterExtension
    final CheckedDram checked = new CheckedDram();

    @ParameterizedTest
    @ValueSource(strings = {
        "standard: DDR4\nranks: 2\n",
        "standard: DDR4\nranks: 2\npage_policy: closed\nmapping: RoBaRaCoCh\n",
        "standard: LPDDR5\nchannels: 2\nread_queue: 4\nwrite_queue: 4\nwrite_high_watermark: 3\nwrite_low_watermark: 1\n",
        "standard: GDDR6\nchannels: 4\nmapping: RoCoBaRaCh\npage_policy: closed\n",
        "standard: HBM3\nchannels: 4\nranks: 2\nrequest_slots: 4\n",
    })
    void mixedRandomTrafficIsLegalAndCompletes(String yaml) {
        Simulation sim = new Simulation();
        DramSpec spec = ConfigReader.read(yaml, ConfigReader.Format.YAML, "stress", DramConfig.class).toSpec();
        Dram dram = checked.create(sim, spec);
        int clients = 3;
        int perClient = 700;
        long span = Math.min(dram.mapping().capacity(), 64L << 20);
        int[] done = new int[clients];
        long[] expectedBursts = {0};
        for (int c = 0; c < clients; c++) {
            SplitMix64 rnd = new SplitMix64(100 + c);
            int id = c;
            int[] issued = {0};
            MemoryClient[] self = new MemoryClient[1];
            self[0] = tag -> {
                if (tag >= 0) {
                    done[id]++;
                }
                while (issued[0] < perClient) {
                    boolean write = rnd.oneIn(3);
                    int size = 1 + rnd.nextInt(4096);
                    long address = Math.floorMod(rnd.nextLong(), span - size);
                    if (!dram.offer(address, size, write, self[0], issued[0])) {
                        dram.notifyWhenReady(write, self[0], -1);
                        // Drawn but not offered: the retry draws anew, which is fine for a stress load.
                        return;
                    }
                    long burst = spec.burstBytes();
                    expectedBursts[0] += (address + size - 1) / burst - address / burst + 1;
                    issued[0]++;
                    if (rnd.oneIn(4)) {
                        return; // leave room for the other clients
                    }
                }
            };
            self[0].completed(-1);
        }
        sim.run();
        for (int c = 0; c < clients; c++) {
            assertEquals(perClient, done[c], "client " + c);
        }
        assertEquals(expectedBursts[0], dram.readBursts() + dram.writeBursts());
    }
}

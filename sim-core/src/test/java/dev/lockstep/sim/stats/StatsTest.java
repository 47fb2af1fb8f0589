package dev.lockstep.sim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsTest {
    @Test
    void histogramBucketsByHand() {
        Histogram h = new Simulation().stats().histogram("lat", 0, 10, 20, 40);
        for (long v : new long[] {-1, 0, 9, 10, 39, 40, 100}) {
            h.record(v);
        }
        // [0,10): 0, 9; [10,20): 10; [20,40): 39; below 0: -1; at or above 40: 40, 100.
        assertEquals(2, h.bucket(0));
        assertEquals(1, h.bucket(1));
        assertEquals(1, h.bucket(2));
        assertEquals(1, h.underflow());
        assertEquals(2, h.overflow());
        assertEquals(-1 + 0 + 9 + 10 + 39 + 40 + 100, h.sum());
    }

    @Test
    void occupancyIsTheTimeWeightedMean() {
        Simulation sim = new Simulation();
        Occupancy q = sim.stats().occupancy("q");
        int h = sim.register(arg -> q.set(arg));
        sim.schedule(100, h, 4);
        sim.schedule(300, h, 1);
        sim.runUntil(400);
        // 0 on [0,100), 4 on [100,300), 1 on [300,400): (0 + 800 + 100) / 400 = 2.25
        assertEquals(2.25, q.mean(), 1e-12);
        assertEquals(4, q.max());
    }

    @Test
    void jsonHasSortedNamesAndIsWrittenAtomically(@TempDir Path dir) throws Exception {
        Simulation sim = new Simulation();
        Stats s = sim.stats();
        s.counter("z.count").add(3);
        s.counter("a.count").increment();
        s.histogram("h", 0, 5, 10).record(7);
        s.occupancy("o").set(2);
        sim.runUntil(10);
        String expected = """
                {
                  "now_ps" : 10,
                  "counters" : {
                    "a.count" : 1,
                    "z.count" : 3
                  },
                  "histograms" : {
                    "h" : {
                      "count" : 1,
                      "sum" : 7,
                      "min" : 7,
                      "max" : 7,
                      "bounds" : [
                        0,
                        5,
                        10
                      ],
                      "counts" : [
                        0,
                        1
                      ],
                      "underflow" : 0,
                      "overflow" : 0
                    }
                  },
                  "occupancies" : {
                    "o" : {
                      "level" : 2,
                      "max" : 2,
                      "mean" : 2.0,
                      "since_ps" : 0
                    }
                  }
                }
                """;
        assertEquals(expected, s.toJson());
        Path out = dir.resolve("stats.json");
        s.writeJson(out);
        assertEquals(expected, Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aNameBelongsToOneKind() {
        Stats s = new Simulation().stats();
        s.counter("x");
        assertThrows(IllegalArgumentException.class, () -> s.occupancy("x"));
        s.histogram("h", 1, 2);
        assertThrows(IllegalArgumentException.class, () -> s.histogram("h", 1, 3));
    }
}

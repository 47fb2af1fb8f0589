package dev.lockstep.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.fabric.tile.Sram;
import dev.lockstep.rtl.RtlSources;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tile_sram.v against the Java {@link Sram} through the port Sram has (enable, write enable, address,
 * write data, registered dout): random reads, writes and idle edges, half of them on 16 hot addresses
 * so that reads meet recent writes and write edges return the old word (read-first).
 */
class TileSramCosimTest {
    static final CosimSchema SCHEMA = new CosimSchema("tile_sram",
            List.of(new SignalSpec("en", 1), new SignalSpec("we", 1), new SignalSpec("addr", 12),
                    new SignalSpec("din", 24)),
            List.of(new SignalSpec("dout", 24)));

    private static final int CYCLES = 200_000;

    static RtlDesign design(String source) {
        return new RtlDesign("tile_sram", Map.of("tile_sram.v", source), "clk", null);
    }

    /** Edges the Java side saw: a write edge whose dout is the old, different word; a read of nonzero data. */
    static final class Coverage {
        int readFirst;
        int nonZeroReads;
        int holds;
    }

    static CosimModel model(Sram bank, Coverage seen) {
        return new CosimModel() {
            private boolean en;
            private boolean we;
            private int addr;
            private int din;

            @Override
            public void apply(long[] in) {
                en = in[0] != 0;
                we = in[1] != 0;
                addr = (int) in[2];
                din = (int) in[3];
                bank.setEnable(en);
                bank.setWriteEnable(we);
                bank.setAddress(addr);
                bank.setWriteData(din);
            }

            @Override
            public void step() {
                int before = bank.dout();
                int stored = bank.peek(addr);
                bank.evaluate();
                bank.commit();
                if (en && we && stored != din) {
                    seen.readFirst++;
                }
                if (en && !we && bank.dout() != 0) {
                    seen.nonZeroReads++;
                }
                if (!en && before != 0) {
                    seen.holds++;
                }
            }

            @Override
            public void sample(long[] out) {
                out[0] = bank.dout();
            }
        };
    }

    static Stimulus stimulus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] hot = rnd.ints(16, 0, Sram.WORDS).toArray();
        return (cycle, in) -> {
            in[0] = rnd.nextInt(10) < 7 ? 1 : 0;
            in[1] = rnd.nextInt(10) < 4 ? 1 : 0;
            in[2] = rnd.nextBoolean() ? hot[rnd.nextInt(hot.length)] : rnd.nextInt(Sram.WORDS);
            in[3] = rnd.nextInt(1 << 24);
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void randomReadsWritesAndEnablesAgree(long seed) {
        Coverage seen = new Coverage();
        CosimHarness h = new CosimHarness(SCHEMA, design(RtlSources.tileSram()), stimulus(seed),
                model(new Sram("bank"), seen), seed);
        CosimResult r = LockstepRunner.run(h, CYCLES, CosimOptions.defaults());
        System.out.println(r.report());
        System.out.printf("seed %d: %d read-first write edges, %d nonzero reads, %d held edges%n",
                seed, seen.readFirst, seen.nonZeroReads, seen.holds);
        assertEquals(CYCLES, r.cycles());
        assertTrue(r.passed(), r::report);
        // Per edge: enable 0.7 x write 0.4 = 0.28 write edges, 0.42 read edges, 0.3 idle: each in the
        // tens of thousands over 200,000 edges; the floors only catch a stimulus that stopped working.
        assertTrue(seen.readFirst > 10_000, "read-first " + seen.readFirst);
        assertTrue(seen.nonZeroReads > 10_000, "nonzero reads " + seen.nonZeroReads);
        assertTrue(seen.holds > 10_000, "holds " + seen.holds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"write-first", "enable ignored"})
    void aMutantRtlDiverges(String mutant) {
        String source = RtlSources.tileSram();
        String mutated = switch (mutant) {
            // Write-first: the write edge returns the new word instead of the old one.
            case "write-first" -> source.replace("dout <= mem[addr];", "dout <= we ? din : mem[addr];");
            case "enable ignored" -> source.replace("if (en) begin", "if (1'b1) begin");
            default -> throw new IllegalArgumentException(mutant);
        };
        assertFalse(mutated.equals(source), "the mutation applies to the current source");
        CosimHarness h = new CosimHarness(SCHEMA, design(mutated), stimulus(1), model(new Sram("bank"),
                new Coverage()), 1);
        CosimResult r = LockstepRunner.run(h, 10_000, CosimOptions.defaults());
        assertFalse(r.passed(), mutant + " went unnoticed");
    }
}

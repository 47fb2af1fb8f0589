package dev.lockstep.tools;

import dev.lockstep.memory.bench.BandwidthSweep;
import dev.lockstep.memory.bench.BandwidthSweep.Engine;
import dev.lockstep.memory.bench.BandwidthSweep.Pattern;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.OffChipConfig;
import dev.lockstep.memory.dram.DramSpec;
import dev.lockstep.memory.dram.bench.DramBandwidthSweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * `lockstep mem bench`: the memory-bandwidth sweep. For each engine (DMA, BlockMover, Streamer),
 * pattern and size it simulates one engine of the configured hierarchy moving that many bytes and
 * prints achieved against peak GB/s (simulated), plus the simulator's own speed. When the external
 * memory is a DRAM, engine {@code dram} adds the device alone (a closed-loop reader on one channel's
 * DRAM), so the DMA rows can be read against what the DRAM itself gives. `--csv` writes the same rows
 * for the report tools.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Memory-bandwidth sweep: DMA, BlockMover, Streamer (and the DRAM alone when the external memory is one); achieved vs peak GB/s.")
final class MemBenchCommand implements Callable<Integer> {
    static final String CSV_HEADER = "engine,pattern,bytes,simulated_ps,achieved_gbps,peak_gbps,efficiency,events,wall_ms";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "PRESET|FILE", defaultValue = "minimal",
            description = "a preset (minimal, edge_ai, embodied_ai, datacenter) or a .yaml/.json file (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "all",
            description = "dma, bm, streamer, dram (kind dram only) or all (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--pattern", paramLabel = "P", defaultValue = "all",
            description = "seq, random or all (default: ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--size", paramLabel = "BYTES", split = ",",
            description = "sizes to move, e.g. 64,4K,1M (default: 64 B .. 64 MB in steps of 4x)")
    List<String> sizes;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random pattern (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the rows as CSV (written atomically)")
    Path csv;

    @Override
    public Integer call() throws IOException {
        HierarchyConfig cfg = ConfigCommand.load(config);
        boolean dram = OffChipConfig.DRAM.equals(cfg.external().kind());
        List<String> engines = engines(engine, dram);
        List<Pattern> patterns = patterns(pattern);
        List<Long> points = new ArrayList<>();
        if (sizes == null) {
            for (long n = 64; n <= 64L << 20; n *= 4) {
                points.add(n);
            }
        } else {
            for (String s : sizes) {
                points.add(size("--size", s));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "memory bandwidth sweep, config %s, external %s (simulated GB/s; wall time of the simulation)%n",
                cfg.name(), dram ? cfg.external().dramPreset() + " DRAM" : "simple");
        out.printf(Locale.ROOT, "%-9s %-6s %10s %12s %10s %7s %10s %12s%n",
                "engine", "pattern", "bytes", "achieved", "peak", "eff", "wall ms", "events/s");
        List<String> rows = new ArrayList<>();
        for (String e : engines) {
            for (Pattern p : patterns) {
                for (long n : points) {
                    Row r = e.equals("dram") ? dramRow(cfg, p, n) : engineRow(cfg, e, p, n);
                    double wallMs = r.wallNanos / 1e6;
                    out.printf(Locale.ROOT, "%-9s %-6s %10s %12.2f %10.2f %6.1f%% %10.1f %12.0f%n",
                            e, label(p), human(n), r.achieved / 1e9, r.peak / 1e9, 100 * r.achieved / r.peak,
                            wallMs, r.events / (r.wallNanos / 1e9));
                    out.flush();
                    rows.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.4f,%d,%.1f", e, label(p), n,
                            r.simulatedPs, r.achieved / 1e9, r.peak / 1e9, r.achieved / r.peak, r.events, wallMs));
                }
            }
        }
        if (csv != null) {
            writeAtomically(csv, CSV_HEADER + "\n" + String.join("\n", rows) + "\n");
        }
        return ExitCodes.OK;
    }

    /** One printed row; for the DRAM alone, events are its bursts. */
    private record Row(long simulatedPs, double achieved, double peak, long events, long wallNanos) {}

    private Row engineRow(HierarchyConfig cfg, String e, Pattern p, long n) {
        Engine which = switch (e) {
            case "dma" -> Engine.DMA;
            case "bm" -> Engine.BLOCK_MOVER;
            default -> Engine.STREAMER;
        };
        BandwidthSweep.Result r = BandwidthSweep.run(cfg, which, p, n, seed);
        return new Row(r.simulatedPs(), r.achieved(), r.peak(), r.events(), r.wallNanos());
    }

    /**
     * One external channel's DRAM device reading in requests of {@code n} bytes, 16 MiB in all (or one
     * request): as `bench dram` does, long enough that refresh takes its share.
     */
    private Row dramRow(HierarchyConfig cfg, Pattern p, long n) {
        DramSpec device = cfg.external().dramSpec();
        DramBandwidthSweep.Point r = DramBandwidthSweep.point(cfg.external().dramPreset(), device, p == Pattern.RANDOM, n, 16L << 20, seed);
        long ps = Math.round(r.totalBytes() * 1e12 / r.achievedBytesPerSecond());
        return new Row(ps, r.achievedBytesPerSecond(), r.peakBytesPerSecond(), r.bursts(), Math.round(r.wallSeconds() * 1e9));
    }

    private static List<String> engines(String s, boolean dram) {
        List<String> all = dram ? List.of("dma", "bm", "streamer", "dram") : List.of("dma", "bm", "streamer");
        if (s.equals("all")) {
            return all;
        }
        if (s.equals("dram") && !dram) {
            throw new InputException("--engine dram needs a configuration whose external memory is kind dram (e.g. datacenter)");
        }
        if (!all.contains(s)) {
            throw new InputException("--engine must be " + String.join(", ", all) + " or all, got '" + s + "'");
        }
        return List.of(s);
    }

    private static List<Pattern> patterns(String s) {
        return switch (s) {
            case "all" -> List.of(Pattern.values());
            case "seq" -> List.of(Pattern.SEQUENTIAL);
            case "random" -> List.of(Pattern.RANDOM);
            default -> throw new InputException("--pattern must be seq, random or all, got '" + s + "'");
        };
    }

    private static String label(Pattern p) {
        return p == Pattern.SEQUENTIAL ? "seq" : "random";
    }

    /** "64", "4K", "64M", "1G" (powers of 1024); a positive multiple of 64 bytes up to 1 GiB. */
    static long size(String option, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(t) * unit;
        } catch (NumberFormatException e) {
            throw new InputException(option + " must be a size like 64, 4K or 64M, got '" + text + "'");
        }
        if (v < 64 || v % 64 != 0 || v > 1L << 30) {
            throw new InputException(option + " must be a multiple of 64 bytes in 64..1G, got '" + text + "'");
        }
        return v;
    }

    private static String human(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + "M";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + "K";
        }
        return Long.toString(n);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

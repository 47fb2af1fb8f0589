package dev.lockstep.tools;

import dev.lockstep.memory.bench.BandwidthSweep;
import dev.lockstep.memory.bench.BandwidthSweep.Engine;
import dev.lockstep.memory.bench.BandwidthSweep.Pattern;
import dev.lockstep.memory.config.HierarchyConfig;
import dev.lockstep.memory.config.Presets;
import dev.lockstep.sim.config.ConfigReader;
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
 * `lockstep bench memory`: the memory-bandwidth sweep. For each engine (DMA, BlockMover, Streamer),
 * pattern and size it simulates one engine of the configured hierarchy moving that many bytes and
 * prints achieved against peak GB/s (simulated), plus the simulator's own speed; `--csv` writes the
 * same rows for the report tools.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Memory-bandwidth sweep: DMA, BlockMover, Streamer; achieved vs peak GB/s.")
final class BenchMemoryCommand implements Callable<Integer> {
    static final String CSV_HEADER = "engine,pattern,bytes,simulated_ps,achieved_gbps,peak_gbps,efficiency,events,wall_ms";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "PRESET|FILE", defaultValue = "minimal",
            description = "a preset (minimal, edge_ai, embodied_ai, datacenter) or a .yaml/.json file (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "all",
            description = "dma, bm, streamer or all (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--pattern", paramLabel = "P", defaultValue = "all",
            description = "seq, random or all (default: ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--min-size", paramLabel = "BYTES", defaultValue = "64",
            description = "smallest size, e.g. 64, 4K, 1M (default: ${DEFAULT-VALUE})")
    String minSize;

    @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "64M",
            description = "largest size; sizes grow 4x from the smallest (default: ${DEFAULT-VALUE})")
    String maxSize;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random pattern (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the rows as CSV (written atomically)")
    Path csv;

    @Override
    public Integer call() throws IOException {
        HierarchyConfig cfg = Presets.NAMES.contains(config) ? Presets.load(config) : ConfigReader.read(Path.of(config), HierarchyConfig.class);
        List<Engine> engines = engines(engine);
        List<Pattern> patterns = patterns(pattern);
        long lo = size("--min-size", minSize);
        long hi = size("--max-size", maxSize);
        if (hi < lo) {
            throw new InputException("--max-size " + maxSize + " is smaller than --min-size " + minSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "memory bandwidth sweep, config %s (simulated GB/s; wall time of the simulation)%n", cfg.name());
        out.printf(Locale.ROOT, "%-9s %-6s %10s %12s %10s %7s %10s %12s%n",
                "engine", "pattern", "bytes", "achieved", "peak", "eff", "wall ms", "events/s");
        List<String> rows = new ArrayList<>();
        for (Engine e : engines) {
            for (Pattern p : patterns) {
                for (long n = lo; n <= hi; n *= 4) {
                    BandwidthSweep.Result r = BandwidthSweep.run(cfg, e, p, n, seed);
                    double wallMs = r.wallNanos() / 1e6;
                    out.printf(Locale.ROOT, "%-9s %-6s %10s %12.2f %10.2f %6.1f%% %10.1f %12.0f%n",
                            label(e), label(p), human(n), r.achieved() / 1e9, r.peak() / 1e9, 100 * r.efficiency(),
                            wallMs, r.events() / (r.wallNanos() / 1e9));
                    out.flush();
                    rows.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.4f,%d,%.1f", label(e), label(p), n,
                            r.simulatedPs(), r.achieved() / 1e9, r.peak() / 1e9, r.efficiency(), r.events(), wallMs));
                }
            }
        }
        if (csv != null) {
            writeAtomically(csv, CSV_HEADER + "\n" + String.join("\n", rows) + "\n");
        }
        return ExitCodes.OK;
    }

    private static List<Engine> engines(String s) {
        return switch (s) {
            case "all" -> List.of(Engine.values());
            case "dma" -> List.of(Engine.DMA);
            case "bm" -> List.of(Engine.BLOCK_MOVER);
            case "streamer" -> List.of(Engine.STREAMER);
            default -> throw new InputException("--engine must be dma, bm, streamer or all, got '" + s + "'");
        };
    }

    private static List<Pattern> patterns(String s) {
        return switch (s) {
            case "all" -> List.of(Pattern.values());
            case "seq" -> List.of(Pattern.SEQUENTIAL);
            case "random" -> List.of(Pattern.RANDOM);
            default -> throw new InputException("--pattern must be seq, random or all, got '" + s + "'");
        };
    }

    private static String label(Engine e) {
        return switch (e) {
            case DMA -> "dma";
            case BLOCK_MOVER -> "bm";
            case STREAMER -> "streamer";
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

package dev.lockstep.tools;

import dev.lockstep.memory.dram.DramStandard;
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
 * `lockstep bench dram`: the DRAM bandwidth sweep (sequential and random reads, 64 B .. 64 MB
 * requests) per standard, achieved against peak GB/s, and the simulation speed in DRAM bursts per
 * CPU second, the median of {@code --repeat} runs of each point; optionally the same figures as CSV.
 */
@Command(name = "dram", mixinStandardHelpOptions = true,
        description = "DRAM bandwidth sweep: achieved vs peak GB/s per standard, sequential and random, 64 B .. 64 MB requests.")
final class BenchDramCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--standard", paramLabel = "NAME", split = ",",
            description = "standards to sweep (default: all of DDR4, LPDDR5, GDDR6, HBM3)")
    List<String> standards;

    @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "64M",
            description = "largest request size, a power of 4 times 64 B, suffix K/M/G allowed (default: ${DEFAULT-VALUE})")
    String maxSize;

    @Option(names = "--total", paramLabel = "BYTES", defaultValue = "16M",
            description = "bytes read per point at least (default: ${DEFAULT-VALUE})")
    String total;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "runs of the sweep; the speed shown is each point's median (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the figures as CSV to FILE")
    Path csv;

    @Override
    public Integer call() {
        List<String> chosen = standards == null ? DramStandard.names() : standards;
        for (String s : chosen) {
            if (DramStandard.byName(s) == null) {
                throw new InputException("--standard: unknown standard '" + s + "', allowed: "
                        + String.join(", ", DramStandard.names()));
            }
        }
        long max = bytes("--max-size", maxSize);
        long min = bytes("--total", total);
        if (max < DramBandwidthSweep.MIN_SIZE || max > DramBandwidthSweep.MAX_SIZE) {
            throw new InputException("--max-size must be 64 B .. 64 MB, got " + maxSize);
        }
        if (repeat < 1 || repeat > 100) {
            throw new InputException("--repeat must be 1..100, got " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DramBandwidthSweep.Point> points = medians(chosen, min, max);
        out.printf(Locale.ROOT, "%-7s %-10s %12s %12s %10s %7s %24s %15s%n", "dram", "pattern", "request B",
                "achieved GB/s", "peak GB/s", "eff", "M bursts/cpu-s (median)", "M bursts/wall-s");
        for (DramBandwidthSweep.Point p : points) {
            out.printf(Locale.ROOT, "%-7s %-10s %12d %12.2f %10.2f %6.1f%% %24.2f %15.2f%n", p.standard(), p.pattern(),
                    p.requestBytes(), p.achievedBytesPerSecond() / 1e9, p.peakBytesPerSecond() / 1e9,
                    100 * p.efficiency(), p.burstsPerCpuSecond() / 1e6, p.burstsPerWallSecond() / 1e6);
        }
        if (csv != null) {
            writeAtomically(csv, DramBandwidthSweep.csv(points));
        }
        return ExitCodes.OK;
    }

    /** Runs the sweep {@code repeat} times; each point keeps its (deterministic) figures and the median speeds (CPU, wall). */
    private List<DramBandwidthSweep.Point> medians(List<String> chosen, long min, long max) {
        List<List<DramBandwidthSweep.Point>> runs = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            runs.add(DramBandwidthSweep.sweep(chosen, min, max));
        }
        List<DramBandwidthSweep.Point> out = new ArrayList<>();
        for (int i = 0; i < runs.get(0).size(); i++) {
            DramBandwidthSweep.Point p = runs.get(0).get(i);
            double[] rates = new double[repeat];
            double[] wallRates = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                DramBandwidthSweep.Point q = runs.get(r).get(i);
                if (q.bursts() != p.bursts() || q.achievedBytesPerSecond() != p.achievedBytesPerSecond()) {
                    throw new IllegalStateException("DRAM sweep not deterministic at " + p.standard() + " " + p.pattern() + " " + p.requestBytes());
                }
                rates[r] = q.burstsPerCpuSecond();
                wallRates[r] = q.burstsPerWallSecond();
            }
            out.add(new DramBandwidthSweep.Point(p.standard(), p.pattern(), p.requestBytes(), p.totalBytes(),
                    p.achievedBytesPerSecond(), p.peakBytesPerSecond(), p.bursts(), p.bursts() / Medians.of(wallRates),
                    p.bursts() / Medians.of(rates)));
        }
        return out;
    }

    private static long bytes(String option, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v <= 0 || v > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new InputException(option + ": '" + text + "' is not a positive byte count (e.g. 4096, 64K, 16M)");
        }
    }

    private static void writeAtomically(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InputException("--csv: cannot write " + file + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that error is the one reported.
                }
            }
        }
    }
}

package dev.lockstep.cosim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns an {@link RtlDesign} into a shared library loadable by {@link VerilatedModel}, caching the
 * result.
 *
 * <p>Layout under the cache root: {@code runtime-<key>/} holds Verilator's own runtime objects
 * (verilated.o, verilated_threads.o), compiled once per Verilator version, compiler and flags, since
 * they dominate build time; {@code models/<top>-<key>/lib<top>.so} holds each built design, keyed by
 * a hash of its sources, top, clock, flags, wrapper ABI, Verilator version and compiler version.
 * Every entry is built in a private temporary directory and renamed into place, so concurrent
 * builders never see a half-written entry (the loser of a race discards its copy).
 */
public final class ModelBuilder {
    private static final List<String> VERILATOR_ARGS =
            List.of("--cc", "-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert");
    // The defines and warning switches are those verilated.mk passes; the rest follow TOOLCHAIN.md:
    // -fPIC for the shared link, hidden visibility (2.5x faster model), -O2 (Verilator's default -Os is ~2x slower).
    private static final List<String> CXX_FLAGS = List.of(
            "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE=0", "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=0",
            "-faligned-new", "-fcf-protection=none", "-Wno-bool-operation", "-Wno-sign-compare",
            "-Wno-uninitialized", "-Wno-unused-but-set-variable", "-Wno-unused-parameter",
            "-Wno-unused-variable", "-Wno-shadow",
            "-fPIC", "-O2", "-fvisibility=hidden", "-fvisibility-inlines-hidden");
    private static final List<String> LINK_FLAGS =
            List.of("-shared", "-Wl,--exclude-libs,ALL", "-pthread", "-latomic");
    private static final List<String> RUNTIME_SOURCES = List.of("verilated", "verilated_threads");
    private static final int MAX_ERROR_LINES = 30;

    private final Verilator verilator;
    private final CxxCompiler cxx;
    private final Path cacheRoot;

    private ModelBuilder(Verilator verilator, CxxCompiler cxx, Path cacheRoot) {
        this.verilator = verilator;
        this.cxx = cxx;
        this.cacheRoot = cacheRoot;
    }

    /** Locates Verilator and g++ and uses the default cache ({@link #defaultCacheRoot()}). */
    public static ModelBuilder defaults() {
        return new ModelBuilder(Verilator.locate(), CxxCompiler.locate(), defaultCacheRoot());
    }

    public static ModelBuilder withCache(Verilator verilator, Path cacheRoot) {
        return new ModelBuilder(verilator, CxxCompiler.locate(), cacheRoot);
    }

    /** {@code $LOCKSTEP_CACHE/verilator}, else {@code ~/.cache/lockstep/verilator}. */
    public static Path defaultCacheRoot() {
        String env = System.getenv("LOCKSTEP_CACHE");
        Path base = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "lockstep");
        return base.resolve("verilator");
    }

    public Verilator verilator() {
        return verilator;
    }

    /**
     * Returns the cached library for this design, building it first if needed.
     *
     * @throws RtlBuildException with Verilator's or the compiler's messages when the design does not build
     */
    public BuiltModel build(RtlDesign design) {
        String key = modelKey(design);
        Path dir = cacheRoot.resolve("models").resolve(design.top() + "-" + key);
        Path library = dir.resolve(libraryName(design));
        if (Files.isRegularFile(library)) {
            return new BuiltModel(design, library, true);
        }
        List<Path> runtime = runtimeObjects();
        try {
            Path tmp = newTempDir();
            try {
                compileModel(design, tmp, runtime);
                Files.writeString(tmp.resolve("design.txt"), describe(design), StandardCharsets.UTF_8);
                publish(tmp, dir);
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new RtlBuildException("cannot build '" + design.top() + "' in cache " + cacheRoot + ": " + e.getMessage());
        }
        return new BuiltModel(design, library, false);
    }

    private static String libraryName(RtlDesign design) {
        return "lib" + design.top() + ".so";
    }

    private void compileModel(RtlDesign design, Path tmp, List<Path> runtime) throws IOException {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path obj = Files.createDirectory(tmp.resolve("obj"));
        List<String> cmd = new ArrayList<>();
        cmd.add(verilator.binary().toString());
        cmd.addAll(VERILATOR_ARGS);
        cmd.addAll(List.of("--top-module", design.top(), "-Mdir", obj.toString(), "-I."));
        for (Map.Entry<String, String> f : design.files().entrySet()) {
            Files.writeString(src.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            if (f.getKey().endsWith(".v") || f.getKey().endsWith(".sv")) {
                cmd.add(f.getKey());
            }
        }
        Processes.Outcome v = Processes.run(cmd, src);
        if (!v.ok()) {
            throw new RtlBuildException("Verilator rejected design '" + design.top() + "':\n" + errorLines(v.output()));
        }
        Path header = obj.resolve("V" + design.top() + ".h");
        List<PortInfo> ports = VerilatedHeader.ports(Files.readString(header, StandardCharsets.UTF_8));
        checkPort(design, ports, design.clock(), "clock");
        checkPort(design, ports, design.reset(), "reset");

        String wrapper = WrapperSource.generate(design, ports);
        Files.writeString(tmp.resolve("lockstep_wrapper.cpp"), wrapper, StandardCharsets.UTF_8);
        // One translation unit, as Verilator's own small-design build does: cheapest to compile.
        StringBuilder unit = new StringBuilder();
        try (Stream<Path> files = Files.list(obj)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".cpp"))
                    .sorted()
                    .forEach(n -> unit.append("#include \"").append(n).append("\"\n"));
        }
        unit.append(wrapper);
        Path all = obj.resolve("lockstep_model.cpp");
        Files.writeString(all, unit, StandardCharsets.UTF_8);

        List<String> cc = compilerCommand();
        cc.add("-I" + obj);
        cc.addAll(List.of("-o", tmp.resolve(libraryName(design)).toString(), all.toString()));
        runtime.forEach(o -> cc.add(o.toString()));
        cc.addAll(LINK_FLAGS);
        Processes.Outcome c = Processes.run(cc, obj);
        if (!c.ok()) {
            throw new RtlBuildException("C++ build of verilated '" + design.top() + "' failed:\n" + errorLines(c.output()));
        }
        deleteTree(src);
        deleteTree(obj);
    }

    private static void checkPort(RtlDesign design, List<PortInfo> ports, String name, String role) {
        if (name == null) {
            return;
        }
        boolean found = ports.stream().anyMatch(p -> p.name().equals(name) && p.direction() == PortInfo.Direction.IN);
        if (!found) {
            throw new RtlBuildException("design '" + design.top() + "' has no input '" + name + "' to use as " + role
                    + "; its ports are " + ports.stream().map(PortInfo::name).toList());
        }
    }

    private List<String> compilerCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(cxx.binary().toString());
        cmd.add("-I" + verilator.include());
        cmd.add("-I" + verilator.include().resolve("vltstd"));
        cmd.addAll(CXX_FLAGS);
        return cmd;
    }

    /** Verilator's runtime objects, compiled on first use for this Verilator, compiler and flags. */
    private List<Path> runtimeObjects() {
        Path dir = cacheRoot.resolve("runtime-" + hash(List.of(verilator.versionLine(), cxx.version(), CXX_FLAGS.toString())));
        List<Path> objects = RUNTIME_SOURCES.stream().map(n -> dir.resolve(n + ".o")).toList();
        if (objects.stream().allMatch(Files::isRegularFile)) {
            return objects;
        }
        try {
            Path tmp = newTempDir();
            try {
                // Both units at once: this is most of a cold build, and machines have at least 2 cores.
                List<Process> running = new ArrayList<>();
                for (String name : RUNTIME_SOURCES) {
                    List<String> cmd = compilerCommand();
                    cmd.addAll(List.of("-c", verilator.include().resolve(name + ".cpp").toString(), "-o",
                            tmp.resolve(name + ".o").toString()));
                    running.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
                }
                for (int i = 0; i < running.size(); i++) {
                    Process p = running.get(i);
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor() != 0) {
                        throw new RtlBuildException("compiling Verilator's runtime " + RUNTIME_SOURCES.get(i)
                                + ".cpp failed:\n" + errorLines(out));
                    }
                }
                publish(tmp, dir);
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new RtlBuildException("cannot build Verilator's runtime in cache " + cacheRoot + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtlBuildException("interrupted while building Verilator's runtime");
        }
        return objects;
    }

    private Path newTempDir() throws IOException {
        Path parent = Files.createDirectories(cacheRoot.resolve("tmp"));
        return Files.createTempDirectory(parent, ".tmp-");
    }

    /** Renames a finished build into place; if another builder got there first, theirs is kept. */
    private static void publish(Path tmp, Path target) throws IOException {
        // In a fresh cache the parent (models/) does not exist yet, and a rename does not create it.
        Files.createDirectories(target.getParent());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A concurrent build of the same key finished first: same content, keep theirs.
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    private String modelKey(RtlDesign design) {
        List<String> parts = new ArrayList<>();
        parts.add("abi " + WrapperSource.ABI_VERSION);
        parts.add(verilator.versionLine());
        parts.add(cxx.version());
        parts.add(VERILATOR_ARGS.toString());
        parts.add(CXX_FLAGS.toString());
        parts.add(LINK_FLAGS.toString());
        parts.add(describe(design));
        design.files().forEach((name, text) -> {
            parts.add(name);
            parts.add(text);
        });
        return hash(parts);
    }

    private static String describe(RtlDesign design) {
        return "top " + design.top() + "\nclock " + design.clock() + "\nreset " + design.reset()
                + "\nfiles " + design.files().keySet() + "\n";
    }

    /** Length-prefixed so that no two different part lists hash alike. */
    private static String hash(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String errorLines(String output) {
        List<String> lines = output.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("%Error: Exiting due to"))
                .toList();
        List<String> kept = lines.subList(0, Math.min(lines.size(), MAX_ERROR_LINES));
        String more = lines.size() > MAX_ERROR_LINES ? "\n... (" + (lines.size() - MAX_ERROR_LINES) + " more lines)" : "";
        return String.join("\n", kept) + more;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Leftover temp files waste space but never corrupt the cache: entries appear only by rename.
        }
    }
}

package dev.lockstep.cosim;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed Verilator: its binary, its version and the root holding its C++ runtime sources.
 * The version is part of every cache key, so upgrading Verilator never reuses stale models.
 */
public final class Verilator {
    static final String INSTALL_HINT = "apt-get install -y verilator";
    private static final Pattern VERSION = Pattern.compile("Verilator\\s+(\\d+\\.\\d+)");

    private final Path binary;
    private final String version;
    private final String versionLine;
    private final Path root;

    private Verilator(Path binary, String version, String versionLine, Path root) {
        this.binary = binary;
        this.version = version;
        this.versionLine = versionLine;
        this.root = root;
    }

    /**
     * Finds Verilator: the environment variable VERILATOR (path of the binary) if set, else
     * {@code verilator} on the PATH.
     *
     * @throws VerilatorMissingException if it is absent or does not run
     */
    public static Verilator locate() {
        return locate(System::getenv);
    }

    static Verilator locate(UnaryOperator<String> environment) {
        String env = environment.apply("VERILATOR");
        Path binary;
        if (env != null && !env.isBlank()) {
            binary = Path.of(env);
            if (!Files.isExecutable(binary)) {
                throw new VerilatorMissingException("VERILATOR=" + env + " is not an executable file; unset it or "
                        + "point it at the verilator binary (install: " + INSTALL_HINT + ")");
            }
        } else {
            binary = onPath(environment.apply("PATH"), "verilator");
            if (binary == null) {
                throw new VerilatorMissingException(
                        "Verilator not found on PATH (needed for RTL co-simulation); install it: " + INSTALL_HINT);
            }
        }
        String line = firstLine(query(binary, "--version"));
        Matcher m = VERSION.matcher(line);
        if (!m.find()) {
            throw new VerilatorMissingException(binary + " --version printed '" + line
                    + "', not a Verilator version; install it: " + INSTALL_HINT);
        }
        Path root = Path.of(firstLine(query(binary, "--getenv", "VERILATOR_ROOT")));
        if (!Files.isRegularFile(root.resolve("include/verilated.cpp"))) {
            throw new VerilatorMissingException("Verilator at " + binary + " reports root " + root
                    + " without include/verilated.cpp; reinstall it: " + INSTALL_HINT);
        }
        return new Verilator(binary, m.group(1), line, root);
    }

    static Path onPath(String path, String program) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String query(Path binary, String... args) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        try {
            Processes.Outcome out = Processes.run(cmd, null);
            if (!out.ok()) {
                throw new VerilatorMissingException(String.join(" ", cmd) + " failed (exit " + out.exitCode()
                        + "): " + firstLine(out.output()) + "; reinstall it: " + INSTALL_HINT);
            }
            return out.output();
        } catch (IOException e) {
            throw new VerilatorMissingException("cannot run " + binary + ": " + e.getMessage() + "; install it: "
                    + INSTALL_HINT);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    public Path binary() {
        return binary;
    }

    /** Major.minor, e.g. {@code 5.006}. */
    public String version() {
        return version;
    }

    /** What {@code verilator --version} printed, e.g. {@code Verilator 5.006 2023-01-22 rev (Debian 5.006-3)}. */
    public String versionLine() {
        return versionLine;
    }

    /** VERILATOR_ROOT as the binary reports it; its include/ holds the runtime sources. */
    public Path root() {
        return root;
    }

    Path include() {
        return root.resolve("include");
    }

    @Override
    public String toString() {
        return versionLine + " at " + binary;
    }
}

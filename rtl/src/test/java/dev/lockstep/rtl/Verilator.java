package dev.lockstep.rtl;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/** Test-side runner for the verilator binary; a missing Verilator fails the test, it never skips it. */
final class Verilator {
    private Verilator() {
    }

    static Path executable() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "verilator");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("verilator not found on PATH; the RTL tests need it (Debian/Ubuntu: apt-get install -y verilator)");
    }

    /** Writes the files into dir, runs verilator with the arguments there, returns exit code and output. */
    static Result run(Path dir, Map<String, String> files, List<String> arguments) throws IOException, InterruptedException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    record Result(int exitCode, String output) {
    }
}

package dev.lockstep.cosim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs an external tool to completion and keeps its merged output for error messages. */
final class Processes {
    record Outcome(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Processes() {}

    /**
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    static Outcome run(List<String> command, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return new Outcome(p.waitFor(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }
}

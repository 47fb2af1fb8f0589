package dev.lockstep.cosim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The C++ compiler Verilator's output is built with: env CXX if set, else g++ on the PATH. */
record CxxCompiler(Path binary, String version) {
    static CxxCompiler locate() {
        String env = System.getenv("CXX");
        Path binary = env != null && !env.isBlank() ? resolve(env) : Verilator.onPath(System.getenv("PATH"), "g++");
        if (binary == null || !Files.isExecutable(binary)) {
            throw new VerilatorMissingException("C++ compiler " + (env != null && !env.isBlank() ? "CXX=" + env : "g++")
                    + " not found (Verilator models are compiled with it); install it: apt-get install -y g++");
        }
        try {
            Processes.Outcome out = Processes.run(List.of(binary.toString(), "-dumpfullversion", "-dumpversion"), null);
            if (!out.ok()) {
                throw new VerilatorMissingException(binary + " -dumpfullversion failed: " + out.output().strip());
            }
            return new CxxCompiler(binary, out.output().strip());
        } catch (IOException e) {
            throw new VerilatorMissingException("cannot run C++ compiler " + binary + ": " + e.getMessage());
        }
    }

    private static Path resolve(String program) {
        return program.contains("/") ? Path.of(program) : Verilator.onPath(System.getenv("PATH"), program);
    }
}

package dev.lockstep.tools;

import dev.lockstep.kpu.compiler.ConvCompiler;
import dev.lockstep.kpu.compiler.MatmulCompiler;
import dev.lockstep.kpu.graph.ConvShape;
import dev.lockstep.kpu.compiler.Tiling;
import dev.lockstep.kpu.isa.Program;
import dev.lockstep.kpu.isa.ProgramJson;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.KpuConfig;
import dev.lockstep.sim.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What `kpu run` and `kpu compile` take as --workload: `matmul:M,N,K`, `mlp:M,N,K` (matmul + bias +
 * activation on the drain path), `conv:N,H,W,CIN,COUT,KH,KW,STRIDE,PAD` (a direct-convolution
 * program), a built-in name, or a program JSON file. Built-ins: the matmul sweep matmul-64 .. matmul-8192 (square, int8).
 */
record KpuWorkload(Program program, Tiling tiling) {
    static final Map<String, String> BUILT_IN = new LinkedHashMap<>();

    static {
        for (int s = 64; s <= 8192; s *= 2) {
            BUILT_IN.put("matmul-" + s, "matmul:" + s + "," + s + "," + s);
        }
    }

    static KpuWorkload resolve(String spec, KpuConfig config, DType dtype) {
        String s = BUILT_IN.getOrDefault(spec, spec);
        boolean mlp = s.startsWith("mlp:");
        if (s.startsWith("matmul:") || mlp) {
            int[] d = dimensions(spec, s, 3, "matmul:M,N,K or mlp:M,N,K", 1);
            var c = mlp ? MatmulCompiler.compileMlp(config, d[0], d[1], d[2], dtype)
                    : MatmulCompiler.compile(config, d[0], d[1], d[2], dtype);
            return new KpuWorkload(c.program(), c.tiling());
        }
        if (s.startsWith("conv:")) {
            int[] d = dimensions(spec, s, 9, "conv:N,H,W,CIN,COUT,KH,KW,STRIDE,PAD", 0);
            ConvCompiler.Compiled c;
            try {
                c = ConvCompiler.compileDirect(config, new ConvShape(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]), dtype);
            } catch (IllegalArgumentException | ConfigException e) {
                throw new InputException("--workload " + spec + ": " + e.getMessage());
            }
            return new KpuWorkload(c.program(), c.tiling());
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new InputException("--workload '" + spec + "' is not matmul:M,N,K, a built-in (lockstep kpu workloads) or a program file");
        }
        return new KpuWorkload(ProgramJson.read(file), null);
    }

    /** The {@code count} comma-separated whole numbers after the colon, each at least {@code min}. */
    private static int[] dimensions(String spec, String s, int count, String form, int min) {
        String[] p = s.substring(s.indexOf(':') + 1).split(",", -1);
        if (p.length != count) {
            throw new InputException("--workload " + spec + ": expected " + form);
        }
        int[] d = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                d[i] = Integer.parseInt(p[i].trim());
            } catch (NumberFormatException e) {
                throw new InputException("--workload " + spec + ": '" + p[i] + "' is not a whole number");
            }
            if (d[i] < min) {
                throw new InputException("--workload " + spec + ": dimensions must be >= " + min);
            }
        }
        return d;
    }
}

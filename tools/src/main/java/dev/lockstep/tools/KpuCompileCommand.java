package dev.lockstep.tools;

import dev.lockstep.kpu.isa.ProgramJson;
import dev.lockstep.kpu.systolic.DType;
import dev.lockstep.kpu.top.KpuConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `lockstep kpu compile`: print (or write) the program a workload compiles to, as JSON. */
@Command(name = "compile", mixinStandardHelpOptions = true, description = "Compile a workload and print its program as JSON.")
final class KpuCompileCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "PRESET|FILE")
    String config;
    @Option(names = "--workload", required = true, paramLabel = "matmul:M,N,K|mlp:M,N,K|conv:N,H,W,CIN,COUT,KH,KW,STRIDE,PAD|NAME")
    String workload;
    @Option(names = "--dtype", paramLabel = "int8|int16|fp32|bf16", defaultValue = "int8")
    String dtype;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the program here (atomically) instead of printing it")
    Path output;

    @Override
    public Integer call() {
        DType dt;
        try {
            dt = DType.parse(dtype);
        } catch (IllegalArgumentException e) {
            throw new InputException("--" + e.getMessage());
        }
        if (KpuGraphRun.isGraph(workload)) {
            throw new InputException("--workload " + workload + " is a kernel graph: it runs as one program per kernel with `lockstep kpu run`; compile takes matmul:M,N,K, mlp:M,N,K, conv:N,H,W,CIN,COUT,KH,KW,STRIDE,PAD or a matmul built-in");
        }
        KpuWorkload w = KpuWorkload.resolve(workload, KpuConfig.load(config), dt);
        if (output != null) {
            ProgramJson.write(w.program(), output);
        } else {
            spec.commandLine().getOut().println(ProgramJson.write(w.program()));
        }
        return ExitCodes.OK;
    }
}

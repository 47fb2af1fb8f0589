package dev.lockstep.tools;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep kpu workloads`: the built-in workload names. */
@Command(name = "workloads", mixinStandardHelpOptions = true, description = "List the built-in KPU workloads.")
final class KpuWorkloadsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        KpuWorkload.BUILT_IN.forEach((name, def) -> out.printf("%-22s %s (int8 unless --dtype)%n", name, def));
        for (String g : dev.lockstep.kpu.graph.GraphWorkloads.names()) {
            out.printf("%-22s kernel graph (int8 unless --dtype; --no-fuse; --weights int8|int4)%n", g);
        }
        out.println("also: matmul:M,N,K, mlp:M,N,K (bias + activation on the drain path), conv:N,H,W,CIN,COUT,KH,KW,STRIDE,PAD (a direct-convolution program), a program JSON file (lockstep kpu compile -o), or a kernel graph JSON/YAML file (docs/kpu-top.md)");
        return ExitCodes.OK;
    }
}

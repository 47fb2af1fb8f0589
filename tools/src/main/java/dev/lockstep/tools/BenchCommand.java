package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep bench ...`: throughput benchmarks that print medians, ratios and check values. */
@Command(name = "bench", description = "Measure simulation throughput.",
        subcommands = {BenchKernelCommand.class, BenchCosimCommand.class, BenchSystolicCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: kernel, cosim or systolic");
    }
}

package dev.lockstep.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `lockstep kpu ...`: the KPU's blocks run on their own. */
@Command(name = "kpu", mixinStandardHelpOptions = true, description = "Run KPU blocks: the systolic array.",
        subcommands = {KpuMatmulCommand.class})
final class KpuCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: matmul");
    }
}
